public import SeedBus
import SeedContracts
import SeedServiceKit

/// Connects the documents service's commands and subscriptions on the bus to its use cases: one line each.
public enum DocumentsHandlers {
    public static func register(_ service: DocumentsService, on bus: Bus) {
        // A tenant's data export and erasure (seed-ops tenants; decision 0039), over the declared collections.
        TenantData(service: .documents, work: service.work, collections: DocumentsCollections.all, files: service.tenantFiles).register(on: bus)
        bus.handle(BeginUploadV1.self) { try await service.beginUpload($0, envelope: $1.envelope) }
        bus.handle(UploadChunkV1.self) { try await service.uploadChunk($0, envelope: $1.envelope) }
        bus.handle(CompleteUploadV1.self) { try await service.completeUpload($0, envelope: $1.envelope) }
        bus.handle(AbortUploadV1.self) { try await service.abortUpload($0, envelope: $1.envelope) }
        bus.handle(GetDocumentV1.self) { try await service.getDocument($0, envelope: $1.envelope) }
        bus.handle(ListVersionsV1.self) { try await service.listVersions($0, envelope: $1.envelope) }
        bus.handle(ListDocumentsV1.self) { try await service.listDocuments($0, envelope: $1.envelope) }
        bus.handle(OpenDownloadV1.self) { try await service.openDownload($0, envelope: $1.envelope) }
        bus.handle(ReadChunkV1.self) { try await service.readChunk($0, envelope: $1.envelope) }
        bus.handle(ReviewDocumentV1.self) { try await service.reviewDocument($0, envelope: $1.envelope) }
        bus.handle(ShareDocumentV1.self) { try await service.shareDocument($0, envelope: $1.envelope) }
        bus.handle(RevokeShareV1.self) { try await service.revokeShare($0, envelope: $1.envelope) }
        bus.handle(DeleteDocumentV1.self) { try await service.deleteDocument($0, envelope: $1.envelope) }
        bus.handle(GetDocumentTextV1.self) { try await service.getDocumentText($0, envelope: $1.envelope) }
        bus.handle(SetSprintRequirementsV1.self) { try await service.setSprintRequirements($0, envelope: $1.envelope) }

        bus.subscribe(ConversationCreatedV1.self) { try await service.conversationCreated($0, envelope: $1.envelope) }
        bus.subscribe(MemberJoinedV1.self) { try await service.memberJoined($0, envelope: $1.envelope) }
        bus.subscribe(MemberLeftV1.self) { try await service.memberLeft($0, envelope: $1.envelope) }
        bus.subscribe(TenantQuotasChangedV1.self) { try await service.tenantQuotasChanged($0, envelope: $1.envelope) }
    }
}
