import Foundation

// Commands of the documents service. The caller is `envelope.actor` and the tenant `envelope.tenant`
// (set by the gateway), never a field of the body. Bytes travel in chunks of at most
// `DocumentsLimits.chunkBytes` (decision 0018): the gateway streams an HTTP body as `begin-upload`,
// `upload-chunk`… (each sent after the previous one was acknowledged), then `complete-upload`, or
// `abort-upload` when the client goes away; a download is `open-download`, then `read-chunk`s.

private let exampleDocument = DocumentV1.example.documentId
private let exampleVersion = DocumentV1.example.id
private let exampleUpload = UploadSessionV1.example.uploadId

/// Limits of the byte transport that both sides know.
public enum DocumentsLimits {
    /// Largest chunk of one `upload-chunk` or `read-chunk`: 256 KiB of bytes (about 342 KiB of base64).
    public static let chunkBytes = 256 * 1024
}

/// Opens an upload: a new document, or the next version of one.
public struct BeginUploadV1: DocumentsCommand, Equatable {
    public typealias Reply = UploadSessionV1
    public static let messageType = MessageType("documents.begin-upload", version: 1)
    public static let summary = "Opens an upload (a new document, a sprint requirement's next version, or an existing document's next version) after checking name, size and access."
    public static let example = BeginUploadV1(
        documentId: nil, sprintId: "665f20009b1d4a0012ab0001", fieldName: "brand_guide", businessId: nil, originalName: "Brand Guide (final).pdf",
        declaredType: "application/pdf", declaredSize: 245_678, expectedChecksum: nil, category: "Brand", tags: ["logo"], description: nil)

    /// Upload a new version of this document (instead of sprintId/fieldName).
    public var documentId: String?
    public var sprintId: String?
    /// The sprint requirement it answers; a second upload for it becomes its next version.
    public var fieldName: String?
    public var businessId: String?
    /// The client's file name (sanitized before it is stored or served).
    public var originalName: String
    /// The type the client claims (kept for the log; the type is sniffed from the content).
    public var declaredType: String?
    /// The size the client announced (Content-Length), refused early when over the limit.
    public var declaredSize: Int?
    /// SHA-256 (hex) the client expects; a mismatch rejects the upload and stores nothing.
    public var expectedChecksum: String?
    public var category: String?
    public var tags: [String]?
    public var description: String?

    public init(
        documentId: String? = nil, sprintId: String? = nil, fieldName: String? = nil, businessId: String? = nil, originalName: String,
        declaredType: String? = nil, declaredSize: Int? = nil, expectedChecksum: String? = nil, category: String? = nil, tags: [String]? = nil,
        description: String? = nil
    ) {
        self.documentId = documentId
        self.sprintId = sprintId
        self.fieldName = fieldName
        self.businessId = businessId
        self.originalName = originalName
        self.declaredType = declaredType
        self.declaredSize = declaredSize
        self.expectedChecksum = expectedChecksum
        self.category = category
        self.tags = tags
        self.description = description
    }
}

/// The next chunk of an open upload (internal: sent by the gateway while it streams a request body).
public struct UploadChunkV1: DocumentsCommand, Equatable {
    public typealias Reply = UploadProgressV1
    public static let messageType = MessageType("documents.upload-chunk", version: 1)
    public static let summary = "Appends bytes at `offset` (= bytes received so far) to an open upload; a repeated chunk is acknowledged again."
    public static let example = UploadChunkV1(uploadId: exampleUpload, offset: 0, data: "JVBERi0xLjQK")

    public var uploadId: String
    public var offset: Int
    /// At most ``DocumentsLimits/chunkBytes`` bytes, standard base64.
    public var data: String

    public init(uploadId: String, offset: Int, data: String) {
        self.uploadId = uploadId
        self.offset = offset
        self.data = data
    }
}

/// Finishes an upload: checks the checksum, sniffs the type, stores the bytes once, commits the version.
public struct CompleteUploadV1: DocumentsCommand, Equatable {
    public typealias Reply = DocumentV1
    public static let messageType = MessageType("documents.complete-upload", version: 1)
    public static let summary = "Finishes an upload: verifies size, checksum and sniffed type, stores the bytes once by SHA-256 and commits the version."
    public static let example = CompleteUploadV1(uploadId: exampleUpload, expectedChecksum: nil)

