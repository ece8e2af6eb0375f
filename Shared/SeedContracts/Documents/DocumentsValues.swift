import Foundation

// Values of the documents service: one model merging seed 000 `documents` (sprint, uploader, field
// name, original and sanitized names, size, MIME type, processing, thumbnail, version chain, review),
// seed 001 `files` (tenant, storage, checksum, dimensions, encryption, sharing) and seed 002 document
// metadata (business, file type, text length, category, tags, description, processing time and error).
// Decision 0018 says how the bytes travel.

/// Where a version stands in the admin review (seed 000 `reviewStatus`).
public enum ReviewStatus: String, Codable, Sendable, CaseIterable {
    case pending
    case approved
    case rejected
    case needsRevision = "needs_revision"
}

/// Where a version stands in processing after upload (seed 000 `processingStatus`, seed 002 `status`).
public enum ProcessingStatus: String, Codable, Sendable, CaseIterable {
    case pending
    case processing
    case completed
    case failed
}

/// Who may read a document besides its owner and the sprint's admins (seed 001 `sharing.type`).
public enum SharingType: String, Codable, Sendable, CaseIterable {
    /// Its owner, and the admins of its sprint.
    case `private`
    /// Also the current members of one conversation (seed 001 `chat`).
    case chat
    /// Also anyone holding an unexpired, unrevoked link token.
    case `public`
}

/// Width and height of an image, in pixels (seed 001 `metadata.dimensions`).
public struct DimensionsV1: Codable, Sendable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// How a document is shared now (seed 001 `sharing`).
public struct SharingV1: Codable, Sendable, Equatable {
    public var type: SharingType
    /// The conversation whose members may read it (`chat`).
    public var conversationId: String?
    /// When the share ends.
    public var expiresAt: Date?

    public init(type: SharingType, conversationId: String? = nil, expiresAt: Date? = nil) {
        self.type = type
        self.conversationId = conversationId
        self.expiresAt = expiresAt
    }

    public static let `private` = SharingV1(type: .private)
}

/// One version of a document as a reader sees it.
public struct DocumentV1: Message, Equatable {
    public static let messageType = MessageType("documents.document", version: 1)
    public static let summary = "One version of a document: names, size, type, checksum, processing, review and sharing."
    public static let example = DocumentV1(
        id: "665f30009b1d4a0012ab0002", documentId: "665f30009b1d4a0012ab0001", version: 2,
        previousVersionId: "665f30009b1d4a0012ab0001", tenantId: "platform", sprintId: "665f20009b1d4a0012ab0001",
        businessId: nil, fieldName: "brand_guide", ownerId: "665f1a0b9b1d4a0012ab1234", uploadedBy: "665f1a0b9b1d4a0012ab1234",
        originalName: "Brand Guide (final).pdf", fileName: "Brand_Guide_final.pdf", fileSize: 245_678, mimeType: "application/pdf",
        fileType: "pdf", checksum: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", dimensions: nil, pageCount: 12,
        processingStatus: .completed, processingError: nil, processingTime: 84, textLength: 1250, hasThumbnail: true,
        category: "Brand", tags: ["logo", "colours"], description: "Logo and colour rules",
        reviewStatus: .pending, reviewedBy: nil, reviewedAt: nil, reviewNotes: nil, sharing: .private, isLatest: true,
        uploadedAt: Date(timeIntervalSince1970: 1_767_225_600), updatedAt: Date(timeIntervalSince1970: 1_767_225_600))

    /// This version's id.
    public var id: String
    /// The document's id: the id of its first version, shared by every version of the chain.
    public var documentId: String
    /// 1, 2, …
    public var version: Int
    public var previousVersionId: String?
    public var tenantId: String
    public var sprintId: String?
    public var businessId: String?
    /// The sprint requirement it answers (seed 000 `requiredDocuments.fieldName`).
    public var fieldName: String?
    /// Who owns the document (the uploader of its first version).
    public var ownerId: String
    /// Who uploaded this version.
    public var uploadedBy: String
    public var originalName: String
    /// The sanitized name it is downloaded under.
    public var fileName: String
    public var fileSize: Int
    /// Sniffed from the content, never taken from the client.
    public var mimeType: String
    /// Short form: `pdf`, `png`, `txt`, `docx`, …
    public var fileType: String
    /// SHA-256 of the bytes, lower-case hex.
    public var checksum: String
    public var dimensions: DimensionsV1?
    public var pageCount: Int?
    public var processingStatus: ProcessingStatus
    public var processingError: String?
    /// Milliseconds processing took.
    public var processingTime: Int?
    /// Characters of extracted text.
    public var textLength: Int?
    public var hasThumbnail: Bool
    public var category: String?
    public var tags: [String]
    public var description: String?
    public var reviewStatus: ReviewStatus
    public var reviewedBy: String?
    public var reviewedAt: Date?
    public var reviewNotes: String?
    public var sharing: SharingV1
    /// Whether this is the newest version of its document.
    public var isLatest: Bool
    public var uploadedAt: Date
    public var updatedAt: Date

