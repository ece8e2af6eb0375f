import GRDB
import SeedStore
import Synchronization

/// The operations inside ``EmbeddedStore/withTransaction(_:)``: they run on the writer connection's
/// thread (``WriterThreadExecutor``), inside the transaction that the store began, each in a savepoint
/// (a failed operation leaves nothing, and the body decides whether to go on).
struct TransactionOperations: DocumentOperations, EngineAccess {
    /// The transaction's state: its catalog (published at commit), whether it is still open, and the
    /// executor whose thread holds the writer connection.
    final class Session: Sendable {
        let pool: DatabasePool
        let published: CatalogStore
        let executor: WriterThreadExecutor
        let state: Mutex<(catalog: Catalog, open: Bool)>

        init(pool: DatabasePool, published: CatalogStore, executor: WriterThreadExecutor) {
            self.pool = pool
            self.published = published
            self.executor = executor
            self.state = Mutex((published.committed, true))
        }

        /// What an operation kept past the end of its transaction throws.
        static let over = StoreError.validation("the transaction is over: use the operations only inside its body")

        /// Runs `body` with the writer connection; the caller must be on the executor's thread.
        func onWriter<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
            guard executor.isServingThread else { throw Self.over }
            do {
                return try pool.unsafeReentrantWrite(body)
            } catch {
                throw StoreError(mapping: error)
            }
        }

        /// Ends the session; later operations through it fail.
        func close() -> Catalog {
            state.withLock { state in
                state.open = false
                return state.catalog
            }
        }
    }

    let session: Session
    private var operations: EngineOperations<TransactionOperations> { EngineOperations(access: self) }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database, Catalog) throws -> T) async throws(StoreError) -> T {
        try await write { writer in try body(writer.db, writer.catalog) }
    }

    func lookup<T: Sendable>(_ body: @escaping @Sendable (Database, Catalog) throws -> T) async throws(StoreError) -> T {
        try await read(body)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (inout DocumentWriter) throws -> T) async throws(StoreError) -> T {
        let session = session
        // A no-op when the caller already runs on the writer's thread (the body of the transaction does).
        return try await withTaskExecutorPreference(session.executor) { () async throws(StoreError) -> T in
            try session.onWriter { db in
                let catalog = try session.state.withLock { state in
                    guard state.open else { throw Session.over }
                    return state.catalog
                }
                var writer = DocumentWriter(db: db, catalog: catalog, published: session.published)
                try db.cachedStatement(sql: "SAVEPOINT operation").execute()
                do {
                    let result = try body(&writer)
                    try db.cachedStatement(sql: "RELEASE operation").execute()
                    session.state.withLock { $0.catalog = writer.catalog }
                    return result
                } catch {
                    try db.cachedStatement(sql: "ROLLBACK TO operation").execute()
                    try db.cachedStatement(sql: "RELEASE operation").execute()
                    throw error
                }
            }
        }
    }

    func insert(_ documents: [Document], into collection: String) async throws(StoreError) {
        try await operations.insert(documents, into: collection)
    }

    func find(in collection: String, where filter: Filter, options: FindOptions) async throws(StoreError) -> [Document] {
        try await operations.find(in: collection, where: filter, options: options)
    }

    func count(in collection: String, where filter: Filter) async throws(StoreError) -> Int {
        try await operations.count(in: collection, where: filter)
    }

    func update(in collection: String, where filter: Filter, _ update: Update, many: Bool, upsert: Bool) async throws(StoreError) -> UpdateResult {
        try await operations.update(in: collection, where: filter, update, many: many, upsert: upsert)
    }

    func replace(_ document: Document, in collection: String) async throws(StoreError) -> Bool {
        try await operations.replace(document, in: collection)
    }

    func findAndModify(in collection: String, where filter: Filter, _ update: Update, options: FindAndModifyOptions) async throws(StoreError) -> Document? {
        try await operations.findAndModify(in: collection, where: filter, update, options: options)
    }

    func delete(in collection: String, where filter: Filter, many: Bool) async throws(StoreError) -> Int {
        try await operations.delete(in: collection, where: filter, many: many)
    }

    func aggregate(in collection: String, _ aggregation: Aggregation) async throws(StoreError) -> [Document] {
        try await operations.aggregate(in: collection, aggregation)
    }
}