    public var uploadId: String
    /// SHA-256 (hex) the client expects, when it only became known at the end (a trailer).
    public var expectedChecksum: String?

    public init(uploadId: String, expectedChecksum: String? = nil) {
        self.uploadId = uploadId
        self.expectedChecksum = expectedChecksum
    }
}

/// Drops an open upload and its staged bytes (the client went away, or the body was malformed).
public struct AbortUploadV1: DocumentsCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("documents.abort-upload", version: 1)
    public static let summary = "Drops an open upload and the bytes staged for it; nothing of it is stored or counted."
    public static let example = AbortUploadV1(uploadId: exampleUpload)

    public var uploadId: String

    public init(uploadId: String) { self.uploadId = uploadId }
}

/// One version of a document.
public struct GetDocumentV1: DocumentsCommand, Equatable {
    public typealias Reply = DocumentV1
    public static let messageType = MessageType("documents.get-document", version: 1)
    public static let summary = "A document's newest version, or the version asked for; not_found for callers who may not read it."
    public static let example = GetDocumentV1(documentId: exampleDocument, version: nil)

    public var documentId: String
    public var version: Int?

    public init(documentId: String, version: Int? = nil) {
        self.documentId = documentId
        self.version = version
    }
}

/// Every version of a document.
public struct ListVersionsV1: DocumentsCommand, Equatable {
    public typealias Reply = DocumentListV1
    public static let messageType = MessageType("documents.list-versions", version: 1)
    public static let summary = "Every version of a document, newest first."
    public static let example = ListVersionsV1(documentId: exampleDocument)

    public var documentId: String

    public init(documentId: String) { self.documentId = documentId }
}

/// The newest versions of the documents the caller may read, of a sprint or a business or their own.
public struct ListDocumentsV1: DocumentsCommand, Equatable {
    public typealias Reply = DocumentListV1
    public static let messageType = MessageType("documents.list-documents", version: 1)
    public static let summary = "The newest version of each document the caller may read: of a sprint, of a business, or their own."
    public static let example = ListDocumentsV1(sprintId: "665f20009b1d4a0012ab0001", businessId: nil)

    public var sprintId: String?
    public var businessId: String?

    public init(sprintId: String? = nil, businessId: String? = nil) {
        self.sprintId = sprintId
        self.businessId = businessId
    }
}

/// Opens a version (or its thumbnail) for download: checks access and says what will be read.
public struct OpenDownloadV1: DocumentsCommand, Equatable {
    public typealias Reply = DownloadV1
    public static let messageType = MessageType("documents.open-download", version: 1)
    public static let summary = "Checks that the caller (or a public link's token) may read a version and returns its name, type, size and checksum."
    public static let example = OpenDownloadV1(documentId: exampleDocument, version: nil, thumbnail: nil, shareToken: nil)

    /// The document; with a share token, may be omitted.
    public var documentId: String?
    public var version: Int?
    /// The thumbnail instead of the bytes.
    public var thumbnail: Bool?
    /// A public link's token (for callers without an account); counts one download.
    public var shareToken: String?

    public init(documentId: String? = nil, version: Int? = nil, thumbnail: Bool? = nil, shareToken: String? = nil) {
        self.documentId = documentId
        self.version = version
        self.thumbnail = thumbnail
        self.shareToken = shareToken
    }
}

/// Reads bytes of an opened version (internal: the gateway streams a download with it).
public struct ReadChunkV1: DocumentsCommand, Equatable {
    public typealias Reply = ChunkV1
    public static let messageType = MessageType("documents.read-chunk", version: 1)
    public static let summary = "Bytes of a version (or its thumbnail) from an offset, at most 256 KiB; access is checked again."
    public static let example = ReadChunkV1(versionId: exampleVersion, offset: 0, length: 262_144, thumbnail: nil, shareToken: nil)

    public var versionId: String
    public var offset: Int
    public var length: Int
    public var thumbnail: Bool?
    public var shareToken: String?

    public init(versionId: String, offset: Int, length: Int, thumbnail: Bool? = nil, shareToken: String? = nil) {
        self.versionId = versionId
        self.offset = offset
        self.length = length
        self.thumbnail = thumbnail
        self.shareToken = shareToken
    }
}

/// An admin's review of a version.
public struct ReviewDocumentV1: DocumentsCommand, Equatable {
    public typealias Reply = DocumentV1
    public static let messageType = MessageType("documents.review-document", version: 1)
    public static let summary = "A sprint admin approves, rejects or asks for a revision of a document's newest version, with notes."
    public static let example = ReviewDocumentV1(documentId: exampleDocument, version: 2, status: .approved, notes: "Looks good")

