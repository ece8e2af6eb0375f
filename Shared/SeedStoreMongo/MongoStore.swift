import Foundation
import CMongoc
import SeedStore
import Synchronization

/// A ``SeedStore/DocumentStore`` on a MongoDB database, through libmongoc.
///
/// Blocking libmongoc calls run on ``MongoConfiguration/workerThreads`` dedicated threads, each job with
/// a client from a pool of `workerThreads + maximumTransactions` clients. Call ``shutdown()`` before
/// the process exits to let running jobs finish.
public final class MongoStore: DocumentStore {
    let pool: MongoClientPool
    private let workers: BlockingWorkers
    private let gate: TransactionGate
    private let operations: MongoOperations
    private let indexes = IndexRegistry()
    /// Set once the server refused a transaction, so that multi-document inserts stop trying one.
    private let transactionsUnsupported = Atomic<Bool>(false)

    /// Connects lazily: the first operation selects a server (failing with
    /// ``SeedStore/StoreError/unavailable(_:)`` after `serverSelectionTimeoutMS`).
    public init(configuration: MongoConfiguration) throws(StoreError) {
        pool = try MongoClientPool(configuration: configuration, size: configuration.workerThreads + configuration.maximumTransactions)
        workers = BlockingWorkers(count: configuration.workerThreads, name: "seed-mongo")
        gate = TransactionGate(limit: configuration.maximumTransactions)
        operations = MongoOperations(
            runner: PooledRunner(pool: pool, workers: workers),
            readRetries: configuration.readRetries,
            indexes: indexes
        )
    }

    /// The database this store uses.
    public var database: String { pool.database }

    /// Finishes queued jobs and stops the worker threads; later calls fail as unavailable.
    public func shutdown() {
        workers.shutdown()
    }

    deinit { workers.shutdown() }

    // MARK: DocumentStore

    /// Creates the collection (when it declares no index) or its indexes with one `createIndexes`
    /// command; the server ignores an index that already exists with the same keys and options.
    /// An index of the same name with other options fails with ``SeedStore/StoreError/validation(_:)``.
    public func prepare(_ collection: CollectionSpec) async throws(StoreError) {
        indexes.register(collection)
        let runner = PooledRunner(pool: pool, workers: workers)
        try await runner.run { connection throws(StoreError) in
            if collection.indexes.isEmpty {
                // 48 NamespaceExists: created before.
                _ = try connection.command(["create": .string(collection.name)], collection: collection.name, operation: "create", ignoring: [48])
            } else {
                let command: Document = [
                    "createIndexes": .string(collection.name),
                    "indexes": .array(collection.indexes.map { .document($0.mongoIndex) }),
                ]
                _ = try connection.command(command, collection: collection.name, operation: "createIndexes")
            }
        }
    }

    /// Runs `body` in a transaction on one session; its operations go through that session.
    ///
    /// A `TransientTransactionError` (write conflict, failover) surfaces as ``SeedStore/StoreError/conflict(_:)``
    /// for the caller to retry. A deployment without transactions (a standalone server, seen from the
    /// topology before anything is written, or a server that refuses them) fails with
    /// ``SeedStore/StoreError/unavailable(_:)``.
    public func withTransaction<T: Sendable>(_ body: @Sendable (any DocumentOperations) async throws -> T) async throws -> T {
        await gate.enter()
        let transaction: MongoTransaction
        do {
            transaction = try await MongoTransaction.begin(pool: pool, workers: workers)
        } catch {
            await gate.leave()
            throw error
        }
        do {
            let value = try await body(MongoOperations(runner: transaction, readRetries: 0, indexes: indexes))
            try await transaction.commit()
            await transaction.end(abort: false)
            await gate.leave()
            return value
        } catch {
            await transaction.end(abort: true)
            await gate.leave()
            throw error
        }
    }

    /// Deletes now what MongoDB's TTL monitor would delete on its next pass (it runs about once a
    /// minute), for every TTL index declared through ``prepare(_:)``; returns how many went.
    public func removeExpired() async throws(StoreError) -> Int {
        let now = Date()
        var removed = 0
        for (collection, path, seconds) in indexes.expiringIndexes() {
            let cutoff = now.addingTimeInterval(-TimeInterval(seconds))
            removed += try await operations.delete(in: collection, where: .lessThan(path, .date(cutoff)), many: true)
        }
        return removed
    }

    // MARK: DocumentOperations

    /// Inserts all or none. Several documents go in one transaction; on a deployment without
    /// transactions they go in one ordered `insertMany`, and when it fails part-way the documents
    /// already inserted are deleted again before the error is thrown (readers may briefly see them).
    public func insert(_ documents: [Document], into collection: String) async throws(StoreError) {
        guard documents.count > 1, !transactionsUnsupported.load(ordering: .relaxed) else {
            return try await operations.insert(documents, into: collection)
        }
        do {
            try await withTransaction { operations in try await operations.insert(documents, into: collection) }
        } catch let error as StoreError {
            guard case .unavailable(let reason) = error, reason.hasPrefix(MongoTransaction.unsupportedReason) else { throw error }
            transactionsUnsupported.store(true, ordering: .relaxed)
            try await insertCompensating(documents, into: collection)
        } catch {
            throw StoreError.unavailable("insert into \(collection) failed: \(error)")
        }
    }

    private func insertCompensating(_ documents: [Document], into collection: String) async throws(StoreError) {
        let (inserted, error) = try await operations.insertOrdered(documents, into: collection)
        guard let error else { return }
        if inserted > 0 {
            let ids = documents.prefix(inserted).compactMap { $0["_id"] }
            _ = try await operations.delete(in: collection, where: .isIn("_id", ids), many: true)
        }
        throw error
    }

    /// `find` with the filter, sort, projection, skip and limit; a broken connection is retried.
    public func find(in collection: String, where filter: Filter, options: FindOptions) async throws(StoreError) -> [Document] {
        try await operations.find(in: collection, where: filter, options: options)
    }

    /// `countDocuments`; a broken connection is retried.
    public func count(in collection: String, where filter: Filter) async throws(StoreError) -> Int {
        try await operations.count(in: collection, where: filter)
    }

    /// `updateOne` / `updateMany`, with `upsert`; a unique index refusing it is ``SeedStore/StoreError/duplicateKey(collection:index:fields:)``.
    public func update(in collection: String, where filter: Filter, _ update: Update, many: Bool, upsert: Bool) async throws(StoreError) -> UpdateResult {
        try await operations.update(in: collection, where: filter, update, many: many, upsert: upsert)
    }

    /// `replaceOne` by `_id`; whether a document matched.
    public func replace(_ document: Document, in collection: String) async throws(StoreError) -> Bool {
        try await operations.replace(document, in: collection)
    }

    /// `findAndModify`: one document, changed atomically, returned before or after the change.
    public func findAndModify(in collection: String, where filter: Filter, _ update: Update, options: FindAndModifyOptions) async throws(StoreError) -> Document? {
        try await operations.findAndModify(in: collection, where: filter, update, options: options)
    }

    /// `deleteOne` / `deleteMany`; returns how many went.
    public func delete(in collection: String, where filter: Filter, many: Bool) async throws(StoreError) -> Int {
        try await operations.delete(in: collection, where: filter, many: many)
    }

    /// The aggregation as a `$match` / `$unwind` / `$group` / `$sort` / `$limit` pipeline.
    public func aggregate(in collection: String, _ aggregation: Aggregation) async throws(StoreError) -> [Document] {
        try await operations.aggregate(in: collection, aggregation)
    }
}
