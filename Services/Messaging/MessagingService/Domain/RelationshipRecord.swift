import Foundation

/// What messaging knows of one user's relationship with another, from identity's
/// `relationship-changed` events (a local read model; decision 0029).
struct RelationshipRecord: Codable, Sendable, Equatable {
    /// `<userId>:<otherUserId>`.
    var id: String
    var userId: String
    var otherUserId: String
    /// `userId` blocks `otherUserId`.
    var blocked: Bool
    /// The two are friends (`contacts` in the privacy settings).
    var friends: Bool
    /// Identity's version of the relationship; an older event than the stored one is ignored.
    var version: Int
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", userId, otherUserId, blocked, friends, version, updatedAt }

    static func id(_ userId: String, _ otherUserId: String) -> String { "\(userId):\(otherUserId)" }
}

/// Who may send a user direct messages, from identity's `privacy-settings-changed` events.
struct PrivacyRecord: Codable, Sendable, Equatable {
    /// The user's id.
    var id: String
    /// `everyone`, `contacts` or `nobody`.
    var directMessages: String
    var version: Int
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", directMessages, version, updatedAt }
}
