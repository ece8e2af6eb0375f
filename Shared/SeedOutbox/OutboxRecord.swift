import Foundation
public import SeedBus
public import SeedStore

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
    }

    /// Adds `message` to the outbox through `operations` — the transaction that makes the change the
    /// message announces. Nothing is published until that transaction commits.
    public static func stage(_ message: PreparedMessage, in operations: any DocumentOperations) async throws(StoreError) {
        try await DocumentCollection(OutboxRecord.self, in: operations).insert(OutboxRecord(message))
    }
}
