import Foundation
public import SeedContracts
public import SeedServiceKit
import SeedStore

/// The messaging service's use cases: conversations, members, the inbox, messages, threads,
/// receipts, reactions, search and retention.
///
/// Every query is scoped to the envelope's tenant and to the caller's memberships: a conversation the
/// caller is not in does not exist for them (`not_found`). Each state change commits through ``work``
/// with the events it causes, each naming its recipients.
public struct MessagingService: Sendable {
    let work: UnitOfWork

    public init(work: UnitOfWork) {
        self.work = work
    }

    var store: any DocumentStore { work.store }

    /// The tenant a message acts in: the envelope's, or the platform's own users' (no tenant).
    static func tenant(of envelope: MessageEnvelope) -> String {
        envelope.tenant ?? platformTenant
    }

    /// The tenant of users who signed up on the platform itself rather than through a tenant's API key.
    static let platformTenant = "platform"

    // MARK: - Access

    /// A conversation of the caller's tenant in which `userId` is a current participant; `not_found`
    /// otherwise, so that a non-member cannot tell whether it exists.
    func conversation(_ id: String, visibleTo userId: String, tenant: String, in operations: any DocumentOperations) async throws -> Conversation {
        guard let conversation = try await DocumentCollection(Conversation.self, in: operations).first(.equal("_id", .string(id))),
              conversation.tenantId == tenant, conversation.participant(userId) != nil
        else { throw ContractError(.notFound, "no conversation \(id)", details: ["field": "conversationId"]) }
        return conversation
    }

    /// The member record of `userId` in `conversation`.
    func member(_ userId: String, of conversation: Conversation, in operations: any DocumentOperations) async throws -> ConversationMember {
        let id = ConversationMember.id(conversation: conversation.id, user: userId)
        guard let member = try await DocumentCollection(ConversationMember.self, in: operations).first(.equal("_id", .string(id))) else {
            throw ContractError(.notFound, "no conversation \(conversation.id)", details: ["field": "conversationId"])
        }
        return member
    }

    /// A message of a conversation `userId` is a member of, with that conversation; `not_found` otherwise.
    func message(_ id: String, visibleTo userId: String, tenant: String, in operations: any DocumentOperations) async throws -> (ChatMessage, Conversation) {
        guard let message = try await DocumentCollection(ChatMessage.self, in: operations).first(.equal("_id", .string(id))),
              message.tenantId == tenant
        else { throw ContractError(.notFound, "no message \(id)", details: ["field": "messageId"]) }
        do {
            return (message, try await conversation(message.conversationId, visibleTo: userId, tenant: tenant, in: operations))
        } catch let error as ContractError where error.code == .notFound {
            throw ContractError(.notFound, "no message \(id)", details: ["field": "messageId"])
        }
    }

    /// Refuses a caller whose account identity announced as suspended or deleted.
    func requireActive(_ userId: String, in operations: any DocumentOperations) async throws {
        if let entry = try await DocumentCollection(DirectoryEntry.self, in: operations).first(.equal("_id", .string(userId))), entry.status != "active" {
            throw ContractError(.forbidden, "this account is \(entry.status)", details: ["reason": "account_\(entry.status)"])
        }
    }

    // MARK: - Posting

    /// Appends `message` to `conversation`: gives it the next sequence number, stores it, and moves the
    /// conversation's sequence, newest-message preview and activity time (in the store and in
    /// `conversation`, which a caller that changes more may then replace as a whole).
    func append(_ message: inout ChatMessage, to conversation: inout Conversation, in tx: Transaction) async throws {
        conversation.lastSequence += 1
        message.sequence = conversation.lastSequence
        let last = LastMessage(messageId: message.id, content: message.preview, senderId: message.senderId, sentAt: message.createdAt)
        conversation.lastMessage = last
        conversation.lastMessageAt = message.createdAt
        conversation.updatedAt = tx.now
        try await tx.messages.insert(message)
        let update = try Update.set("lastSequence", conversation.lastSequence) + Update.set("lastMessage", last)
            + Update.set("lastMessageAt", message.createdAt) + Update.set("updatedAt", tx.now)
        _ = try await tx.conversations.update(.equal("_id", .string(conversation.id)), update)
    }

    /// Posts a system message (joins, leaves, title changes) and announces it.
    func postSystemMessage(_ text: String, by actor: String, in conversation: inout Conversation, tx: Transaction) async throws {
        var message = ChatMessage(
            id: ObjectId().description, tenantId: conversation.tenantId, conversationId: conversation.id, senderId: actor, receiverId: nil,
            clientMessageId: nil, sequence: 0, messageType: .system, content: text, encrypted: nil, attachments: [], parentMessageId: nil,
            replyCount: 0, mentions: [], status: .sent, readBy: [], editedAt: nil, deletedAt: nil, isDeleted: false,
            createdAt: tx.now, updatedAt: tx.now)
        try await append(&message, to: &conversation, in: tx)
        try await tx.publish(MessageSentV1(message: message.announcement, recipients: conversation.activeMemberIds))
    }

    /// How a user is named in system messages: their display name from identity, or their id.
    func name(of userId: String, in operations: any DocumentOperations) async throws -> String {
        try await DocumentCollection(DirectoryEntry.self, in: operations).first(.equal("_id", .string(userId)))?.displayName ?? userId
    }
}
