import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension BusinessAIService {
    /// `business-ai.get-analytics.v1` (canViewAnalytics): over the last `days` (1–90, default 30) of
    /// this business's chat log only.
    public func getAnalytics(_ command: GetBusinessAnalyticsV1, envelope: MessageEnvelope) async throws -> BusinessAnalyticsV1 {
        let user = try envelope.signedInActor()
        let days = command.days ?? 30
        guard (1...90).contains(days) else { throw ContractError.validation("days must be 1–90", field: "days") }
        return try await work.mapStoreErrors {
            _ = try await membership(user, of: command.businessId, needs: \.canViewAnalytics, named: "canViewAnalytics", in: store)
            let from = work.now.addingTimeInterval(-Double(days) * 86_400)
            let chats = try await DocumentCollection(PublicChat.self, in: store).find(
                .and([.equal("businessId", .string(command.businessId)), .greaterThanOrEqual("createdAt", .date(from))]),
                options: FindOptions(sort: [SortKey("createdAt", .descending)], limit: 100_000))
            return Self.analytics(of: chats, businessId: command.businessId, days: days)
        }
    }

    /// The figures of a chat log. No I/O.
    static func analytics(of chats: [PublicChat], businessId: String, days: Int) -> BusinessAnalyticsV1 {
        let dayFormat = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
        var perDay: [String: Int] = [:]
        var asked: [String: (question: String, count: Int, last: Date)] = [:]
        var unanswered: [String: (question: String, count: Int, last: Date)] = [:]
        func key(_ question: String) -> String {
            question.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "?" || $0 == "!" || $0 == "." }).joined(separator: " ")
        }
        for chat in chats {
            perDay[chat.createdAt.formatted(dayFormat), default: 0] += 1
            let k = key(chat.question)
            let entry = asked[k] ?? (chat.question, 0, chat.createdAt)
            asked[k] = (entry.question, entry.count + 1, max(entry.last, chat.createdAt))
            if !chat.covered {
                let miss = unanswered[k] ?? (chat.question, 0, chat.createdAt)
                unanswered[k] = (miss.question, miss.count + 1, max(miss.last, chat.createdAt))
            }
        }
        func ranked(_ table: [String: (question: String, count: Int, last: Date)]) -> [QuestionCountV1] {
            table.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.last > $1.last }.prefix(10)
                .map { QuestionCountV1(question: $0.question, count: $0.count, lastAskedAt: $0.last) }
        }
        let average = chats.isEmpty ? 0 : chats.map(\.confidence).reduce(0, +) / Double(chats.count)
        return BusinessAnalyticsV1(
            businessId: businessId, days: days, totalChats: chats.count,
            chatsPerDay: perDay.sorted { $0.key < $1.key }.map { DayCountV1(day: $0.key, count: $0.value) }, mostAsked: ranked(asked),
            helpful: chats.count { $0.wasHelpful == true }, notHelpful: chats.count { $0.wasHelpful == false },
            unrated: chats.count { $0.wasHelpful == nil }, unanswered: ranked(unanswered), averageConfidence: decimal(average))
    }

    /// Moves chat logs older than `days` (90: seed 002's checklist) to `public_chats_archive`, a batch
    /// per transaction; returns how many moved.
    @discardableResult
    public func archiveChats(olderThan days: Int = 90) async throws -> Int {
        let cutoff = work.now.addingTimeInterval(-Double(days) * 86_400)
        var moved = 0
        while true {
            let batch = try await work.mapStoreErrors {
                try await DocumentCollection(PublicChat.self, in: store).find(
                    .lessThan("createdAt", .date(cutoff)), options: FindOptions(sort: [SortKey("createdAt")], limit: 500))
            }
            guard !batch.isEmpty else { return moved }
            let envelope = MessageEnvelope(messageId: "chat-archive/\(batch[0].id)/\(batch.count)", type: MessageType("business-ai.chat-archive", version: 1))
            moved += try await work.once(envelope, consumer: "business-ai.chat-archive") { tx in
                try await tx.archive.insert(batch.map { ArchivedChat(id: $0.id, businessId: $0.businessId, chat: $0, archivedAt: tx.now) })
                _ = try await tx.chats.delete(.isIn("_id", batch.map { .string($0.id) }), many: true)
                return batch.count
            }
        }
    }
}
