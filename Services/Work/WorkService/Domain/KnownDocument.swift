import Foundation

/// What work knows of a document from documents' events (`document-uploaded`,
/// `document-version-added`, `document-deleted`), never from documents' database: enough to refuse
/// a task attachment of a document that does not exist, is another tenant's, or was deleted
/// (decision 0042).
struct KnownDocument: Codable, Sendable, Equatable {
    /// The document's id (its first version's, shared by every version).
    var id: String
    var tenantId: String
    /// `nil` when the deletion arrived before any upload event.
    var ownerId: String?
    var isDeleted: Bool
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, ownerId, isDeleted, updatedAt
    }
}
