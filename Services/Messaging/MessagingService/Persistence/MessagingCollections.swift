public import SeedStore
import SeedServiceKit

// Where each messaging record lives and the indexes seeds 000, 001 and 004 give it, created at
// start-up. Decision 0016 explains how the seeds' three models are merged.

extension Conversation: StoredDocument {
    static let collection = CollectionSpec(
        "conversations",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("sprintId")], unique: true, sparse: true),
            IndexSpec([.ascending("participants.userId"), .ascending("participants.isActive")]),
            IndexSpec([.ascending("type")]),
            IndexSpec([.descending("lastMessage.sentAt")]),
            // Seed 001: tenant, participants, updated_at. The inbox pages by last activity.
            IndexSpec([.ascending("tenantId"), .descending("updatedAt")]),
            IndexSpec([.ascending("participants.userId"), .descending("lastMessageAt"), .descending("_id")]),
            // One direct conversation per pair in a tenant (the key names the tenant; sparse: only direct
            // conversations have one).
            IndexSpec([.ascending("directKey")], unique: true, sparse: true),
        ],
        fields: ["settings", "participants", "lastSequence", "lastMessage", "memberCount", "ownerId", "title"])
}

extension ConversationMember: StoredDocument {
    static let collection = CollectionSpec(
        "conversation_members",
        indexes: [
            // Seed 004.
            IndexSpec([.ascending("conversationId"), .ascending("userId")], unique: true),
            IndexSpec([.ascending("userId"), .descending("updatedAt")]),
        ],
        fields: ["tenantId", "lastReadSequence", "lastReadMessageId", "isArchived", "isPinned", "mutedUntil", "role"])
}

extension ChatMessage: StoredDocument {
    static let collection = CollectionSpec(
        "messages",
        indexes: [
            // Seed 004: history pages, idempotent sends, search.
            IndexSpec([.ascending("conversationId"), .descending("createdAt"), .descending("_id")]),
            // Seed 004's `{conversationId, clientMessageId}` unique sparse: a sparse compound index still
            // holds every message (each has a conversationId), so two messages without a
            // clientMessageId would collide, in MongoDB too. The seed's keys stay as a lookup index and
            // uniqueness moves to one sparse field that only idempotent sends have (decision 0017).
            IndexSpec([.ascending("conversationId"), .ascending("clientMessageId")]),
            IndexSpec([.ascending("clientKey")], unique: true, sparse: true),
            .text("content"),
            // Seed 000.
            IndexSpec([.ascending("conversationId"), .descending("createdAt")]),
            IndexSpec([.ascending("senderId"), .descending("createdAt")]),
            IndexSpec([.ascending("receiverId"), .ascending("status")]),
            IndexSpec([.ascending("readBy.userId"), .ascending("readBy.readAt")]),
            // Seed 001: tenant_id, conversation_id, created_at.
            IndexSpec([.ascending("tenantId"), .ascending("conversationId"), .descending("createdAt")]),
            // Unread ranges and "around a message" by sequence; threads by parent.
            IndexSpec([.ascending("conversationId"), .ascending("sequence")], unique: true),
            IndexSpec([.ascending("parentMessageId"), .descending("createdAt"), .descending("_id")], sparse: true),
        ],
        fields: ["isDeleted", "deletedAt", "replyCount", "content", "encrypted", "mentions", "attachments", "editedAt", "updatedAt"])
}

extension MessageReceipt: StoredDocument {
    static let collection = CollectionSpec(
        "message_receipts", indexes: [IndexSpec([.ascending("messageId"), .ascending("userId")], unique: true)],
        fields: ["conversationId", "deliveredAt", "readAt"]
    ).tenantScoped(through: "conversationId", in: "conversations", matching: "_id")
}

extension Reaction: StoredDocument {
    static let collection = CollectionSpec(
        "reactions", indexes: [IndexSpec([.ascending("messageId"), .ascending("emoji"), .ascending("userId")], unique: true)],
        fields: ["conversationId"]
    ).tenantScoped(through: "conversationId", in: "conversations", matching: "_id")
}

extension IdempotencyKey: StoredDocument {
    static let collection = CollectionSpec(
        "idempotency_keys", indexes: [IndexSpec([.ascending("key")], unique: true), .expiring("expiresAt")])
}

extension DirectoryEntry: StoredDocument {
    static let collection = CollectionSpec("user_directory", fields: ["status", "displayName"])
}

/// Every collection messaging owns.
public enum MessagingCollections {
    public static let all: [CollectionSpec] = [
        Conversation.collection, ConversationMember.collection, ChatMessage.collection, MessageReceipt.collection,
        Reaction.collection, IdempotencyKey.collection, DirectoryEntry.collection,
    ] + relationshipReadModels + quotaReadModels + NotificationCollections.all
}

extension Transaction {
    var conversations: DocumentCollection<Conversation> { collection(Conversation.self) }
    var members: DocumentCollection<ConversationMember> { collection(ConversationMember.self) }
    var messages: DocumentCollection<ChatMessage> { collection(ChatMessage.self) }
    var receipts: DocumentCollection<MessageReceipt> { collection(MessageReceipt.self) }
    var reactions: DocumentCollection<Reaction> { collection(Reaction.self) }
    var idempotencyKeys: DocumentCollection<IdempotencyKey> { collection(IdempotencyKey.self) }
    var directory: DocumentCollection<DirectoryEntry> { collection(DirectoryEntry.self) }
}
