/// A command the documents service handles.
public protocol DocumentsCommand: Command {}

extension DocumentsCommand {
    public static var destination: CommandDestination { .service(.documents) }
}

/// An event the documents service publishes.
public protocol DocumentsEvent: Event {}

extension DocumentsEvent {
    public static var source: ServiceName { .documents }
}

/// The documents service's messages: streamed uploads and downloads in chunks (decision 0018),
/// versions, review, sharing, processing and deletion.
public enum DocumentsContracts: ServiceContracts {
    public static let owner: ServiceName? = .documents

    public static let commands: [any Command.Type] = [
        BeginUploadV1.self, UploadChunkV1.self, CompleteUploadV1.self, AbortUploadV1.self, GetDocumentV1.self, ListVersionsV1.self,
        ListDocumentsV1.self, OpenDownloadV1.self, ReadChunkV1.self, ReviewDocumentV1.self, ShareDocumentV1.self, RevokeShareV1.self,
        DeleteDocumentV1.self, GetDocumentTextV1.self, SetSprintRequirementsV1.self,
    ] + TenantDataOwners.commands(of: .documents)

    public static let replies: [any Message.Type] = [
        DocumentV1.self, DocumentListV1.self, UploadSessionV1.self, UploadProgressV1.self, DownloadV1.self, ChunkV1.self, ShareV1.self,
        DocumentTextV1.self,
    ]

    public static let events: [any Event.Type] = [
        DocumentUploadedV1.self, DocumentVersionAddedV1.self, DocumentProcessedV1.self, DocumentReviewedV1.self,
        SprintDocumentsApprovedV1.self, DocumentSharedV1.self, ShareRevokedV1.self, DocumentDeletedV1.self,
    ] + TenantDataOwners.events(of: .documents)
}
