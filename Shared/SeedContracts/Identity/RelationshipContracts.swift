import Foundation

// Relationships between users (seed 001 `users.relationships`: friend, blocked, muted) and the privacy
// settings that decide who may reach a user (seed 001 `settings.privacy`). The caller is always
// `envelope.actor`; `userId` names the other user. Both are announced as events so that the services
// that show or deliver things (messaging, the real-time edge) enforce them from a local read model.

/// Where a friendship between two users stands, seen from one of them.
public enum FriendshipState: String, Codable, Sendable, CaseIterable {
    /// No friendship and no open request.
    case none
    /// This user asked the other and waits for an answer.
    case requested
    /// The other user asked this one, who has not answered yet.
    case incoming
    /// Both agreed.
    case friends
}

/// Who may do something that reaches a user: anyone, only friends (`contacts`), or nobody.
public enum PrivacyAudience: String, Codable, Sendable, CaseIterable {
    case everyone
    case contacts
    case nobody
}

/// Which relationships a list returns.
public enum RelationshipFilter: String, Codable, Sendable, CaseIterable {
    case all
    case friends
    /// Requests others sent to the caller.
    case incoming
    /// Requests the caller sent.
    case outgoing
    case blocked
    case muted
}

/// One user's relationship with another (directed: `userId`'s side of it).
public struct RelationshipV1: Message, Equatable {
    public static let messageType = MessageType("identity.relationship", version: 1)
    public static let summary = "One user's relationship with another: friendship state, and whether the user blocks or mutes the other."
    public static let example = RelationshipV1(
        userId: UserV1.example.id, otherUserId: "65f1c2b0e4b0a1b2c3d4e5f7", friendship: .friends, blocked: false, muted: false,
        createdAt: Date(timeIntervalSince1970: 1_767_225_600), updatedAt: Date(timeIntervalSince1970: 1_767_225_600))

    public var userId: String
    public var otherUserId: String
    public var friendship: FriendshipState
    /// `userId` blocks `otherUserId`: no direct messages either way, no presence for the blocked user.
    public var blocked: Bool
    /// `userId` mutes `otherUserId`: notifications about the other are not pushed to `userId`.
    public var muted: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(userId: String, otherUserId: String, friendship: FriendshipState, blocked: Bool, muted: Bool, createdAt: Date, updatedAt: Date) {
        self.userId = userId
        self.otherUserId = otherUserId
        self.friendship = friendship
        self.blocked = blocked
        self.muted = muted
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The caller's relationships.
public struct RelationshipListV1: Message, Equatable {
    public static let messageType = MessageType("identity.relationship-list", version: 1)
    public static let summary = "The caller's relationships, most recently changed first."
    public static let example = RelationshipListV1(relationships: [RelationshipV1.example])

    public var relationships: [RelationshipV1]

    public init(relationships: [RelationshipV1]) { self.relationships = relationships }
}

/// The caller asks another user to be friends.
public struct SendFriendRequestV1: IdentityCommand, Equatable {
    public typealias Reply = RelationshipV1
    public static let messageType = MessageType("identity.send-friend-request", version: 1)
    public static let summary = "Asks another user to be friends; when that user had already asked the caller, both become friends at once."
    public static let example = SendFriendRequestV1(userId: RelationshipV1.example.otherUserId)

    public var userId: String

    public init(userId: String) { self.userId = userId }
}

/// The caller accepts or declines a friend request it received.
public struct RespondToFriendRequestV1: IdentityCommand, Equatable {
    public typealias Reply = RelationshipV1
    public static let messageType = MessageType("identity.respond-to-friend-request", version: 1)
    public static let summary = "Accepts (both become friends) or declines (the request is gone) the request that userId sent the caller."
    public static let example = RespondToFriendRequestV1(userId: RelationshipV1.example.otherUserId, accept: true)

    public var userId: String
    public var accept: Bool

    public init(userId: String, accept: Bool) {
        self.userId = userId
        self.accept = accept
    }
}

/// The caller ends a friendship, or withdraws a request it sent.
public struct RemoveFriendV1: IdentityCommand, Equatable {
    public typealias Reply = RelationshipV1
    public static let messageType = MessageType("identity.remove-friend", version: 1)
    public static let summary = "Ends a friendship with userId, or withdraws the caller's open request to userId."
    public static let example = RemoveFriendV1(userId: RelationshipV1.example.otherUserId)

    public var userId: String

    public init(userId: String) { self.userId = userId }
}

/// The caller blocks another user.
public struct BlockUserV1: IdentityCommand, Equatable {
    public typealias Reply = RelationshipV1
    public static let messageType = MessageType("identity.block-user", version: 1)
    public static let summary = "Blocks userId: any friendship or request between the two ends, direct messages are refused both ways, the blocked user no longer sees the caller's presence."
    public static let example = BlockUserV1(userId: RelationshipV1.example.otherUserId)

    public var userId: String

    public init(userId: String) { self.userId = userId }
}

/// The caller lifts a block.
public struct UnblockUserV1: IdentityCommand, Equatable {
    public typealias Reply = RelationshipV1
    public static let messageType = MessageType("identity.unblock-user", version: 1)
    public static let summary = "Lifts the caller's block of userId (the friendship does not come back)."
    public static let example = UnblockUserV1(userId: RelationshipV1.example.otherUserId)

    public var userId: String

    public init(userId: String) { self.userId = userId }
}

/// The caller mutes or unmutes another user.
public struct SetMuteV1: IdentityCommand, Equatable {
    public typealias Reply = RelationshipV1
    public static let messageType = MessageType("identity.set-mute", version: 1)
    public static let summary = "Mutes (or unmutes) userId for the caller: nothing about that user is pushed to the caller."
    public static let example = SetMuteV1(userId: RelationshipV1.example.otherUserId, muted: true)

    public var userId: String
    public var muted: Bool

    public init(userId: String, muted: Bool) {
        self.userId = userId
        self.muted = muted
    }
}

/// The caller lists its relationships.
public struct ListRelationshipsV1: IdentityCommand, Equatable {
    public typealias Reply = RelationshipListV1
    public static let messageType = MessageType("identity.list-relationships", version: 1)
    public static let summary = "Lists the caller's relationships of one kind (friends, incoming or outgoing requests, blocked, muted) or all; at most 1000."
    public static let example = ListRelationshipsV1(filter: .friends)

    public var filter: RelationshipFilter

    public init(filter: RelationshipFilter = .all) { self.filter = filter }
}

/// Something changed in one user's relationship with another.
public struct RelationshipChangedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.relationship-changed", version: 1)
    public static let summary = "A user's relationship with another changed (friend_requested, friend_accepted, friend_declined, unfriended, blocked, unblocked, muted, unmuted); carries it as it is now, with a version that grows with each change."
    public static let example = RelationshipChangedV1(relationship: RelationshipV1.example, change: "friend_accepted", version: 3)

    /// `relationship.userId`'s side, as it is after the change.
    public var relationship: RelationshipV1
    public var change: String
    /// Grows by one with each change of this directed relationship: a read model keeps the highest.
    public var version: Int

    public init(relationship: RelationshipV1, change: String, version: Int) {
        self.relationship = relationship
        self.change = change
        self.version = version
    }
}

/// A user's privacy settings (seed 001 `settings.privacy`).
public struct PrivacySettingsV1: Message, Equatable {
    public static let messageType = MessageType("identity.privacy-settings", version: 1)
    public static let summary = "Who may send the user direct messages, see the user's presence and see when the user was last seen."
    public static let example = PrivacySettingsV1(directMessages: .contacts, presence: .everyone, lastSeen: .nobody)

