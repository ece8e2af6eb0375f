import Foundation
import SeedContracts

/// What documents knows of a sprint, from work (`set-sprint-requirements`): its client, its admins (the
/// reviewers) and the documents it requires, with their types and sizes.
struct SprintRecord: Codable, Sendable, Equatable {
    /// The sprint's id.
    var id: String
    var tenantId: String
    var clientId: String
    var adminIds: [String]
    var requiredDocuments: [RequiredDocumentV1]
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, clientId, adminIds, requiredDocuments, updatedAt
    }

    func requirement(_ fieldName: String) -> RequiredDocumentV1? {
        requiredDocuments.first { $0.fieldName == fieldName }
    }

    func isAdmin(_ userId: String) -> Bool { adminIds.contains(userId) }

    /// Whether `userId` takes part in the sprint (client or admin).
    func involves(_ userId: String) -> Bool { clientId == userId || isAdmin(userId) }
}

/// A member of a conversation, learned from messaging's events: the members of a conversation a
/// document is shared with may read it.
struct ConversationMembership: Codable, Sendable, Equatable {
    /// `<conversationId>:<userId>`.
    var id: String
    var conversationId: String
    var userId: String
    var isActive: Bool

    enum CodingKeys: String, CodingKey {
        case id = "_id", conversationId, userId, isActive
    }

    static func id(conversation: String, user: String) -> String { "\(conversation):\(user)" }
}
