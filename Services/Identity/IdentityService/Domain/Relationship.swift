import Foundation
public import SeedContracts

/// One user's side of a relationship with another (seed 001 `users.relationships`, kept in a
/// collection of its own, one document per ordered pair: see decision 0029).
///
/// A friendship is stored on both sides (`requested` on the asker's, `incoming` on the other's,
/// `friends` on both); blocking and muting only on the side of the user who does it.
public struct Relationship: Codable, Sendable, Equatable {
    /// `<userId>:<otherUserId>`.
    public var id: String
    public var userId: String
    public var otherUserId: String
    public var friendship: FriendshipState
    public var blocked: Bool
    public var muted: Bool
    /// Grows by one with each change; announced so that read models keep the newest.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", userId, otherUserId, friendship, blocked, muted, version, createdAt, updatedAt }

    public init(userId: String, otherUserId: String, now: Date) {
        self.id = Self.id(userId, otherUserId)
        self.userId = userId
        self.otherUserId = otherUserId
        self.friendship = .none
        self.blocked = false
        self.muted = false
        self.version = 0
        self.createdAt = now
        self.updatedAt = now
    }

    public static func id(_ userId: String, _ otherUserId: String) -> String { "\(userId):\(otherUserId)" }

    /// Whether the document says anything (a side with nothing left is deleted).
    public var isEmpty: Bool { friendship == .none && !blocked && !muted }

    public var view: RelationshipV1 {
        RelationshipV1(userId: userId, otherUserId: otherUserId, friendship: friendship, blocked: blocked, muted: muted, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// Seed 001 `settings.privacy` and its version (kept on the user).
public struct UserSettings: Codable, Sendable, Equatable {
    public var privacy: PrivacySettingsV1
    /// Grows by one with each change of the privacy settings.
    public var privacyVersion: Int

    public init(privacy: PrivacySettingsV1 = PrivacySettingsV1(), privacyVersion: Int = 0) {
        self.privacy = privacy
        self.privacyVersion = privacyVersion
    }
}
