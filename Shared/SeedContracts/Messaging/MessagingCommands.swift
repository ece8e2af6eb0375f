import Foundation

// Commands of the messaging service. The caller is `envelope.actor` and the tenant `envelope.tenant`
// (set by the gateway from a verified token or API key), never a field of the body.

private let exampleConversation = ConversationV1.example.id
private let exampleUser = "665f1a0b9b1d4a0012ab9999"
private let exampleMessage = ChatMessageV1.example.id

/// Opens the caller's direct conversation with another user; asking again returns the same one.
public struct OpenDirectConversationV1: MessagingCommand, Equatable {
    public typealias Reply = ConversationV1
    public static let messageType = MessageType("messaging.open-direct-conversation", version: 1)
    public static let summary = "Opens the caller's direct conversation with another user (one per pair in a tenant; asking again returns it)."
    public static let example = OpenDirectConversationV1(userId: exampleUser, encrypted: false)

    /// The other person.
    public var userId: String
    /// Whether its messages are end-to-end encrypted; only used when the conversation is new.
    public var encrypted: Bool?

    public init(userId: String, encrypted: Bool? = nil) {
        self.userId = userId
        self.encrypted = encrypted
    }
}

/// Creates a group, channel or support conversation; the caller becomes its owner.
public struct CreateConversationV1: MessagingCommand, Equatable {
    public typealias Reply = ConversationV1
    public static let messageType = MessageType("messaging.create-conversation", version: 1)
    public static let summary = "Creates a group, channel or support conversation with members; the caller is its owner."
    public static let example = CreateConversationV1(
        type: .group, title: "Launch team", description: "Everything about the launch", avatar: nil, memberIds: [exampleUser],
        encrypted: false, autoDeleteAfterDays: nil)

    /// `group`, `channel` or `support` (direct conversations are opened, sprint ones by work).
    public var type: ConversationType
    public var title: String
    public var description: String?
    public var avatar: String?
    /// Members besides the caller.
    public var memberIds: [String]
    public var encrypted: Bool?
    public var autoDeleteAfterDays: Int?

    public init(
        type: ConversationType, title: String, description: String? = nil, avatar: String? = nil, memberIds: [String] = [],
        encrypted: Bool? = nil, autoDeleteAfterDays: Int? = nil
    ) {
        self.type = type
        self.title = title
        self.description = description
        self.avatar = avatar
        self.memberIds = memberIds
        self.encrypted = encrypted
        self.autoDeleteAfterDays = autoDeleteAfterDays
    }
}

/// Opens the one conversation of a work sprint (sent by the work service, not by clients).
public struct OpenSprintConversationV1: MessagingCommand, Equatable {
    public typealias Reply = ConversationV1
    public static let messageType = MessageType("messaging.open-sprint-conversation", version: 1)
    public static let summary = "Opens the conversation of a sprint with its client, admins and team (internal: sent by work); again: adds missing members."
    public static let example = OpenSprintConversationV1(
        sprintId: "665f20009b1d4a0012ab0001", title: "MVP sprint", clientId: "665f1a0b9b1d4a0012ab1234",
        adminIds: ["665f1a0b9b1d4a0012ab0042"], teamMemberIds: [exampleUser])

    public var sprintId: String
    public var title: String
    public var clientId: String
    public var adminIds: [String]
    public var teamMemberIds: [String]

    public init(sprintId: String, title: String, clientId: String, adminIds: [String], teamMemberIds: [String]) {
        self.sprintId = sprintId
        self.title = title
        self.clientId = clientId
        self.adminIds = adminIds
        self.teamMemberIds = teamMemberIds
    }
}

/// A conversation as the calling member sees it.
public struct GetConversationV1: MessagingCommand, Equatable {
    public typealias Reply = InboxEntryV1
    public static let messageType = MessageType("messaging.get-conversation", version: 1)
    public static let summary = "A conversation with the caller's unread count and settings; not_found for non-members."
    public static let example = GetConversationV1(conversationId: exampleConversation)

    public var conversationId: String

    public init(conversationId: String) { self.conversationId = conversationId }
}

/// Changes a conversation's details (owners and admins).
public struct UpdateConversationV1: MessagingCommand, Equatable {
    public typealias Reply = ConversationV1
    public static let messageType = MessageType("messaging.update-conversation", version: 1)
    public static let summary = "Changes title, description, avatar or retention (owners and admins); a title change posts a system message."
    public static let example = UpdateConversationV1(conversationId: exampleConversation, title: "Launch crew", autoDeleteAfterDays: 90)