    public init(
        id: String, documentId: String, version: Int, previousVersionId: String?, tenantId: String, sprintId: String?, businessId: String?,
        fieldName: String?, ownerId: String, uploadedBy: String, originalName: String, fileName: String, fileSize: Int, mimeType: String,
        fileType: String, checksum: String, dimensions: DimensionsV1?, pageCount: Int?, processingStatus: ProcessingStatus,
        processingError: String?, processingTime: Int?, textLength: Int?, hasThumbnail: Bool, category: String?, tags: [String],
        description: String?, reviewStatus: ReviewStatus, reviewedBy: String?, reviewedAt: Date?, reviewNotes: String?, sharing: SharingV1,
        isLatest: Bool, uploadedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.documentId = documentId
        self.version = version
        self.previousVersionId = previousVersionId
        self.tenantId = tenantId
        self.sprintId = sprintId
        self.businessId = businessId
        self.fieldName = fieldName
        self.ownerId = ownerId
        self.uploadedBy = uploadedBy
        self.originalName = originalName
        self.fileName = fileName
        self.fileSize = fileSize
        self.mimeType = mimeType
        self.fileType = fileType
        self.checksum = checksum
        self.dimensions = dimensions
        self.pageCount = pageCount
        self.processingStatus = processingStatus
        self.processingError = processingError
        self.processingTime = processingTime
        self.textLength = textLength
        self.hasThumbnail = hasThumbnail
        self.category = category
        self.tags = tags
        self.description = description
        self.reviewStatus = reviewStatus
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
        self.reviewNotes = reviewNotes
        self.sharing = sharing
        self.isLatest = isLatest
        self.uploadedAt = uploadedAt
        self.updatedAt = updatedAt
    }
}

/// Documents or versions, newest first.
public struct DocumentListV1: Message, Equatable {
    public static let messageType = MessageType("documents.document-list", version: 1)
    public static let summary = "Documents (or the versions of one), newest first."
    public static let example = DocumentListV1(documents: [.example])

    public var documents: [DocumentV1]

    public init(documents: [DocumentV1]) { self.documents = documents }
}

/// An upload in progress: where to send its chunks and how large they may be.
public struct UploadSessionV1: Message, Equatable {
    public static let messageType = MessageType("documents.upload-session", version: 1)
    public static let summary = "An open upload: its id, the largest chunk it takes and the largest file it accepts."
    public static let example = UploadSessionV1(uploadId: "665f31009b1d4a0012ab0009", chunkBytes: 262_144, maximumBytes: 26_214_400, received: 0)

    public var uploadId: String
    /// Largest chunk (decoded bytes) one `upload-chunk` may carry.
    public var chunkBytes: Int
    /// Largest file this upload accepts (the requirement's `maxFileSize` or the global default).
    public var maximumBytes: Int
    /// Bytes received so far.
    public var received: Int

    public init(uploadId: String, chunkBytes: Int, maximumBytes: Int, received: Int) {
        self.uploadId = uploadId
        self.chunkBytes = chunkBytes
        self.maximumBytes = maximumBytes
        self.received = received
    }
}

/// What a client needs to download one version: its name, type, size and checksum.
public struct DownloadV1: Message, Equatable {
    public static let messageType = MessageType("documents.download", version: 1)
    public static let summary = "A readable version (or its thumbnail): the version to read chunks of, file name, MIME type, size and SHA-256."
    public static let example = DownloadV1(
        versionId: "665f30009b1d4a0012ab0002", fileName: "Brand_Guide_final.pdf", mimeType: "application/pdf", size: 245_678,
        checksum: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", thumbnail: false)

    public var versionId: String
    public var fileName: String
    public var mimeType: String
    public var size: Int
    public var checksum: String
    /// Whether this is the version's thumbnail rather than its bytes.
    public var thumbnail: Bool

    public init(versionId: String, fileName: String, mimeType: String, size: Int, checksum: String, thumbnail: Bool) {
        self.versionId = versionId
        self.fileName = fileName
        self.mimeType = mimeType
        self.size = size
        self.checksum = checksum
        self.thumbnail = thumbnail
    }
}

/// Bytes of a file, base64 in JSON (the bus carries JSON only: decision 0018).
public struct ChunkV1: Message, Equatable {
    public static let messageType = MessageType("documents.chunk", version: 1)
    public static let summary = "Bytes of a file from an offset, base64-encoded."
    public static let example = ChunkV1(offset: 0, data: "JVBERi0xLjQK")

