import Foundation
public import SeedStore

/// A message a consumer has already handled, kept in its `inbox` collection with the result it produced.
public struct InboxRecord: StoredDocument, Equatable {
    /// How long a handled message id is remembered; RabbitMQ redelivers within minutes, replays within days.
    public static let retention = 7 * 24 * 3600

    public static let collection = CollectionSpec(
        "inbox", indexes: [.expiring("processedAt", after: retention)], fields: ["consumer", "messageId", "result"])

    /// `<consumer>/<message id>`.
    public var id: String
    public var consumer: String
    public var messageId: String
    public var processedAt: Date
    /// The JSON of what the handler returned, returned again for a redelivery.
    public var result: Data

    enum CodingKeys: String, CodingKey {
        case id = "_id", consumer, messageId, processedAt, result
    }
}

/// Makes a consumer's effects exactly-once over at-least-once delivery: the handler's writes and the
/// record of the handled message id commit in one transaction, so a redelivered command or event
/// changes nothing the second time and gets the first result back.
public struct Inbox: Sendable {
    private let store: any DocumentStore
    private let consumer: String

    /// - Parameter consumer: Names the handler (e.g. `identity.register-user`), so that two handlers of
    ///   the same message in one service each run once.
    public init(store: any DocumentStore, consumer: String) {
        self.store = store
        self.consumer = consumer
    }

    /// Creates the `inbox` collection and its index; call once at start-up.
    public static func prepare(_ store: any DocumentStore) async throws(StoreError) {
        try await store.prepare(InboxRecord.collection)
    }

    /// Runs `body` in a transaction unless `messageId` was handled before, in which case it returns the
    /// first result without running `body`. Two concurrent deliveries of one message run `body` once.
    public func once<Result: Codable & Sendable>(
        _ messageId: String,
        _ body: @escaping @Sendable (any DocumentOperations) async throws -> Result
    ) async throws -> Result {
        let key = "\(consumer)/\(messageId)"
        if let earlier = try await recorded(key, as: Result.self) { return earlier }
        do {
            let consumer = consumer
            return try await store.withTransaction { operations in
                let result = try await body(operations)
                try await DocumentCollection(InboxRecord.self, in: operations).insert(InboxRecord(
                    id: key, consumer: consumer, messageId: messageId, processedAt: Date(),
                    result: try JSONEncoder().encode(result)))
                return result
            }
        } catch StoreError.duplicateKey(collection: InboxRecord.collection.name, _, _) {
            // Another delivery of the same message committed first; its transaction's effects stand.
            guard let earlier = try await recorded(key, as: Result.self) else { throw StoreError.conflict("inbox record \(key) vanished") }
            return earlier
        }
    }

    /// Runs `body` in a transaction unless `messageId` was handled before; returns `nil` for a message
    /// handled before. For results that must not be stored (they hold secrets, such as new tokens): the
    /// record keeps no result, so a redelivery cannot get the first one back.
    public func onceWithoutReplay<Result: Sendable>(
        _ messageId: String,
        _ body: @escaping @Sendable (any DocumentOperations) async throws -> Result
    ) async throws -> Result? {
        let key = "\(consumer)/\(messageId)"
        do {
            let consumer = consumer
            return try await store.withTransaction { operations in
                // The record goes first: a message handled before fails here, before the body runs,
                // without a separate read ahead of the transaction.
                try await DocumentCollection(InboxRecord.self, in: operations).insert(InboxRecord(
                    id: key, consumer: consumer, messageId: messageId, processedAt: Date(), result: Data()))
                return try await body(operations)
            }
        } catch StoreError.duplicateKey(collection: InboxRecord.collection.name, _, _) {
            return nil
        }
    }

    private func recorded<Result: Decodable>(_ key: String, as type: Result.Type) async throws -> Result? {
        let records = DocumentCollection(InboxRecord.self, in: store)
        guard let record = try await records.first(.equal("_id", .string(key))) else { return nil }
        return try JSONDecoder().decode(Result.self, from: record.result)
    }
}