    public var conversationId: String
    public var title: String?
    public var description: String?
    public var avatar: String?
    /// Days after which messages are deleted; 0 turns retention off.
    public var autoDeleteAfterDays: Int?

    public init(conversationId: String, title: String? = nil, description: String? = nil, avatar: String? = nil, autoDeleteAfterDays: Int? = nil) {
        self.conversationId = conversationId
        self.title = title
        self.description = description
        self.avatar = avatar
        self.autoDeleteAfterDays = autoDeleteAfterDays
    }
}

/// The caller's inbox.
public struct ListConversationsV1: MessagingCommand, Equatable {
    public typealias Reply = InboxPageV1
    public static let messageType = MessageType("messaging.list-conversations", version: 1)
    public static let summary = "The caller's conversations by last activity, with previews and unread counts; archived ones only when asked."
    public static let example = ListConversationsV1(archived: false, cursor: nil, limit: 20)

    /// `true`: only archived conversations; otherwise only those not archived.
    public var archived: Bool?
    public var cursor: String?
    /// 1–100, default 20.
    public var limit: Int?

    public init(archived: Bool? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.archived = archived
        self.cursor = cursor
        self.limit = limit
    }
}

/// Changes the caller's own settings for a conversation.
public struct UpdateMembershipV1: MessagingCommand, Equatable {
    public typealias Reply = InboxEntryV1
    public static let messageType = MessageType("messaging.update-membership", version: 1)
    public static let summary = "Mutes (until a time), unmutes, pins or archives a conversation for the caller."
    public static let example = UpdateMembershipV1(
        conversationId: exampleConversation, mutedUntil: Date(timeIntervalSince1970: 1_767_300_000), unmute: nil, pinned: true, archived: nil)

    public var conversationId: String
    public var mutedUntil: Date?
    /// `true` clears `mutedUntil`.
    public var unmute: Bool?
    public var pinned: Bool?
    public var archived: Bool?

    public init(conversationId: String, mutedUntil: Date? = nil, unmute: Bool? = nil, pinned: Bool? = nil, archived: Bool? = nil) {
        self.conversationId = conversationId
        self.mutedUntil = mutedUntil
        self.unmute = unmute
        self.pinned = pinned
        self.archived = archived
    }
}

/// Adds members (owners and admins).
public struct AddMembersV1: MessagingCommand, Equatable {
    public typealias Reply = MemberListV1
    public static let messageType = MessageType("messaging.add-members", version: 1)
    public static let summary = "Adds members to a group, channel, sprint or support conversation (owners and admins); members already in stay as they are."
    public static let example = AddMembersV1(conversationId: exampleConversation, userIds: [exampleUser], role: .member)

    public var conversationId: String
    public var userIds: [String]
    /// `member` (default) or `admin`.
    public var role: MemberRole?

    public init(conversationId: String, userIds: [String], role: MemberRole? = nil) {
        self.conversationId = conversationId
        self.userIds = userIds
        self.role = role
    }
}

/// Removes a member (owners and admins; an admin cannot remove an owner).
public struct RemoveMemberV1: MessagingCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("messaging.remove-member", version: 1)
    public static let summary = "Removes a member (owners and admins; only an owner removes an owner; the last owner cannot be removed)."
    public static let example = RemoveMemberV1(conversationId: exampleConversation, userId: exampleUser)

    public var conversationId: String
    public var userId: String

    public init(conversationId: String, userId: String) {
        self.conversationId = conversationId
        self.userId = userId
    }
}

/// The caller leaves a conversation.
public struct LeaveConversationV1: MessagingCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("messaging.leave-conversation", version: 1)
    public static let summary = "The caller leaves; the last owner names a new owner among the members, or is refused."
    public static let example = LeaveConversationV1(conversationId: exampleConversation, newOwnerId: exampleUser)

    public var conversationId: String
    /// Required when the caller is the last owner and others remain.
    public var newOwnerId: String?

    public init(conversationId: String, newOwnerId: String? = nil) {
        self.conversationId = conversationId
        self.newOwnerId = newOwnerId
    }
}

/// Changes a member's role (owners).
public struct ChangeMemberRoleV1: MessagingCommand, Equatable {
    public typealias Reply = MemberV1
    public static let messageType = MessageType("messaging.change-member-role", version: 1)
    public static let summary = "Makes a member owner, admin or member (owners only; the last owner cannot step down)."
    public static let example = ChangeMemberRoleV1(conversationId: exampleConversation, userId: exampleUser, role: .admin)

