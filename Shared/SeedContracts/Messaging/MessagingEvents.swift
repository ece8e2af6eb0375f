import Foundation

// Events of the messaging service. Each names the members it concerns (`recipients`), so that the
// real-time edge can deliver it without asking messaging who is in the conversation.

/// A conversation was created (or a sprint's conversation opened).
public struct ConversationCreatedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.conversation-created", version: 1)
    public static let summary = "A conversation was created; recipients are its members."
    public static let example = ConversationCreatedV1(conversation: .example, recipients: [MemberV1.example.userId])

    public var conversation: ConversationV1
    public var recipients: [String]

    public init(conversation: ConversationV1, recipients: [String]) {
        self.conversation = conversation
        self.recipients = recipients
    }
}

/// A conversation's details changed.
public struct ConversationUpdatedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.conversation-updated", version: 1)
    public static let summary = "A conversation's title, description, avatar, retention or owner changed."
    public static let example = ConversationUpdatedV1(conversation: .example, changedFields: ["title"], recipients: [MemberV1.example.userId])

    public var conversation: ConversationV1
    public var changedFields: [String]
    public var recipients: [String]

    public init(conversation: ConversationV1, changedFields: [String], recipients: [String]) {
        self.conversation = conversation
        self.changedFields = changedFields
        self.recipients = recipients
    }
}

/// Someone joined a conversation (added, or opened with it).
public struct MemberJoinedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.member-joined", version: 1)
    public static let summary = "A member joined a conversation; recipients include the new member."
    public static let example = MemberJoinedV1(conversationId: ConversationV1.example.id, member: .example, addedBy: nil, recipients: [MemberV1.example.userId])

    public var conversationId: String
    public var member: MemberV1
    public var addedBy: String?
    public var recipients: [String]

    public init(conversationId: String, member: MemberV1, addedBy: String?, recipients: [String]) {
        self.conversationId = conversationId
        self.member = member
        self.addedBy = addedBy
        self.recipients = recipients
    }
}

/// Someone left or was removed from a conversation.
public struct MemberLeftV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.member-left", version: 1)
    public static let summary = "A member left or was removed; recipients include the one who left."
    public static let example = MemberLeftV1(conversationId: ConversationV1.example.id, userId: MemberV1.example.userId, removedBy: nil, recipients: [MemberV1.example.userId])

    public var conversationId: String
    public var userId: String
    /// Who removed them; `nil` when they left.
    public var removedBy: String?
    public var recipients: [String]

    public init(conversationId: String, userId: String, removedBy: String?, recipients: [String]) {
        self.conversationId = conversationId
        self.userId = userId
        self.removedBy = removedBy
        self.recipients = recipients
    }
}

/// A message was sent. An encrypted payload carries every recipient's key; the edge gives each only theirs.
public struct MessageSentV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.message-sent", version: 1)
    public static let summary = "A message was sent; recipients are the conversation's members, mentions name those to notify."
    public static let example = MessageSentV1(message: .example, recipients: [MemberV1.example.userId])

    public var message: ChatMessageV1
    public var recipients: [String]

    public init(message: ChatMessageV1, recipients: [String]) {
        self.message = message
        self.recipients = recipients
    }
}

/// A message's text changed.
public struct MessageEditedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.message-edited", version: 1)
    public static let summary = "A message was edited; carries it as it is now."
    public static let example = MessageEditedV1(message: .example, recipients: [MemberV1.example.userId])

    public var message: ChatMessageV1
    public var recipients: [String]

    public init(message: ChatMessageV1, recipients: [String]) {
        self.message = message
        self.recipients = recipients
    }
}

/// A message was deleted.
public struct MessageDeletedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.message-deleted", version: 1)
    public static let summary = "A message was deleted (soft): clients replace it with a placeholder."
    public static let example = MessageDeletedV1(
        conversationId: ConversationV1.example.id, messageId: ChatMessageV1.example.id, parentMessageId: nil, deletedBy: MemberV1.example.userId,
        recipients: [MemberV1.example.userId])

    public var conversationId: String
    public var messageId: String
    public var parentMessageId: String?
    public var deletedBy: String
    public var recipients: [String]

    public init(conversationId: String, messageId: String, parentMessageId: String?, deletedBy: String, recipients: [String]) {
        self.conversationId = conversationId
        self.messageId = messageId
        self.parentMessageId = parentMessageId
        self.deletedBy = deletedBy
        self.recipients = recipients
    }
}

/// A reaction was added or removed.
public struct ReactionChangedV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.reaction-changed", version: 1)
    public static let summary = "A member added or removed a reaction; carries the emoji's new count."
    public static let example = ReactionChangedV1(
        conversationId: ConversationV1.example.id, messageId: ChatMessageV1.example.id, userId: MemberV1.example.userId, emoji: "👍",
        added: true, count: 2, recipients: [MemberV1.example.userId])

    public var conversationId: String
    public var messageId: String
    public var userId: String
    public var emoji: String
    public var added: Bool
    public var count: Int
    public var recipients: [String]

    public init(conversationId: String, messageId: String, userId: String, emoji: String, added: Bool, count: Int, recipients: [String]) {
        self.conversationId = conversationId
        self.messageId = messageId
        self.userId = userId
        self.emoji = emoji
        self.added = added
        self.count = count
        self.recipients = recipients
    }
}

/// A member's read position moved forward.
public struct ReadUpToV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.read-up-to", version: 1)
    public static let summary = "A member read a conversation up to a message (read receipts)."
    public static let example = ReadUpToV1(
        conversationId: ConversationV1.example.id, userId: MemberV1.example.userId, messageId: ChatMessageV1.example.id, sequence: 42,
        recipients: [MemberV1.example.userId])

    public var conversationId: String
    public var userId: String
    public var messageId: String
    public var sequence: Int
    public var recipients: [String]

    public init(conversationId: String, userId: String, messageId: String, sequence: Int, recipients: [String]) {
        self.conversationId = conversationId
        self.userId = userId
        self.messageId = messageId
        self.sequence = sequence
        self.recipients = recipients
    }
}

/// Messages reached a member's device.
public struct MessagesDeliveredV1: MessagingEvent, Equatable {
    public static let messageType = MessageType("messaging.messages-delivered", version: 1)
    public static let summary = "A member's device received messages (delivery receipts); recipients are those messages' senders."
    public static let example = MessagesDeliveredV1(
        conversationId: ConversationV1.example.id, userId: MemberV1.example.userId, messageIds: [ChatMessageV1.example.id],
        recipients: [ChatMessageV1.example.senderId])

    public var conversationId: String
    public var userId: String
    public var messageIds: [String]
    public var recipients: [String]

    public init(conversationId: String, userId: String, messageIds: [String], recipients: [String]) {
        self.conversationId = conversationId
        self.userId = userId
        self.messageIds = messageIds
        self.recipients = recipients
    }
}
