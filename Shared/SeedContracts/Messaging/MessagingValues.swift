import Foundation

// Values of the messaging service: one model merging seed 000 (conversations of a sprint, support,
// `lastMessage`, settings), seed 001 (tenants, direct/group/channel, roles owner/admin/member,
// metadata, content types, end-to-end payloads, threads, status, soft delete) and seed 004
// (members with read positions, idempotent `clientMessageId`, receipts, reactions).

/// What kind of conversation (seed 004 `dm|group`, seed 001 `direct|group|channel`, seed 000
/// `direct|sprint|support`).
public enum ConversationType: String, Codable, Sendable, CaseIterable {
    /// Two people; unique per pair within a tenant.
    case direct
    /// A titled conversation whose members are managed by its owners and admins.
    case group
    /// Like a group, for announcements to many members.
    case channel
    /// The one conversation of a work sprint (seed 000), opened by the work service.
    case sprint
    /// A client's conversation with the support team (seed 000).
    case support
}

/// A member's rights in a conversation (seed 001 and 004 `role`).
public enum MemberRole: String, Codable, Sendable, CaseIterable {
    /// Manages members and settings; at least one remains while the conversation has members.
    case owner
    /// Manages members and settings.
    case admin
    case member

    /// Whether this role may add and remove members and change the conversation's details.
    public var managesConversation: Bool { self != .member }
}

/// What a participant is in a sprint or support conversation (seed 000 `participants.role`).
public enum ParticipantRole: String, Codable, Sendable, CaseIterable {
    case client
    case admin
    case teamMember = "team_member"
}

/// What a message carries (seed 001 `content.type`, seed 000 `messageType`).
public enum MessageKind: String, Codable, Sendable, CaseIterable {
    case text
    case file
    case image
    case video
    case audio
    /// Written by the service: joins, leaves, title changes.
    case system
}

/// Where a message is (seed 001 `status`, seed 000 `sent|delivered|read`). `delivered` and `read`
/// mean: at least one other member acknowledged it; `deleted`: soft-deleted.
public enum MessageStatus: String, Codable, Sendable, CaseIterable {
    case sent
    case delivered
    case read
    case deleted
}

/// A reference to a file the documents service stores (seed 000 `attachments[]`).
public struct AttachmentV1: Codable, Sendable, Equatable {
    /// The documents service's id of the file (24 hexadecimal digits).
    public var documentId: String
    public var fileName: String
    public var fileSize: Int
    public var mimeType: String
    public var thumbnailUrl: String?

    public init(documentId: String, fileName: String, fileSize: Int, mimeType: String, thumbnailUrl: String? = nil) {
        self.documentId = documentId
        self.fileName = fileName
        self.fileSize = fileSize
        self.mimeType = mimeType
        self.thumbnailUrl = thumbnailUrl
    }
}

/// An end-to-end encrypted payload (seed 001 `content.encrypted_data` and `encrypted_key`). The server
/// stores it as it is and never reads, indexes or logs it.
public struct EncryptedPayloadV1: Codable, Sendable, Equatable {
    /// The ciphertext, base64.
    public var data: String
    /// The message key encrypted for each recipient, by user id. On send: one for every current member;
    /// on read: only the reader's.
    public var keys: [String: String]
    /// Names the scheme, e.g. `x25519-aes256gcm`; opaque to the server.
    public var algorithm: String?

    public init(data: String, keys: [String: String], algorithm: String? = nil) {
        self.data = data
        self.keys = keys
        self.algorithm = algorithm
    }
}

/// The preview of a conversation's newest message (seed 000 `lastMessage`, seed 001 `last_message`).
public struct LastMessageV1: Codable, Sendable, Equatable {
    public var messageId: String
    /// The first 120 characters of the text; empty for end-to-end encrypted or deleted messages.
    public var preview: String
    public var senderId: String
    public var sentAt: Date

    public init(messageId: String, preview: String, senderId: String, sentAt: Date) {
        self.messageId = messageId
        self.preview = preview
        self.senderId = senderId
        self.sentAt = sentAt
    }
}

