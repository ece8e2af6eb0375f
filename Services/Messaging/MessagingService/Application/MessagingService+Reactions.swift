import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// `messaging.add-reaction.v1`: the caller reacts to a message of one of their conversations with
    /// an emoji, once per emoji (adding it again changes nothing and announces nothing). The reply is
    /// the message with its reaction counts.
    public func addReaction(_ command: AddReactionV1, envelope: MessageEnvelope) async throws -> ChatMessageV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let messageId = try MessagingRules.id(command.messageId, field: "messageId")
        let emoji = try MessagingRules.emoji(command.emoji)

        return try await work.once(envelope) { tx in
            try await requireActive(caller, in: tx.operations)
            let (message, conversation) = try await self.message(messageId, visibleTo: caller, tenant: tenant, in: tx.operations)
            guard !message.isDeleted else {
                throw ContractError(.conflict, "the message \(messageId) was deleted", details: ["field": "messageId"])
            }
            let id = Self.reactionId(message: message.id, user: caller, emoji: emoji)
            if try await tx.reactions.first(.equal("_id", .string(id))) == nil {
                try await tx.reactions.insert(Reaction(
                    id: id, tenantId: tenant, conversationId: conversation.id, messageId: message.id, userId: caller, emoji: emoji,
                    createdAt: tx.now, updatedAt: tx.now))
                try await publishReactionChange(of: message, in: conversation, by: caller, emoji: emoji, added: true, tx: tx)
            }
            let reactions = try await reactionCounts(of: [message.id], reader: caller, in: tx.operations)
            return message.view(for: caller, reactions: reactions[message.id] ?? [])
        }
    }

    /// `messaging.remove-reaction.v1`: removes the caller's reaction with an emoji, if they had it.
    public func removeReaction(_ command: RemoveReactionV1, envelope: MessageEnvelope) async throws -> ChatMessageV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let messageId = try MessagingRules.id(command.messageId, field: "messageId")
        let emoji = try MessagingRules.emoji(command.emoji)

        return try await work.once(envelope) { tx in
            let (message, conversation) = try await self.message(messageId, visibleTo: caller, tenant: tenant, in: tx.operations)
            let removed = try await tx.reactions.delete(.equal("_id", .string(Self.reactionId(message: message.id, user: caller, emoji: emoji))))
            if removed > 0 {
                try await publishReactionChange(of: message, in: conversation, by: caller, emoji: emoji, added: false, tx: tx)
            }
            let reactions = try await reactionCounts(of: [message.id], reader: caller, in: tx.operations)
            return message.view(for: caller, reactions: reactions[message.id] ?? [])
        }
    }

    /// One reaction's id: a user reacts to a message with an emoji at most once.
    static func reactionId(message: String, user: String, emoji: String) -> String {
        "\(message)/\(user)/\(emoji)"
    }

    /// Announces a reaction change with the emoji's count after it.
    private func publishReactionChange(
        of message: ChatMessage, in conversation: Conversation, by user: String, emoji: String, added: Bool, tx: Transaction
    ) async throws {
        let count = try await tx.reactions.count(.and([.equal("messageId", .string(message.id)), .equal("emoji", .string(emoji))]))
        try await tx.publish(ReactionChangedV1(
            conversationId: conversation.id, messageId: message.id, userId: user, emoji: emoji, added: added, count: count,
            recipients: conversation.activeMemberIds))
    }
}
