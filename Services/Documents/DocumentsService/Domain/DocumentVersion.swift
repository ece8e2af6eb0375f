import Foundation
import SeedContracts

/// Where a version's bytes are (seed 001 `storage`): the blob store's provider and bucket, and the
/// key, which is the bytes' SHA-256 (content-addressed: identical content is stored once).
struct StorageLocation: Codable, Sendable, Equatable {
    /// `folder` (embedded default) or `gridfs`.
    var provider: String
    var bucket: String
    var key: String
}

/// How the bytes are encrypted at rest (seed 001 `encryption`): `none` — they sit in the service's own
/// volume or database, which is where encryption at rest belongs (decision 0018).
struct EncryptionInfo: Codable, Sendable, Equatable {
    var algorithm: String
}

/// The sharing of a document as seed 001 stores it (`sharing.type`, `conversation_id`, `expiry`).
struct Sharing: Codable, Sendable, Equatable {
    var type: SharingType
    var conversationId: String?
    var expiry: Date?
}

/// One version of a document (seed 000's one row per version with `version`/`previousVersion`, merged
/// with seed 001's file record and seed 002's business-document metadata; decision 0018).
struct DocumentVersion: Codable, Sendable, Equatable {
    var id: String
    /// The id of the chain's first version, shared by every version.
    var documentId: String
    var tenantId: String
    var sprintId: String?
    var businessId: String?
    var fieldName: String?
    /// The document's owner: the uploader of its first version (seed 000 `userId`).
    var userId: String
    /// Who uploaded this version (seed 002 `uploadedBy`, seed 001 `uploader_id`).
    var uploadedBy: String
    var originalName: String
    var fileName: String
    var fileSize: Int
    var mimeType: String
    var fileType: String
    /// SHA-256, lower-case hex (seed 001 `metadata.checksum`).
    var checksum: String
    var storage: StorageLocation
    var encryption: EncryptionInfo
    var dimensions: DimensionsV1?
    var pageCount: Int?
    var isProcessed: Bool
    /// Processing status (seed 002 `status`, seed 000 `processingStatus`).
    var status: ProcessingStatus
    var processingError: String?
    var processingTime: Int?
    var textLength: Int?
    /// SHA-256 of the thumbnail's bytes in the blob store.
    var thumbnailKey: String?
    var category: String?
    var tags: [String]
    var description: String?
    var version: Int
    var previousVersion: String?
    var isLatest: Bool
    var reviewStatus: ReviewStatus
    var reviewedBy: String?
    var reviewedAt: Date?
    var reviewNotes: String?
    var sharing: Sharing
    var uploadedAt: Date
    var createdAt: Date
    var updatedAt: Date
    var deletedAt: Date?
    /// When a deleted version's row goes, and with it the last reference to its bytes.
    var purgeAfter: Date?

    enum CodingKeys: String, CodingKey {
        case id = "_id", documentId, tenantId, sprintId, businessId, fieldName, userId, uploadedBy, originalName, fileName, fileSize, mimeType,
            fileType, checksum, storage, encryption, dimensions, pageCount, isProcessed, status, processingError, processingTime, textLength,
            thumbnailKey, category, tags, description, version, previousVersion, isLatest, reviewStatus, reviewedBy, reviewedAt, reviewNotes,
            sharing, uploadedAt, createdAt, updatedAt, deletedAt, purgeAfter
    }

    var isDeleted: Bool { deletedAt != nil }

    /// The version as readers see it.
    var view: DocumentV1 {
        DocumentV1(
            id: id, documentId: documentId, version: version, previousVersionId: previousVersion, tenantId: tenantId, sprintId: sprintId,
            businessId: businessId, fieldName: fieldName, ownerId: userId, uploadedBy: uploadedBy, originalName: originalName, fileName: fileName,
            fileSize: fileSize, mimeType: mimeType, fileType: fileType, checksum: checksum, dimensions: dimensions, pageCount: pageCount,
            processingStatus: status, processingError: processingError, processingTime: processingTime, textLength: textLength,
            hasThumbnail: thumbnailKey != nil, category: category, tags: tags, description: description, reviewStatus: reviewStatus,
            reviewedBy: reviewedBy, reviewedAt: reviewedAt, reviewNotes: reviewNotes,
            sharing: SharingV1(type: sharing.type, conversationId: sharing.conversationId, expiresAt: sharing.expiry), isLatest: isLatest,
            uploadedAt: uploadedAt, updatedAt: updatedAt)
    }
}

/// The text extracted from a version (kept apart so that version rows stay small for lists).
struct DocumentText: Codable, Sendable, Equatable {
    /// The version's id.
    var id: String
    var documentId: String
    var tenantId: String
    var text: String

    enum CodingKeys: String, CodingKey {
        case id = "_id", documentId, tenantId, text
    }
}