    public var directMessages: PrivacyAudience
    public var presence: PrivacyAudience
    public var lastSeen: PrivacyAudience

    public init(directMessages: PrivacyAudience = .everyone, presence: PrivacyAudience = .everyone, lastSeen: PrivacyAudience = .everyone) {
        self.directMessages = directMessages
        self.presence = presence
        self.lastSeen = lastSeen
    }
}

/// The caller reads its privacy settings.
public struct GetPrivacySettingsV1: IdentityCommand, Equatable {
    public typealias Reply = PrivacySettingsV1
    public static let messageType = MessageType("identity.get-privacy-settings", version: 1)
    public static let summary = "Returns the caller's privacy settings (everyone for each, until changed)."
    public static let example = GetPrivacySettingsV1()

    public init() {}
}

/// The caller changes its privacy settings.
public struct UpdatePrivacySettingsV1: IdentityCommand, Equatable {
    public typealias Reply = PrivacySettingsV1
    public static let messageType = MessageType("identity.update-privacy-settings", version: 1)
    public static let summary = "Changes the privacy settings given (absent ones stay) and announces them."
    public static let example = UpdatePrivacySettingsV1(directMessages: .contacts)

    public var directMessages: PrivacyAudience?
    public var presence: PrivacyAudience?
    public var lastSeen: PrivacyAudience?

    public init(directMessages: PrivacyAudience? = nil, presence: PrivacyAudience? = nil, lastSeen: PrivacyAudience? = nil) {
        self.directMessages = directMessages
        self.presence = presence
        self.lastSeen = lastSeen
    }
}

/// A user's privacy settings changed.
public struct PrivacySettingsChangedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.privacy-settings-changed", version: 1)
    public static let summary = "A user's privacy settings changed; carries all of them as they are now, with a version that grows with each change."
    public static let example = PrivacySettingsChangedV1(userId: UserV1.example.id, settings: PrivacySettingsV1.example, version: 2)

    public var userId: String
    public var settings: PrivacySettingsV1
    /// Grows by one with each change: a read model keeps the highest.
    public var version: Int

    public init(userId: String, settings: PrivacySettingsV1, version: Int) {
        self.userId = userId
        self.settings = settings
        self.version = version
    }
}