    public var offset: Int
    /// The bytes, standard base64.
    public var data: String

    public init(offset: Int, data: String) {
        self.offset = offset
        self.data = data
    }
}

/// How far an upload is.
public struct UploadProgressV1: Message, Equatable {
    public static let messageType = MessageType("documents.upload-progress", version: 1)
    public static let summary = "Bytes of an upload received so far."
    public static let example = UploadProgressV1(uploadId: UploadSessionV1.example.uploadId, received: 262_144)

    public var uploadId: String
    public var received: Int

    public init(uploadId: String, received: Int) {
        self.uploadId = uploadId
        self.received = received
    }
}

/// A share of a document.
public struct ShareV1: Message, Equatable {
    public static let messageType = MessageType("documents.share", version: 1)
    public static let summary = "A share of a document; a public link's token is in the reply that created it and nowhere else."
    public static let example = ShareV1(
        id: "665f32009b1d4a0012ab0003", documentId: DocumentV1.example.documentId, type: .public, conversationId: nil,
        expiresAt: Date(timeIntervalSince1970: 1_767_830_400), maxDownloads: 5, downloads: 0, token: "dl_3q2-7wX0b9cZ1kPaUe4rT8yLmN5vB6sD", revokedAt: nil)

    public var id: String
    public var documentId: String
    public var type: SharingType
    public var conversationId: String?
    public var expiresAt: Date?
    /// Downloads a public link allows (nil: no limit).
    public var maxDownloads: Int?
    public var downloads: Int
    /// A public link's token; only in the reply that created it (it is stored hashed).
    public var token: String?
    public var revokedAt: Date?

    public init(
        id: String, documentId: String, type: SharingType, conversationId: String?, expiresAt: Date?, maxDownloads: Int?, downloads: Int,
        token: String?, revokedAt: Date?
    ) {
        self.id = id
        self.documentId = documentId
        self.type = type
        self.conversationId = conversationId
        self.expiresAt = expiresAt
        self.maxDownloads = maxDownloads
        self.downloads = downloads
        self.token = token
        self.revokedAt = revokedAt
    }
}

/// The text extracted from a version, for business-ai.
public struct DocumentTextV1: Message, Equatable {
    public static let messageType = MessageType("documents.document-text", version: 1)
    public static let summary = "The text extracted from a processed version, with its business, category and tags."
    public static let example = DocumentTextV1(
        documentId: DocumentV1.example.documentId, versionId: DocumentV1.example.id, businessId: "665f40009b1d4a0012ab0001",
        fileType: "pdf", text: "We're open Monday through Friday from 9 AM to 6 PM.", textLength: 51, pageCount: 1,
        category: "Operations", tags: ["hours"])

    public var documentId: String
    public var versionId: String
    public var businessId: String?
    public var fileType: String
    public var text: String
    public var textLength: Int
    public var pageCount: Int?
    public var category: String?
    public var tags: [String]

    public init(
        documentId: String, versionId: String, businessId: String?, fileType: String, text: String, textLength: Int, pageCount: Int?,
        category: String?, tags: [String]
    ) {
        self.documentId = documentId
        self.versionId = versionId
        self.businessId = businessId
        self.fileType = fileType
        self.text = text
        self.textLength = textLength
        self.pageCount = pageCount
        self.category = category
        self.tags = tags
    }
}

/// What a sprint asks its client to upload for one field (seed 000 `requiredDocuments`).
public struct RequiredDocumentV1: Codable, Sendable, Equatable {
    public var fieldName: String
    public var label: String?
    public var isRequired: Bool
    /// Allowed file types (`pdf`, `png`, …, or MIME types); empty: any type the service accepts.
    public var fileTypes: [String]
    /// Largest file in bytes; nil: the global default.
    public var maxFileSize: Int?

    public init(fieldName: String, label: String? = nil, isRequired: Bool = true, fileTypes: [String] = [], maxFileSize: Int? = nil) {
        self.fieldName = fieldName
        self.label = label
        self.isRequired = isRequired
        self.fileTypes = fileTypes
        self.maxFileSize = maxFileSize
    }
}
