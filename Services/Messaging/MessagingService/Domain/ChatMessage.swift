import Foundation
import SeedContracts

/// Who read a message (seed 000 `readBy[]`): kept for the message a member marked read up to.
struct ReadMark: Codable, Sendable, Equatable {
    var userId: String
    var readAt: Date
}

/// A stored end-to-end payload (seed 001 `content.encrypted_data` and `encrypted_key`). Opaque.
struct EncryptedPayload: Codable, Sendable, Equatable {
    var data: String
    var keys: [String: String]
    var algorithm: String?
}

/// A message (seeds 000, 001, 004). `sequence` numbers a conversation's messages 1, 2, 3, … so that
/// unread counts are differences, never counters.
struct ChatMessage: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var conversationId: String
    var senderId: String
    /// The other person of a direct conversation (seed 000 `receiverId`).
    var receiverId: String?
    var clientMessageId: String?
    /// `<conversationId> <clientMessageId>` when the sender gave one (ids hold no spaces): its sparse
    /// unique index makes a retried send one message. (A sparse index on two fields would still hold
    /// every message, since each has a `conversationId`, and refuse the second without a client id.)
    var clientKey: String? = nil
    var sequence: Int
    var messageType: MessageKind
    /// The text; absent when encrypted or deleted (so the text index never holds either).
    var content: String?
    var encrypted: EncryptedPayload?
    var attachments: [AttachmentV1]
    var parentMessageId: String?
    var replyCount: Int
    var mentions: [String]
    var status: MessageStatus
    var readBy: [ReadMark]
    var editedAt: Date?
    var deletedAt: Date?
    var isDeleted: Bool
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, conversationId, senderId, receiverId, clientMessageId, clientKey, sequence, messageType, content, encrypted,
             attachments, parentMessageId, replyCount, mentions, status, readBy, editedAt, deletedAt, isDeleted, createdAt, updatedAt
    }

    /// How long a preview is (seed 000 `lastMessage.content`).
    static let previewLength = 120

    var preview: String {
        guard let content, !isDeleted else { return "" }
        return String(content.prefix(Self.previewLength))
    }

    /// The message as `reader` sees it: only the reader's key of an encrypted payload.
    func view(for reader: String, reactions: [ReactionCountV1] = []) -> ChatMessageV1 {
        ChatMessageV1(
            id: id, conversationId: conversationId, senderId: senderId, clientMessageId: clientMessageId, sequence: sequence,
            kind: messageType, content: isDeleted ? nil : content,
            encrypted: isDeleted ? nil : encrypted.map { EncryptedPayloadV1(data: $0.data, keys: $0.keys.filter { $0.key == reader }, algorithm: $0.algorithm) },
            attachments: isDeleted ? [] : attachments, parentMessageId: parentMessageId, replyCount: replyCount, mentions: isDeleted ? [] : mentions,
            status: status, reactions: isDeleted ? [] : reactions, editedAt: editedAt, deletedAt: deletedAt, createdAt: createdAt)
    }

    /// The message as every recipient's copy of an event needs it (all keys: the edge gives each its own).
    var announcement: ChatMessageV1 {
        var view = view(for: "")
        if !isDeleted { view.encrypted = encrypted.map { EncryptedPayloadV1(data: $0.data, keys: $0.keys, algorithm: $0.algorithm) } }
        return view
    }
}

/// A delivery or read receipt (seed 004 `message_receipts`).
struct MessageReceipt: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var conversationId: String
    var messageId: String
    var userId: String
    var deliveredAt: Date?
    var readAt: Date?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, conversationId, messageId, userId, deliveredAt, readAt, createdAt, updatedAt
    }

    static func id(message: String, user: String) -> String { "\(message)/\(user)" }
}

/// One user's reaction with one emoji to one message (seed 004 `reactions`).
struct Reaction: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var conversationId: String
    var messageId: String
    var userId: String
    var emoji: String
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, conversationId, messageId, userId, emoji, createdAt, updatedAt
    }
}

/// A remembered idempotent request (seed 004 `idempotency_keys`): a send's `clientMessageId` maps to
/// the message it created until `expiresAt`.
struct IdempotencyKey: Codable, Sendable, Equatable {
    /// How long a `clientMessageId` is remembered here; the unique message index keeps it beyond.
    static let lifetime: TimeInterval = 24 * 3600

    var id: String
    var key: String
    var userId: String
    var responseRef: String
    var expiresAt: Date
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", key, userId, responseRef, expiresAt, createdAt, updatedAt
    }
}

/// What messaging knows of a user, from identity's events (a local read model).
struct DirectoryEntry: Codable, Sendable, Equatable {
    var id: String
    /// The user's tenant; `nil` when not yet known (an entry made from a status event alone).
    var tenantId: String?
    var displayName: String?
    var avatarUrl: String?
    /// `active`, `suspended` or `deleted`.
    var status: String
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, displayName, avatarUrl, status, updatedAt
    }
}
