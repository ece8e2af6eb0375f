import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// The most message ids one delivery acknowledgement takes.
    static let maximumDeliveredIds = 100

    /// `messaging.mark-read.v1`: moves the caller's read position forward to a message of the
    /// conversation. A message at or before the current position changes nothing (and announces
    /// nothing); the reply is the caller's inbox entry either way.
    public func markRead(_ command: MarkReadV1, envelope: MessageEnvelope) async throws -> InboxEntryV1 {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let conversationId = try MessagingRules.id(command.conversationId, field: "conversationId")
        let messageId = try MessagingRules.id(command.messageId, field: "messageId")

        return try await work.once(envelope) { tx in
            let conversation = try await self.conversation(conversationId, visibleTo: caller, tenant: tenant, in: tx.operations)
            var member = try await self.member(caller, of: conversation, in: tx.operations)
            guard let message = try await tx.messages.first(.equal("_id", .string(messageId))), message.conversationId == conversation.id else {
                throw ContractError(.notFound, "no message \(messageId) in this conversation", details: ["field": "messageId"])
            }
            guard message.sequence > member.lastReadSequence else { return member.entry(in: conversation) }

            member.lastReadSequence = message.sequence
            member.lastReadMessageId = message.id
            member.updatedAt = tx.now
            try await tx.members.update(
                .and([.equal("_id", .string(member.id)), .lessThan("lastReadSequence", .int64(Int64(message.sequence)))]),
                Update([
                    .set("lastReadSequence", .int64(Int64(message.sequence))), .set("lastReadMessageId", .string(message.id)),
                    .set("updatedAt", .date(tx.now)),
                ]))
            try await recordReceipt(of: message, by: caller, read: true, in: tx)

            var change: [Update.Operation] = []
            if !message.readBy.contains(where: { $0.userId == caller }) {
                change.append(.push("readBy", try DocumentEncoder().encodeValue(ReadMark(userId: caller, readAt: tx.now))))
            }
            if message.senderId != caller, message.status == .sent || message.status == .delivered {
                change.append(.set("status", .string(MessageStatus.read.rawValue)))
            }
            if !change.isEmpty {
                try await tx.messages.update(.equal("_id", .string(message.id)), Update(change + [.set("updatedAt", .date(tx.now))]))
            }
            try await tx.publish(ReadUpToV1(
                conversationId: conversation.id, userId: caller, messageId: message.id, sequence: message.sequence,
                recipients: conversation.activeMemberIds))
            return member.entry(in: conversation)
        }
    }

    /// `messaging.mark-delivered.v1`: records that messages of one conversation reached the caller's
    /// device. The first delivery time of each stays; messages others sent go from `sent` to
    /// `delivered`; their senders hear of it when anything changed. The caller's own messages are
    /// not acknowledged to themselves.
    public func markDelivered(_ command: MarkDeliveredV1, envelope: MessageEnvelope) async throws -> Accepted {
        let caller = try envelope.signedInActor()
        let tenant = Self.tenant(of: envelope)
        let conversationId = try MessagingRules.id(command.conversationId, field: "conversationId")
        let messageIds = try MessagingRules.ids(command.messageIds, field: "messageIds", limit: Self.maximumDeliveredIds)
        guard !messageIds.isEmpty else { throw ContractError.validation("name at least one message", field: "messageIds") }

        return try await work.once(envelope) { tx in
            let conversation = try await self.conversation(conversationId, visibleTo: caller, tenant: tenant, in: tx.operations)
            let messages = try await tx.messages.find(.and([
                .equal("conversationId", .string(conversation.id)), .isIn("_id", messageIds.map { .string($0) }),
            ]))
            guard messages.count == messageIds.count else {
                let missing = Set(messageIds).subtracting(messages.map(\.id)).sorted()
                throw ContractError(.notFound, "no messages \(missing.joined(separator: ", ")) in this conversation", details: ["field": "messageIds"])
            }
            var changed: [ChatMessage] = []
            for message in messages.sorted(by: { $0.sequence < $1.sequence }) where message.senderId != caller {
                var moved = try await recordReceipt(of: message, by: caller, read: false, in: tx)
                if message.status == .sent {
                    try await tx.messages.update(
                        .and([.equal("_id", .string(message.id)), .equal("status", .string(MessageStatus.sent.rawValue))]),
                        Update([.set("status", .string(MessageStatus.delivered.rawValue)), .set("updatedAt", .date(tx.now))]))
                    moved = true
                }
                if moved { changed.append(message) }
            }
            guard !changed.isEmpty else { return Accepted() }
            var senders: [String] = []
            for sender in changed.map(\.senderId) where !senders.contains(sender) { senders.append(sender) }
            try await tx.publish(MessagesDeliveredV1(
                conversationId: conversation.id, userId: caller, messageIds: changed.map(\.id), recipients: senders))
            return Accepted()
        }
    }

    /// Upserts `user`'s receipt of `message`: sets `readAt` (`read`) or `deliveredAt` unless already
    /// set, and a read implies delivery. Returns whether the receipt changed.
    @discardableResult
    private func recordReceipt(of message: ChatMessage, by user: String, read: Bool, in tx: Transaction) async throws -> Bool {
        let id = MessageReceipt.id(message: message.id, user: user)
        guard var receipt = try await tx.receipts.first(.equal("_id", .string(id))) else {
            try await tx.receipts.insert(MessageReceipt(
                id: id, tenantId: message.tenantId, conversationId: message.conversationId, messageId: message.id, userId: user,
                deliveredAt: tx.now, readAt: read ? tx.now : nil, createdAt: tx.now, updatedAt: tx.now))
            return true
        }
        let before = receipt
        if receipt.deliveredAt == nil { receipt.deliveredAt = tx.now }
        if read, receipt.readAt == nil { receipt.readAt = tx.now }
        guard receipt != before else { return false }
        receipt.updatedAt = tx.now
        try await tx.receipts.replace(receipt)
        return true
    }
}