    public var conversationId: String
    public var userId: String
    public var role: MemberRole

    public init(conversationId: String, userId: String, role: MemberRole) {
        self.conversationId = conversationId
        self.userId = userId
        self.role = role
    }
}

/// The members of a conversation.
public struct ListMembersV1: MessagingCommand, Equatable {
    public typealias Reply = MemberListV1
    public static let messageType = MessageType("messaging.list-members", version: 1)
    public static let summary = "The members of a conversation the caller belongs to, with names from identity."
    public static let example = ListMembersV1(conversationId: exampleConversation)

    public var conversationId: String

    public init(conversationId: String) { self.conversationId = conversationId }
}

/// Sends a message.
public struct SendMessageV1: MessagingCommand, Equatable {
    public typealias Reply = ChatMessageV1
    public static let messageType = MessageType("messaging.send-message", version: 1)
    public static let summary = "Sends a message; a retry with the same clientMessageId returns the first message and stores nothing new."
    public static let example = SendMessageV1(
        conversationId: exampleConversation, clientMessageId: "c-7f3a", kind: .text, content: "Ship it on Monday?",
        mentions: [exampleUser])

    public var conversationId: String
    /// The sender's own id for this message: a retried send with the same one is the same message.
    public var clientMessageId: String?
    /// Default `text`; `system` is the service's own.
    public var kind: MessageKind?
    /// The text (1–10,000 characters; required unless encrypted or with attachments).
    public var content: String?
    /// For end-to-end encrypted conversations, instead of `content`: a key for every current member.
    public var encrypted: EncryptedPayloadV1?
    public var attachments: [AttachmentV1]?
    /// Reply in the thread of this message.
    public var parentMessageId: String?
    /// Mentioned members' user ids.
    public var mentions: [String]?

    public init(
        conversationId: String, clientMessageId: String? = nil, kind: MessageKind? = nil, content: String? = nil,
        encrypted: EncryptedPayloadV1? = nil, attachments: [AttachmentV1]? = nil, parentMessageId: String? = nil, mentions: [String]? = nil
    ) {
        self.conversationId = conversationId
        self.clientMessageId = clientMessageId
        self.kind = kind
        self.content = content
        self.encrypted = encrypted
        self.attachments = attachments
        self.parentMessageId = parentMessageId
        self.mentions = mentions
    }
}

/// Edits the text of one's own message.
public struct EditMessageV1: MessagingCommand, Equatable {
    public typealias Reply = ChatMessageV1
    public static let messageType = MessageType("messaging.edit-message", version: 1)
    public static let summary = "Replaces the text (or encrypted payload) of the caller's own message and sets editedAt."
    public static let example = EditMessageV1(messageId: exampleMessage, content: "Ship it on Tuesday?")

    public var messageId: String
    public var content: String?
    public var encrypted: EncryptedPayloadV1?

    public init(messageId: String, content: String? = nil, encrypted: EncryptedPayloadV1? = nil) {
        self.messageId = messageId
        self.content = content
        self.encrypted = encrypted
    }
}

/// Deletes a message (soft).
public struct DeleteMessageV1: MessagingCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("messaging.delete-message", version: 1)
    public static let summary = "Deletes a message (its sender, or an owner or admin): its content is gone from every read, a placeholder stays."
    public static let example = DeleteMessageV1(messageId: exampleMessage)

    public var messageId: String

    public init(messageId: String) { self.messageId = messageId }
}

/// A page of a conversation's history, or of one thread.
public struct ListMessagesV1: MessagingCommand, Equatable {
    public typealias Reply = MessagePageV1
    public static let messageType = MessageType("messaging.list-messages", version: 1)
    public static let summary = "History newest first, in pages stable under new messages; with threadOf: the replies of that message."
    public static let example = ListMessagesV1(conversationId: exampleConversation, cursor: nil, limit: 50, threadOf: nil)

    public var conversationId: String
    public var cursor: String?
    /// 1–100, default 50.
    public var limit: Int?
    /// Only the replies to this message.
    public var threadOf: String?

    public init(conversationId: String, cursor: String? = nil, limit: Int? = nil, threadOf: String? = nil) {
        self.conversationId = conversationId
        self.cursor = cursor
        self.limit = limit
        self.threadOf = threadOf
    }
}

