import Foundation
import SeedContracts

/// An upload between `begin-upload` and `complete-upload`/`abort-upload`: what it will become, the
/// limits it was opened with and how many bytes are staged. Nothing of it is visible as a document.
struct PendingUpload: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var actor: String
    /// The document it adds a version to (nil: a new document, or the requirement's next version).
    var documentId: String?
    var sprintId: String?
    var fieldName: String?
    var businessId: String?
    var originalName: String
    var declaredType: String?
    var expectedChecksum: String?
    var category: String?
    var tags: [String]
    var description: String?
    var maximumBytes: Int
    var fileTypes: [String]
    var received: Int
    var createdAt: Date
    /// When the sweep drops it and its staged bytes if nobody completed or aborted it.
    var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, actor, documentId, sprintId, fieldName, businessId, originalName, declaredType, expectedChecksum, category,
            tags, description, maximumBytes, fileTypes, received, createdAt, expiresAt
    }

    var limits: UploadLimits { UploadLimits(maximumBytes: maximumBytes, fileTypes: fileTypes) }
}
