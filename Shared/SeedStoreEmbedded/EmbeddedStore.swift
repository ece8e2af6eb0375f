import Foundation
import GRDB
import SeedStore
import Synchronization

/// The embedded document store: one SQLite file (WAL mode) per service database, with MongoDB's
/// query, update, index and transaction semantics for everything in ``DocumentStore``.
///
/// Collections are tables of `(rid, id, doc)` with documents in a compact binary encoding; every
/// declared index is a B-tree table of order-preserving binary keys; the text index is an FTS5
/// table. Reads run on GRDB's reader connections (snapshot isolation), writes on its single writer
/// connection with group commit; SQLite never blocks Swift's cooperative thread pool.
public final class EmbeddedStore: DocumentStore {
    /// How the store opens its file.
    public struct Configuration: Sendable {
        /// How hard a commit pushes data to disk.
        public enum Durability: Sendable {
            /// `synchronous = NORMAL`: a committed write survives the process being killed (`kill -9`,
            /// a crash); a power loss may drop the last commits, never corrupting the file.
            case processCrash
            /// `synchronous = FULL`: every commit is fsynced, surviving a power loss too; slower.
            case powerLoss
        }

        public var durability: Durability = .processCrash
        /// How often expired TTL documents are removed in the background; `nil` turns the sweep off.
        public var ttlSweepInterval: Duration? = .seconds(60)
        /// How long a write waits for another process holding the file's write lock.
        public var busyTimeout: Duration = .seconds(5)

        public init() {}
    }

    /// The file this store opened.
    public let path: String
    let pool: DatabasePool
    private let catalog: CatalogStore
    private let writes: WriteQueue
    private let lookups: LookupQueue
    /// Where transactions run: the writer's thread, handed from one transaction to the next.
    private let transactionLane = WriterThreadExecutor()
    private let sweep = Mutex<Task<Void, Never>?>(nil)
    /// WAL checkpoints on a connection of their own, off the writer (``BackgroundCheckpointer``).
    private let checkpoints: CheckpointRequests