/// The messages after the caller's read position.
public struct ListUnreadMessagesV1: MessagingCommand, Equatable {
    public typealias Reply = MessagePageV1
    public static let messageType = MessageType("messaging.list-unread-messages", version: 1)
    public static let summary = "The messages after the caller's read position, oldest first; pass nextCursor for more."
    public static let example = ListUnreadMessagesV1(conversationId: exampleConversation, cursor: nil, limit: 50)

    public var conversationId: String
    public var cursor: String?
    public var limit: Int?

    public init(conversationId: String, cursor: String? = nil, limit: Int? = nil) {
        self.conversationId = conversationId
        self.cursor = cursor
        self.limit = limit
    }
}

/// The messages around one message (to jump to a search hit or a mention).
public struct ListMessagesAroundV1: MessagingCommand, Equatable {
    public typealias Reply = MessagePageV1
    public static let messageType = MessageType("messaging.list-messages-around", version: 1)
    public static let summary = "Up to limit/2 messages before and after one message, in sequence order."
    public static let example = ListMessagesAroundV1(conversationId: exampleConversation, messageId: exampleMessage, limit: 20)

    public var conversationId: String
    public var messageId: String
    public var limit: Int?

    public init(conversationId: String, messageId: String, limit: Int? = nil) {
        self.conversationId = conversationId
        self.messageId = messageId
        self.limit = limit
    }
}

/// Moves the caller's read position forward to a message.
public struct MarkReadV1: MessagingCommand, Equatable {
    public typealias Reply = InboxEntryV1
    public static let messageType = MessageType("messaging.mark-read", version: 1)
    public static let summary = "Marks the conversation read up to a message; the read position only moves forward."
    public static let example = MarkReadV1(conversationId: exampleConversation, messageId: exampleMessage)

    public var conversationId: String
    public var messageId: String

    public init(conversationId: String, messageId: String) {
        self.conversationId = conversationId
        self.messageId = messageId
    }
}

/// Acknowledges that messages reached the caller's device.
public struct MarkDeliveredV1: MessagingCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("messaging.mark-delivered", version: 1)
    public static let summary = "Records delivery receipts for messages of one conversation (at most 100)."
    public static let example = MarkDeliveredV1(conversationId: exampleConversation, messageIds: [exampleMessage])

    public var conversationId: String
    public var messageIds: [String]

    public init(conversationId: String, messageIds: [String]) {
        self.conversationId = conversationId
        self.messageIds = messageIds
    }
}

/// Adds the caller's reaction to a message.
public struct AddReactionV1: MessagingCommand, Equatable {
    public typealias Reply = ChatMessageV1
    public static let messageType = MessageType("messaging.add-reaction", version: 1)
    public static let summary = "Adds the caller's emoji reaction (once per user and emoji); returns the message with its counts."
    public static let example = AddReactionV1(messageId: exampleMessage, emoji: "👍")

    public var messageId: String
    public var emoji: String

    public init(messageId: String, emoji: String) {
        self.messageId = messageId
        self.emoji = emoji
    }
}

/// Removes the caller's reaction.
public struct RemoveReactionV1: MessagingCommand, Equatable {
    public typealias Reply = ChatMessageV1
    public static let messageType = MessageType("messaging.remove-reaction", version: 1)
    public static let summary = "Removes the caller's emoji reaction; returns the message with its counts."
    public static let example = RemoveReactionV1(messageId: exampleMessage, emoji: "👍")

    public var messageId: String
    public var emoji: String

    public init(messageId: String, emoji: String) {
        self.messageId = messageId
        self.emoji = emoji
    }
}

/// Full-text search over the caller's conversations.
public struct SearchMessagesV1: MessagingCommand, Equatable {
    public typealias Reply = MessagePageV1
    public static let messageType = MessageType("messaging.search-messages", version: 1)
    public static let summary = "Full-text search over the messages of the caller's conversations, newest first; never deleted or encrypted ones."
    public static let example = SearchMessagesV1(query: "monday launch", conversationId: nil, cursor: nil, limit: 20)

    /// 1–200 characters.
    public var query: String
    /// Only this conversation.
    public var conversationId: String?
    public var cursor: String?
    public var limit: Int?

    public init(query: String, conversationId: String? = nil, cursor: String? = nil, limit: Int? = nil) {
        self.query = query
        self.conversationId = conversationId
        self.cursor = cursor
        self.limit = limit
    }
}
