import SeedStore

/// Runs blocking jobs against a ``MongoConnection``: on a pooled client, or on a transaction's client.
protocol MongoRunner: Sendable {
    /// Whether jobs run inside a multi-document transaction (no retries there: the caller retries the whole).
    var inTransaction: Bool { get }
    func run<T: Sendable>(_ body: @escaping @Sendable (MongoConnection) throws(StoreError) -> T) async throws(StoreError) -> T
}

/// Runs each job on a worker thread with a client popped from the pool for that job.
struct PooledRunner: MongoRunner {
    let pool: MongoClientPool
    let workers: BlockingWorkers

    var inTransaction: Bool { false }

    func run<T: Sendable>(_ body: @escaping @Sendable (MongoConnection) throws(StoreError) -> T) async throws(StoreError) -> T {
        try await workers.run { [pool] () throws(StoreError) -> T in
            let client = pool.pop()
            defer { pool.push(client) }
            return try body(MongoConnection(client: client, database: pool.database, session: nil))
        }
    }
}