    /// Opens (creating if needed) the store at `path`.
    public init(path: String, configuration: Configuration = Configuration()) throws(StoreError) {
        self.path = path
        var config = GRDB.Configuration()
        // Transactions stay open across the async calls of `withTransaction`; `WriteQueue` makes sure
        // nothing else uses the writer meanwhile.
        config.allowsUnsafeTransactions = true
        config.busyMode = .timeout(TimeInterval(configuration.busyTimeout.components.seconds))
        let synchronous = configuration.durability == .powerLoss ? "FULL" : "NORMAL"
        let checkpoints = CheckpointRequests()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous); PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456")
            checkpoints.install(on: db)
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            let loaded = try pool.write { db in
                try SchemaStore.createCatalogTables(db)
                return try SchemaStore.loadCatalog(db)
            }
            catalog = CatalogStore(loaded)
            checkpoints.start(try BackgroundCheckpointer(path: path, busyTimeout: configuration.busyTimeout))
        } catch {
            throw StoreError(mapping: error)
        }
        self.checkpoints = checkpoints
        writes = WriteQueue(pool: pool, catalog: catalog)
        // One draining reader per core keeps the cores busy; more would only queue on them.
        lookups = LookupQueue(pool: pool, catalog: catalog, drainers: min(ProcessInfo.processInfo.activeProcessorCount, pool.configuration.maximumReaderCount))
        if let interval = configuration.ttlSweepInterval { startSweep(every: interval) }
    }

    deinit {
        sweep.withLock { $0?.cancel() }
        checkpoints.stop()
    }

    /// Stops the background TTL sweep. The file closes when the store is released.
    public func close() {
        sweep.withLock { task in
            task?.cancel()
            task = nil
        }
    }

    private func startSweep(every interval: Duration) {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self else { return }
                _ = try? await self.removeExpired()
            }
        }
        sweep.withLock { $0 = task }
    }

    private var operations: EngineOperations<StoreAccess> {
        EngineOperations(access: StoreAccess(pool: pool, catalog: catalog, writes: writes, lookups: lookups))
    }

    // MARK: DocumentStore

    public func prepare(_ collection: CollectionSpec) async throws(StoreError) {
        try await operations.access.write { writer in try writer.prepare(collection) }
    }

    /// Runs `body` in one SQLite transaction on the writer connection. Other writers of this store
    /// WAIT until it ends (they never see ``StoreError/conflict(_:)``); readers outside it keep seeing
    /// the last committed state. Use only the operations passed to `body` inside it: a write through
    /// the store itself would wait for the transaction and never return.
    public func withTransaction<T: Sendable>(_ body: @Sendable (any DocumentOperations) async throws -> T) async throws -> T {
        let lane = transactionLane
        let pool = pool
        let catalog = catalog
        let writes = writes
        // The task prefers the lane before it waits for the writer, so that a transaction that hands
        // the writer over resumes it straight onto the writer's thread (decision 0007).
        return try await withTaskExecutorPreference(lane) { () async throws -> T in
            await writes.beginExclusive()
            if lane.beginServing() {
                // The writer came from the group-commit queue: serve the lane on the writer's thread.
                pool.asyncWriteWithoutTransaction { _ in lane.serve() }
            }
            // Usually already there when a transaction handed the writer over; otherwise move.
            while !lane.isServingThread {
                await withCheckedContinuation { lane.resumeOnLane($0) }
            }
            // The writer is given back from its own thread as soon as the transaction ended: to the next
            // waiting transaction directly, or to the group-commit queue.
            defer {
                if !writes.handOverExclusive() { lane.finish() }
            }
            let session = TransactionOperations.Session(pool: pool, published: catalog, executor: lane)
            try session.onWriter { db in try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute() }
            do {
                let result = try await body(TransactionOperations(session: session))
                let committed = session.close()
                try session.onWriter { db in try db.cachedStatement(sql: "COMMIT").execute() }
                catalog.publish(committed)
                return result
            } catch {
                _ = session.close()
                _ = try? session.onWriter { db in
                    if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
                }
                throw error
            }
        }
    }

    public func removeExpired() async throws(StoreError) -> Int {
        let now = Date()
        return try await operations.access.write { writer in try writer.removeExpired(now: now) }
    }

    public func insert(_ documents: [Document], into collection: String) async throws(StoreError) {
        try await operations.insert(documents, into: collection)
    }

    public func find(in collection: String, where filter: Filter, options: FindOptions) async throws(StoreError) -> [Document] {
        try await operations.find(in: collection, where: filter, options: options)
    }

    public func count(in collection: String, where filter: Filter) async throws(StoreError) -> Int {
        try await operations.count(in: collection, where: filter)
    }

    public func update(in collection: String, where filter: Filter, _ update: Update, many: Bool, upsert: Bool) async throws(StoreError) -> UpdateResult {
        try await operations.update(in: collection, where: filter, update, many: many, upsert: upsert)
    }

    public func replace(_ document: Document, in collection: String) async throws(StoreError) -> Bool {
        try await operations.replace(document, in: collection)
    }

    public func findAndModify(in collection: String, where filter: Filter, _ update: Update, options: FindAndModifyOptions) async throws(StoreError) -> Document? {
        try await operations.findAndModify(in: collection, where: filter, update, options: options)
    }

    public func delete(in collection: String, where filter: Filter, many: Bool) async throws(StoreError) -> Int {
        try await operations.delete(in: collection, where: filter, many: many)
    }

    public func aggregate(in collection: String, _ aggregation: Aggregation) async throws(StoreError) -> [Document] {
        try await operations.aggregate(in: collection, aggregation)
    }

    // MARK: Introspection

    /// The plan a find with this filter and sort would use (which index, whether it sorts in memory).
    public func explain(in collection: String, where filter: Filter, sort: [SortKey] = []) async throws(StoreError) -> QueryPlan {
        try await operations.explain(in: collection, where: filter, sort: sort)
    }
}

/// Outside transactions: snapshot reads on reader connections, group-committed writes.
private struct StoreAccess: EngineAccess {
    let pool: DatabasePool
    let catalog: CatalogStore
    let writes: WriteQueue
    let lookups: LookupQueue

    func read<T: Sendable>(_ body: @escaping @Sendable (Database, Catalog) throws -> T) async throws(StoreError) -> T {
        let catalog = catalog
        do {
            // Every read runs exactly one SQL statement, which SQLite already runs on one snapshot:
            // the BEGIN/COMMIT that `read` would wrap around it only costs time.
            return try await pool.unsafeRead { db in try body(db, catalog.current) }
        } catch {
            throw StoreError(mapping: error)
        }
    }

    func lookup<T: Sendable>(_ body: @escaping @Sendable (Database, Catalog) throws -> T) async throws(StoreError) -> T {
        do {
            return try await lookups.submit(body)
        } catch {
            throw StoreError(mapping: error)
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (inout DocumentWriter) throws -> T) async throws(StoreError) -> T {
        do {
            return try await writes.submit(body)
        } catch {
            throw StoreError(mapping: error)
        }
    }
}
