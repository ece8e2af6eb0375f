import Foundation
import SeedContracts

/// A participant as the conversation document lists it (seed 000 `participants[]`, seed 001
/// `participants[]`): who is in it, with which role, and since when. Active participants are the
/// recipients of the conversation's events.
struct Participant: Codable, Sendable, Equatable {
    var userId: String
    var role: MemberRole
    var participantRole: ParticipantRole?
    var joinedAt: Date
    var leftAt: Date?
    var isActive: Bool
}

/// Per-user settings that the inbox filters on, kept on the conversation (seed 000 `settings`).
struct ConversationSettings: Codable, Sendable, Equatable {
    /// Users who muted it (seed 000 `muteNotifications`).
    var muteNotifications: [String] = []
    /// Users who pinned it (seed 000 `isPinned`).
    var isPinned: [String] = []
    /// Users who archived it for themselves.
    var archivedBy: [String] = []
    /// Archived for everyone (seed 000 `isArchived`).
    var isArchived: Bool = false
    /// Days after which messages are deleted (seed 000 `autoDeleteAfter`).
    var autoDeleteAfter: Int?
}

/// The newest message's preview (seed 000 `lastMessage`).
struct LastMessage: Codable, Sendable, Equatable {
    var messageId: String
    var content: String
    var senderId: String
    var sentAt: Date
}

/// A conversation (seeds 000, 001, 004): its kind, details, participants, settings and the sequence
/// number of its newest message, from which unread counts are derived.
struct Conversation: Codable, Sendable, Equatable {
    /// The most members a conversation holds (its participants travel in its document).
    static let maximumMembers = 1_000

    var id: String
    var tenantId: String
    var type: ConversationType
    var title: String?
    var description: String?
    var avatar: String?
    var ownerId: String?
    var sprintId: String?
    /// For a direct conversation: `<tenant> <user> <user>` with the users in sorted order (ids hold no
    /// spaces), unique: one direct conversation per pair in a tenant.
    var directKey: String?
    var participants: [Participant]
    var memberCount: Int
    var encrypted: Bool
    var settings: ConversationSettings
    var lastSequence: Int
    var lastMessage: LastMessage?
    var lastMessageAt: Date?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, type, title, description, avatar, ownerId, sprintId, directKey, participants, memberCount, encrypted,
             settings, lastSequence, lastMessage, lastMessageAt, createdAt, updatedAt
    }

    /// The key that makes a direct conversation unique per pair within a tenant.
    static func directKey(_ a: String, _ b: String, tenant: String) -> String {
        a < b ? "\(tenant) \(a) \(b)" : "\(tenant) \(b) \(a)"
    }

    /// The user ids of the current participants.
    var activeMemberIds: [String] {
        participants.filter(\.isActive).map(\.userId)
    }

    /// The current participant `userId`, if any.
    func participant(_ userId: String) -> Participant? {
        participants.first { $0.userId == userId && $0.isActive }
    }

    /// How many current owners there are.
    var ownerCount: Int {
        participants.count { $0.isActive && $0.role == .owner }
    }

    /// Adds `userId` (or makes a former participant active again); returns whether it was new.
    mutating func admit(_ userId: String, role: MemberRole, participantRole: ParticipantRole? = nil, at now: Date) -> Bool {
        if let index = participants.firstIndex(where: { $0.userId == userId }) {
            guard !participants[index].isActive else { return false }
            participants[index] = Participant(userId: userId, role: role, participantRole: participantRole, joinedAt: now, leftAt: nil, isActive: true)
        } else {
            participants.append(Participant(userId: userId, role: role, participantRole: participantRole, joinedAt: now, leftAt: nil, isActive: true))
        }
        memberCount = participants.count(where: \.isActive)
        return true
    }

    /// Marks `userId` as gone and forgets their per-user settings.
    mutating func release(_ userId: String, at now: Date) {
        guard let index = participants.firstIndex(where: { $0.userId == userId && $0.isActive }) else { return }
        participants[index].isActive = false
        participants[index].leftAt = now
        memberCount = participants.count(where: \.isActive)
        settings.muteNotifications.removeAll { $0 == userId }
        settings.isPinned.removeAll { $0 == userId }
        settings.archivedBy.removeAll { $0 == userId }
        if ownerId == userId { ownerId = participants.first { $0.isActive && $0.role == .owner }?.userId }
    }

    /// Changes a current participant's role, keeping `ownerId` on an owner.
    mutating func setRole(_ role: MemberRole, of userId: String) {
        guard let index = participants.firstIndex(where: { $0.userId == userId && $0.isActive }) else { return }
        participants[index].role = role
        if role == .owner, ownerId == nil || participant(ownerId ?? "")?.role != .owner { ownerId = userId }
        if role != .owner, ownerId == userId { ownerId = participants.first { $0.isActive && $0.role == .owner }?.userId }
    }

    var view: ConversationV1 {
        ConversationV1(
            id: id, type: type, title: title, description: description, avatar: avatar, ownerId: ownerId, sprintId: sprintId,
            memberCount: memberCount, encrypted: encrypted, autoDeleteAfterDays: settings.autoDeleteAfter, lastSequence: lastSequence,
            lastMessage: lastMessage.map { LastMessageV1(messageId: $0.messageId, preview: $0.content, senderId: $0.senderId, sentAt: $0.sentAt) },
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// One member's own state in a conversation (seed 004 `conversation_members`): role, read position,
/// mute, pin and archive. Unread = the conversation's `lastSequence` − `lastReadSequence`.
struct ConversationMember: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var conversationId: String
    var userId: String
    var role: MemberRole
    var participantRole: ParticipantRole?
    var lastReadMessageId: String?
    var lastReadSequence: Int
    var joinedAt: Date
    var mutedUntil: Date?
    var isPinned: Bool
    var isArchived: Bool
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, conversationId, userId, role, participantRole, lastReadMessageId, lastReadSequence, joinedAt, mutedUntil,
             isPinned, isArchived, createdAt, updatedAt
    }

    static func id(conversation: String, user: String) -> String { "\(conversation)/\(user)" }

    /// A new member who has read everything before joining.
    init(conversation: Conversation, userId: String, role: MemberRole, participantRole: ParticipantRole? = nil, now: Date) {
        self.id = Self.id(conversation: conversation.id, user: userId)
        self.tenantId = conversation.tenantId
        self.conversationId = conversation.id
        self.userId = userId
        self.role = role
        self.participantRole = participantRole
        self.lastReadMessageId = conversation.lastMessage?.messageId
        self.lastReadSequence = conversation.lastSequence
        self.joinedAt = now
        self.isPinned = false
        self.isArchived = false
        self.createdAt = now
        self.updatedAt = now
    }

    func entry(in conversation: Conversation) -> InboxEntryV1 {
        InboxEntryV1(
            conversation: conversation.view, role: role, unreadCount: max(0, conversation.lastSequence - lastReadSequence),
            lastReadMessageId: lastReadMessageId, lastReadSequence: lastReadSequence, mutedUntil: mutedUntil, pinned: isPinned, archived: isArchived)
    }
}