/// A conversation as its members see it.
public struct ConversationV1: Message, Equatable {
    public static let messageType = MessageType("messaging.conversation", version: 1)
    public static let summary = "A conversation: type, details, owner, member count and newest message."
    public static let example = ConversationV1(
        id: "665f1c2e9b1d4a0012ab34cd", type: .group, title: "Launch team", description: "Everything about the launch",
        avatar: "https://cdn.example.com/g/launch.png", ownerId: "665f1a0b9b1d4a0012ab1234", sprintId: nil, memberCount: 3,
        encrypted: false, autoDeleteAfterDays: nil, lastSequence: 42,
        lastMessage: LastMessageV1(messageId: "665f1d009b1d4a0012ab5678", preview: "Ship it on Monday?", senderId: "665f1a0b9b1d4a0012ab1234",
                                   sentAt: Date(timeIntervalSince1970: 1_767_260_000)),
        createdAt: Date(timeIntervalSince1970: 1_767_225_600), updatedAt: Date(timeIntervalSince1970: 1_767_260_000))

    public var id: String
    public var type: ConversationType
    public var title: String?
    public var description: String?
    public var avatar: String?
    public var ownerId: String?
    /// The work sprint of a `sprint` conversation.
    public var sprintId: String?
    public var memberCount: Int
    /// Whether messages must be end-to-end encrypted (their text is never on the server).
    public var encrypted: Bool
    /// Messages older than this many days are deleted by the retention sweep (seed 000 `autoDeleteAfter`).
    public var autoDeleteAfterDays: Int?
    /// The sequence number of the newest message (each message gets the next one).
    public var lastSequence: Int
    public var lastMessage: LastMessageV1?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, type: ConversationType, title: String?, description: String?, avatar: String?, ownerId: String?, sprintId: String?,
        memberCount: Int, encrypted: Bool, autoDeleteAfterDays: Int?, lastSequence: Int, lastMessage: LastMessageV1?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.type = type
        self.title = title
        self.description = description
        self.avatar = avatar
        self.ownerId = ownerId
        self.sprintId = sprintId
        self.memberCount = memberCount
        self.encrypted = encrypted
        self.autoDeleteAfterDays = autoDeleteAfterDays
        self.lastSequence = lastSequence
        self.lastMessage = lastMessage
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One member of a conversation (seed 004 `conversation_members`), with the display name messaging
/// learned from identity's events.
public struct MemberV1: Message, Equatable {
    public static let messageType = MessageType("messaging.member", version: 1)
    public static let summary = "A member of a conversation: role, when they joined, and their name as identity announced it."
    public static let example = MemberV1(
        userId: "665f1a0b9b1d4a0012ab1234", role: .owner, participantRole: nil, displayName: "Ada Lovelace",
        avatarUrl: "https://cdn.example.com/u/ada.png", joinedAt: Date(timeIntervalSince1970: 1_767_225_600))

    public var userId: String
    public var role: MemberRole
    /// In sprint and support conversations: the participant's part (seed 000).
    public var participantRole: ParticipantRole?
    public var displayName: String?
    public var avatarUrl: String?
    public var joinedAt: Date

    public init(userId: String, role: MemberRole, participantRole: ParticipantRole?, displayName: String?, avatarUrl: String?, joinedAt: Date) {
        self.userId = userId
        self.role = role
        self.participantRole = participantRole
        self.displayName = displayName
        self.avatarUrl = avatarUrl
        self.joinedAt = joinedAt
    }
}

/// The members of a conversation.
public struct MemberListV1: Message, Equatable {
    public static let messageType = MessageType("messaging.member-list", version: 1)
    public static let summary = "The current members of a conversation, owners first."
    public static let example = MemberListV1(members: [MemberV1.example])

    public var members: [MemberV1]

    public init(members: [MemberV1]) { self.members = members }
}

/// A conversation in one member's inbox: the conversation with that member's own state.
public struct InboxEntryV1: Message, Equatable {
    public static let messageType = MessageType("messaging.inbox-entry", version: 1)
    public static let summary = "A conversation as one member's inbox shows it: unread count, read position, mute, pin and archive."
    public static let example = InboxEntryV1(
        conversation: ConversationV1.example, role: .member, unreadCount: 3, lastReadMessageId: "665f1cff9b1d4a0012ab5670",
        lastReadSequence: 39, mutedUntil: nil, pinned: true, archived: false)

    public var conversation: ConversationV1
    public var role: MemberRole
    /// Messages after my read position: `lastSequence − lastReadSequence`, exact by construction.
    public var unreadCount: Int
    public var lastReadMessageId: String?
    public var lastReadSequence: Int
    /// Notifications are muted until then.
    public var mutedUntil: Date?
    public var pinned: Bool
    public var archived: Bool

