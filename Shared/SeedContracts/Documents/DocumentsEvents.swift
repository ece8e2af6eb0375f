import Foundation

// Events of the documents service, published through its outbox after the change committed.

/// A new document's first version was stored.
public struct DocumentUploadedV1: DocumentsEvent, Equatable {
    public static let messageType = MessageType("documents.document-uploaded", version: 1)
    public static let summary = "A new document was uploaded (its first version)."
    public static let example = DocumentUploadedV1(document: .example)

    public var document: DocumentV1

    public init(document: DocumentV1) { self.document = document }
}

/// A document got a new version; the review of that requirement starts again.
public struct DocumentVersionAddedV1: DocumentsEvent, Equatable {
    public static let messageType = MessageType("documents.document-version-added", version: 1)
    public static let summary = "A document got a new version (n+1, linked to n); its review is pending again."
    public static let example = DocumentVersionAddedV1(document: .example, previousVersionId: DocumentV1.example.documentId)

    public var document: DocumentV1
    public var previousVersionId: String

    public init(document: DocumentV1, previousVersionId: String) {
        self.document = document
        self.previousVersionId = previousVersionId
    }
}

/// Processing of a version ended: its text is available (`get-document-text`), or it failed.
public struct DocumentProcessedV1: DocumentsEvent, Equatable {
    public static let messageType = MessageType("documents.document-processed", version: 1)
    public static let summary = "A version was processed (text, page count, thumbnail) or failed with the error; business-ai fetches the text with get-document-text."
    public static let example = DocumentProcessedV1(
        documentId: DocumentV1.example.documentId, versionId: DocumentV1.example.id, tenantId: "platform", businessId: "665f40009b1d4a0012ab0001",
        sprintId: nil, fileType: "pdf", status: .completed, textLength: 1250, pageCount: 12, hasThumbnail: true, error: nil, processingTime: 84)

    public var documentId: String
    public var versionId: String
    public var tenantId: String
    public var businessId: String?
    public var sprintId: String?
    public var fileType: String
    /// `completed` or `failed`.
    public var status: ProcessingStatus
    public var textLength: Int?
    public var pageCount: Int?
    public var hasThumbnail: Bool
    public var error: String?
    public var processingTime: Int

    public init(
        documentId: String, versionId: String, tenantId: String, businessId: String?, sprintId: String?, fileType: String, status: ProcessingStatus,
        textLength: Int?, pageCount: Int?, hasThumbnail: Bool, error: String?, processingTime: Int
    ) {
        self.documentId = documentId
        self.versionId = versionId
        self.tenantId = tenantId
        self.businessId = businessId
        self.sprintId = sprintId
        self.fileType = fileType
        self.status = status
        self.textLength = textLength
        self.pageCount = pageCount
        self.hasThumbnail = hasThumbnail
        self.error = error
        self.processingTime = processingTime
    }
}

/// An admin reviewed a version.
public struct DocumentReviewedV1: DocumentsEvent, Equatable {
    public static let messageType = MessageType("documents.document-reviewed", version: 1)
    public static let summary = "A sprint admin approved, rejected or asked for a revision of a version."
    public static let example = DocumentReviewedV1(document: .example)

    public var document: DocumentV1

    public init(document: DocumentV1) { self.document = document }
}

/// Every required document of a sprint is approved (work moves the sprint on).
public struct SprintDocumentsApprovedV1: DocumentsEvent, Equatable {
    public static let messageType = MessageType("documents.sprint-documents-approved", version: 1)
    public static let summary = "Every required document of a sprint has an approved newest version."
    public static let example = SprintDocumentsApprovedV1(
        sprintId: "665f20009b1d4a0012ab0001", tenantId: "platform", documentIds: [DocumentV1.example.documentId])

    public var sprintId: String
    public var tenantId: String
    /// The approved documents, one per required field.
    public var documentIds: [String]

    public init(sprintId: String, tenantId: String, documentIds: [String]) {
        self.sprintId = sprintId
        self.tenantId = tenantId
        self.documentIds = documentIds
    }
}

/// A document was shared (a conversation or a public link).
public struct DocumentSharedV1: DocumentsEvent, Equatable {
    public static let messageType = MessageType("documents.document-shared", version: 1)
    public static let summary = "A document was shared with a conversation or as a public link (never the token)."
    public static let example = DocumentSharedV1(
        documentId: DocumentV1.example.documentId, tenantId: "platform", shareId: ShareV1.example.id, type: .chat,
        conversationId: "665f20009b1d4a0012ab7777", expiresAt: nil, sharedBy: DocumentV1.example.ownerId)

    public var documentId: String
    public var tenantId: String
    public var shareId: String
    public var type: SharingType
    public var conversationId: String?
    public var expiresAt: Date?
    public var sharedBy: String

    public init(
        documentId: String, tenantId: String, shareId: String, type: SharingType, conversationId: String?, expiresAt: Date?, sharedBy: String
    ) {
        self.documentId = documentId
        self.tenantId = tenantId
        self.shareId = shareId
        self.type = type
        self.conversationId = conversationId
        self.expiresAt = expiresAt
        self.sharedBy = sharedBy
    }
}

/// A share ended.
public struct ShareRevokedV1: DocumentsEvent, Equatable {
    public static let messageType = MessageType("documents.share-revoked", version: 1)
    public static let summary = "A share of a document was revoked."
    public static let example = ShareRevokedV1(documentId: DocumentV1.example.documentId, shareId: ShareV1.example.id, revokedBy: DocumentV1.example.ownerId)

    public var documentId: String
    public var shareId: String
    public var revokedBy: String

    public init(documentId: String, shareId: String, revokedBy: String) {
        self.documentId = documentId
        self.shareId = shareId
        self.revokedBy = revokedBy
    }
}

/// A document was deleted (soft: its bytes go after the retention period).
public struct DocumentDeletedV1: DocumentsEvent, Equatable {
    public static let messageType = MessageType("documents.document-deleted", version: 1)
    public static let summary = "A document and all its versions were deleted; its bytes are purged after the retention period."
    public static let example = DocumentDeletedV1(
        documentId: DocumentV1.example.documentId, tenantId: "platform", sprintId: DocumentV1.example.sprintId, businessId: nil,
        deletedBy: DocumentV1.example.ownerId, purgeAfter: Date(timeIntervalSince1970: 1_769_817_600))

    public var documentId: String
    public var tenantId: String
    public var sprintId: String?
    public var businessId: String?
    public var deletedBy: String
    public var purgeAfter: Date

    public init(documentId: String, tenantId: String, sprintId: String?, businessId: String?, deletedBy: String, purgeAfter: Date) {
        self.documentId = documentId
        self.tenantId = tenantId
        self.sprintId = sprintId
        self.businessId = businessId
        self.deletedBy = deletedBy
        self.purgeAfter = purgeAfter
    }
}