    public var documentId: String
    /// The version reviewed (default: the newest); a review of an older version is a conflict.
    public var version: Int?
    /// `approved`, `rejected` or `needs_revision`.
    public var status: ReviewStatus
    public var notes: String?

    public init(documentId: String, version: Int? = nil, status: ReviewStatus, notes: String? = nil) {
        self.documentId = documentId
        self.version = version
        self.status = status
        self.notes = notes
    }
}

/// Shares a document with a conversation or as a public link, or makes it private again.
public struct ShareDocumentV1: DocumentsCommand, Equatable {
    public typealias Reply = ShareV1
    public static let messageType = MessageType("documents.share-document", version: 1)
    public static let summary = "Shares a document with a conversation's members or as a public link (token in this reply only), with expiry and download limit; private revokes every share."
    public static let example = ShareDocumentV1(
        documentId: exampleDocument, type: .public, conversationId: nil, expiresAt: Date(timeIntervalSince1970: 1_767_830_400), maxDownloads: 5)

    public var documentId: String
    public var type: SharingType
    public var conversationId: String?
    public var expiresAt: Date?
    public var maxDownloads: Int?

    public init(documentId: String, type: SharingType, conversationId: String? = nil, expiresAt: Date? = nil, maxDownloads: Int? = nil) {
        self.documentId = documentId
        self.type = type
        self.conversationId = conversationId
        self.expiresAt = expiresAt
        self.maxDownloads = maxDownloads
    }
}

/// Ends one share.
public struct RevokeShareV1: DocumentsCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("documents.revoke-share", version: 1)
    public static let summary = "Ends a share: its link answers not_found from now on."
    public static let example = RevokeShareV1(documentId: exampleDocument, shareId: ShareV1.example.id)

    public var documentId: String
    public var shareId: String

    public init(documentId: String, shareId: String) {
        self.documentId = documentId
        self.shareId = shareId
    }
}

/// Soft-deletes a document (every version); the bytes are purged after the retention period.
public struct DeleteDocumentV1: DocumentsCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("documents.delete-document", version: 1)
    public static let summary = "Deletes a document (its owner): it disappears at once; its bytes are purged after the retention period unless another version holds them."
    public static let example = DeleteDocumentV1(documentId: exampleDocument)

    public var documentId: String

    public init(documentId: String) { self.documentId = documentId }
}

/// The extracted text of a version (internal: business-ai learns from it).
public struct GetDocumentTextV1: DocumentsCommand, Equatable {
    public typealias Reply = DocumentTextV1
    public static let messageType = MessageType("documents.get-document-text", version: 1)
    public static let summary = "The text extracted from a document's newest (or named) version, once processed (internal: for business-ai)."
    public static let example = GetDocumentTextV1(documentId: exampleDocument, version: nil)

    public var documentId: String
    public var version: Int?

    public init(documentId: String, version: Int? = nil) {
        self.documentId = documentId
        self.version = version
    }
}

/// What a sprint asks of its client, and who administers it (internal: sent by work).
public struct SetSprintRequirementsV1: DocumentsCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("documents.set-sprint-requirements", version: 1)
    public static let summary = "Records a sprint's client, admins and required documents (types, sizes) that uploads and reviews follow (internal: sent by work)."
    public static let example = SetSprintRequirementsV1(
        sprintId: "665f20009b1d4a0012ab0001", tenantId: "platform", clientId: "665f1a0b9b1d4a0012ab1234", adminIds: ["665f1a0b9b1d4a0012ab0042"],
        requiredDocuments: [RequiredDocumentV1(fieldName: "brand_guide", label: "Brand guide", fileTypes: ["pdf"], maxFileSize: 10_485_760)])

    public var sprintId: String
    public var tenantId: String
    public var clientId: String
    public var adminIds: [String]
    public var requiredDocuments: [RequiredDocumentV1]

    public init(sprintId: String, tenantId: String, clientId: String, adminIds: [String], requiredDocuments: [RequiredDocumentV1]) {
        self.sprintId = sprintId
        self.tenantId = tenantId
        self.clientId = clientId
        self.adminIds = adminIds
        self.requiredDocuments = requiredDocuments
    }
}