    public init(
        conversation: ConversationV1, role: MemberRole, unreadCount: Int, lastReadMessageId: String?, lastReadSequence: Int,
        mutedUntil: Date?, pinned: Bool, archived: Bool
    ) {
        self.conversation = conversation
        self.role = role
        self.unreadCount = unreadCount
        self.lastReadMessageId = lastReadMessageId
        self.lastReadSequence = lastReadSequence
        self.mutedUntil = mutedUntil
        self.pinned = pinned
        self.archived = archived
    }
}

/// A page of a member's inbox, newest activity first.
public struct InboxPageV1: Message, Equatable {
    public static let messageType = MessageType("messaging.inbox-page", version: 1)
    public static let summary = "A page of the caller's conversations by last activity; pass nextCursor for the next page."
    public static let example = InboxPageV1(entries: [InboxEntryV1.example], nextCursor: "WyIyMDI2LTAxLTAxIl0")

    public var entries: [InboxEntryV1]
    public var nextCursor: String?

    public init(entries: [InboxEntryV1], nextCursor: String?) {
        self.entries = entries
        self.nextCursor = nextCursor
    }
}

/// How many members reacted with one emoji, and whether the reader did.
public struct ReactionCountV1: Codable, Sendable, Equatable {
    public var emoji: String
    public var count: Int
    public var reactedByMe: Bool

    public init(emoji: String, count: Int, reactedByMe: Bool) {
        self.emoji = emoji
        self.count = count
        self.reactedByMe = reactedByMe
    }
}

/// A message as a member reads it. A deleted message keeps its place with no content.
public struct ChatMessageV1: Message, Equatable {
    public static let messageType = MessageType("messaging.message", version: 1)
    public static let summary = "A message: kind, text or encrypted payload, attachments, thread, mentions, reactions and status."
    public static let example = ChatMessageV1(
        id: "665f1d009b1d4a0012ab5678", conversationId: ConversationV1.example.id, senderId: "665f1a0b9b1d4a0012ab1234",
        clientMessageId: "c-7f3a", sequence: 42, kind: .text, content: "Ship it on Monday?", encrypted: nil,
        attachments: [], parentMessageId: nil, replyCount: 2, mentions: ["665f1a0b9b1d4a0012ab9999"], status: .read,
        reactions: [ReactionCountV1(emoji: "👍", count: 2, reactedByMe: true)], editedAt: nil, deletedAt: nil,
        createdAt: Date(timeIntervalSince1970: 1_767_260_000))

    public var id: String
    public var conversationId: String
    public var senderId: String
    public var clientMessageId: String?
    /// Position in the conversation: 1, 2, 3, … with no gaps.
    public var sequence: Int
    public var kind: MessageKind
    /// The text; `nil` when deleted or end-to-end encrypted.
    public var content: String?
    /// The encrypted payload with only the reader's key.
    public var encrypted: EncryptedPayloadV1?
    public var attachments: [AttachmentV1]
    /// The thread's first message, for a reply.
    public var parentMessageId: String?
    /// Live replies to this message.
    public var replyCount: Int
    public var mentions: [String]
    public var status: MessageStatus
    public var reactions: [ReactionCountV1]
    public var editedAt: Date?
    public var deletedAt: Date?
    public var createdAt: Date

    public init(
        id: String, conversationId: String, senderId: String, clientMessageId: String?, sequence: Int, kind: MessageKind, content: String?,
        encrypted: EncryptedPayloadV1?, attachments: [AttachmentV1], parentMessageId: String?, replyCount: Int, mentions: [String],
        status: MessageStatus, reactions: [ReactionCountV1], editedAt: Date?, deletedAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.conversationId = conversationId
        self.senderId = senderId
        self.clientMessageId = clientMessageId
        self.sequence = sequence
        self.kind = kind
        self.content = content
        self.encrypted = encrypted
        self.attachments = attachments
        self.parentMessageId = parentMessageId
        self.replyCount = replyCount
        self.mentions = mentions
        self.status = status
        self.reactions = reactions
        self.editedAt = editedAt
        self.deletedAt = deletedAt
        self.createdAt = createdAt
    }
}

/// A page of messages.
public struct MessagePageV1: Message, Equatable {
    public static let messageType = MessageType("messaging.message-page", version: 1)
    public static let summary = "A page of messages, newest first (history, thread, search) or in sequence order (unread, around a message)."
    public static let example = MessagePageV1(messages: [ChatMessageV1.example], nextCursor: nil)

    public var messages: [ChatMessageV1]
    /// Pass back as `cursor` for the next page; `nil` on the last page.
    public var nextCursor: String?

    public init(messages: [ChatMessageV1], nextCursor: String?) {
        self.messages = messages
        self.nextCursor = nextCursor
    }
}
