import Foundation
public import SeedBus
public import SeedStore
import Synchronization

/// A message waiting in (or relayed from) a service's `outbox` collection.
///
/// It is written in the same transaction as the state change that caused it, so the change and its
/// message are committed together or not at all; ``OutboxRelay`` publishes it afterwards.
public struct OutboxRecord: StoredDocument, Equatable {
    /// How long a relayed record is kept (for inspection) before its TTL index removes it.
    public static let retention = 7 * 24 * 3600

    public static let collection = CollectionSpec(
        "outbox",
        indexes: [
            IndexSpec([.ascending("pending"), .ascending("createdAt")]),
            .expiring("publishedAt", after: retention),
        ],
        fields: ["message"])

    /// The message id.
    public var id: String
    public var message: PreparedMessage
    public var createdAt: Date
    /// `true` until the relay has had the broker confirm the message.
    public var pending: Bool
    public var publishedAt: Date?

    public init(_ message: PreparedMessage, createdAt: Date = Date()) {
        self.id = message.messageId
        self.message = message
        self.createdAt = createdAt
        self.pending = true
        self.publishedAt = nil
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id", message, createdAt, pending, publishedAt
    }
}

/// Writes messages into the outbox as part of a state change.
public enum Outbox {
    /// Creates the `outbox` collection and its indexes; call once at start-up.
    public static func prepare(_ store: any DocumentStore) async throws(StoreError) {
        try await store.prepare(OutboxRecord.collection)
        // Records staged from now on come after those still pending, even if their creation times ran
        // ahead of the clock (``StagingClock``) before a restart.
        let newest = try await DocumentCollection(OutboxRecord.self, in: store)
            .first(.equal("pending", .bool(true)), sort: [SortKey("createdAt", .descending)])
        if let newest { StagingClock.observe(newest.createdAt) }
    }

    /// Adds `message` to the outbox through `operations` — the transaction that makes the change the
    /// message announces. Nothing is published until that transaction commits.
    public static func stage(_ message: PreparedMessage, in operations: any DocumentOperations) async throws(StoreError) {
        try await DocumentCollection(OutboxRecord.self, in: operations).insert(OutboxRecord(message, createdAt: StagingClock.next()))
    }
}

/// The creation times of staged records: strictly increasing within the process, at least one
/// millisecond (what a stored date keeps) apart, so that the relay's order (`createdAt`, then `_id`)
/// is the order they were staged in. With the embedded store, whose transactions commit one after the
/// other, that is commit order; with times only as fine as the clock, two commits in one millisecond
/// were ordered by their message ids instead. While more than a thousand records a second are
/// staged, the times run ahead of the clock and catch up afterwards.
enum StagingClock {
    private static let last = Atomic<Int64>(0)

    /// The next creation time: now, or one millisecond after the previous one.
    static func next() -> Date {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        var previous = last.load(ordering: .relaxed)
        while true {
            let next = max(now, previous + 1)
            let (exchanged, original) = last.compareExchange(expected: previous, desired: next, ordering: .relaxed)
            if exchanged { return Date(timeIntervalSince1970: TimeInterval(next) / 1000) }
            previous = original
        }
    }

    /// Makes later times come after `date`.
    static func observe(_ date: Date) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var previous = last.load(ordering: .relaxed)
        while previous < milliseconds {
            let (exchanged, original) = last.compareExchange(expected: previous, desired: milliseconds, ordering: .relaxed)
            if exchanged { return }
            previous = original
        }
    }
}
