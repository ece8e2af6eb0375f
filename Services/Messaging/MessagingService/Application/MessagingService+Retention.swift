import Foundation
import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// How many messages one retention transaction deletes at most (a long transaction makes every
    /// other writer of the embedded store wait).
    static let retentionBatchSize = 500

    /// Deletes for good, with their receipts and reactions, the messages older than their
    /// conversation's retention (`settings.autoDeleteAfter` days, when above 0). Returns how many
    /// messages it deleted.
    ///
    /// Sequence numbers are not reused and read positions stay, so unread counts stay exact. A reply
    /// is never older than its thread's first message, so a surviving message never loses its parent;
    /// a preview of a deleted newest message is emptied. Nothing is announced: clients apply the
    /// conversation's retention to their own copies.
    public func sweepRetention(now: Date) async throws -> Int {
        try await work.mapStoreErrors {
            let conversations = try await DocumentCollection(Conversation.self, in: store).find(
                .greaterThan("settings.autoDeleteAfter", .int64(0)))
            var deleted = 0
            for conversation in conversations {
                guard let days = conversation.settings.autoDeleteAfter, days > 0 else { continue }
                let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                while true {
                    try Task.checkCancellation()
                    let count = try await store.withTransaction { operations in
                        try await Self.deleteExpired(of: conversation.id, before: cutoff, limit: Self.retentionBatchSize, in: operations)
                    }
                    deleted += count
                    if count < Self.retentionBatchSize { break }
                }
            }
            return deleted
        }
    }

    /// Deletes up to `limit` messages of one conversation created before `cutoff`, oldest first, with
    /// their receipts and reactions; keeps the reply counts of surviving parents and the preview
    /// exact. Returns how many it deleted.
    private static func deleteExpired(of conversationId: String, before cutoff: Date, limit: Int, in operations: any DocumentOperations) async throws -> Int {
        let messages = DocumentCollection(ChatMessage.self, in: operations)
        let expired = try await messages.find(
            .and([.equal("conversationId", .string(conversationId)), .lessThan("createdAt", .date(cutoff))]),
            options: FindOptions(sort: [SortKey("createdAt")], limit: limit))
        guard !expired.isEmpty else { return 0 }
        let ids = expired.map { DocumentValue.string($0.id) }
        try await DocumentCollection(MessageReceipt.self, in: operations).delete(.isIn("messageId", ids), many: true)
        try await DocumentCollection(Reaction.self, in: operations).delete(.isIn("messageId", ids), many: true)
        let count = try await messages.delete(.isIn("_id", ids), many: true)

        // Live replies whose parent survives (only when clocks disagree): their parent counts one fewer.
        let gone = Set(expired.map(\.id))
        var orphaned: [String: Int] = [:]
        for reply in expired where !reply.isDeleted {
            if let parent = reply.parentMessageId, !gone.contains(parent) { orphaned[parent, default: 0] += 1 }
        }
        for (parent, replies) in orphaned {
            try await messages.update(.equal("_id", .string(parent)), Update([.increment("replyCount", .int64(Int64(-replies)))]))
        }
        let conversations = DocumentCollection(Conversation.self, in: operations)
        try await conversations.update(
            .and([.equal("_id", .string(conversationId)), .isIn("lastMessage.messageId", ids)]),
            Update([.set("lastMessage.content", .string(""))]))
        return count
    }
}
