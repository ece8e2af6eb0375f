import CMongoc
import SeedStore
import Synchronization

/// One open multi-document transaction: a client taken from the pool and a session on it.
///
/// Its jobs run on the worker threads one at a time (the client is not thread-safe): every use of
/// the client and session happens inside `handles.withLock`.
final class MongoTransaction: MongoRunner {
    private struct Handles {
        var client: OpaquePointer?
        var session: OpaquePointer?
    }

    private let handles: Mutex<Handles>
    private let pool: MongoClientPool
    private let workers: BlockingWorkers

    var inTransaction: Bool { true }

    private init(handles: sending Handles, pool: MongoClientPool, workers: BlockingWorkers) {
        self.handles = Mutex(handles)
        self.pool = pool
        self.workers = workers
    }

    /// Takes a client, starts a session on it and starts a transaction (snapshot-free defaults of the URI).
    static func begin(pool: MongoClientPool, workers: BlockingWorkers) async throws(StoreError) -> MongoTransaction {
        try await workers.run { () throws(StoreError) -> MongoTransaction in
            let client = pool.pop()
            var error = bson_error_t()
            // A standalone server has no transactions (MongoDB refuses them with code 20); tell the
            // caller before anything is written rather than relying on every server to refuse.
            guard let server = mongoc_client_select_server(client, true, nil, &error) else {
                pool.push(client)
                throw MongoFailure(error).storeError(collection: "transaction", operation: "select a server")
            }
            let topology = String(cString: mongoc_server_description_type(server))
            mongoc_server_description_destroy(server)
            guard topology != "Standalone" else {
                pool.push(client)
                throw StoreError.unavailable(Self.unsupportedReason + "the server is standalone")
            }
            guard let session = mongoc_client_start_session(client, nil, &error) else {
                pool.push(client)
                throw Self.failure(MongoFailure(error), operation: "start session")
            }
            guard mongoc_client_session_start_transaction(session, nil, &error) else {
                mongoc_client_session_destroy(session)
                pool.push(client)
                throw Self.failure(MongoFailure(error), operation: "start transaction")
            }
            return MongoTransaction(handles: Handles(client: client, session: session), pool: pool, workers: workers)
        }
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (MongoConnection) throws(StoreError) -> T) async throws(StoreError) -> T {
        try await workers.run { [self] () throws(StoreError) -> T in
            try handles.withLock { handles throws(StoreError) -> T in
                guard let client = handles.client, let session = handles.session else {
                    throw StoreError.validation("the transaction has already ended: use its operations only inside the body")
                }
                return try body(MongoConnection(client: client, database: pool.database, session: session))
            }
        }
    }

    /// Commits; retries the commit once when the outcome is unknown, as the drivers' specification says.
    func commit() async throws(StoreError) {
        try await workers.run { [self] () throws(StoreError) in
            try handles.withLock { handles throws(StoreError) in
                guard let session = handles.session else { return }
                var attempt = 0
                while true {
                    attempt += 1
                    let reply = BSONDocument()
                    var error = bson_error_t()
                    if mongoc_client_session_commit_transaction(session, reply.pointer, &error) { return }
                    let failure = MongoFailure(error, reply: reply.pointer)
                    if attempt == 1, failure.labels.contains("UnknownTransactionCommitResult") { continue }
                    throw Self.failure(failure, operation: "commit")
                }
            }
        }
    }

    /// Aborts (best effort: a failed abort leaves nothing committed), then ends the session and
    /// returns the client to the pool.
    func end(abort: Bool) async {
        _ = try? await workers.run { [self] () throws(StoreError) in
            handles.withLock { handles in
                guard let client = handles.client, let session = handles.session else { return }
                if abort, mongoc_client_session_in_transaction(session) {
                    var error = bson_error_t()
                    _ = mongoc_client_session_abort_transaction(session, &error)
                }
                mongoc_client_session_destroy(session)
                pool.push(client)
                handles = Handles()
            }
        }
    }

    /// Starts the reason of the ``StoreError/unavailable(_:)`` for a deployment without transactions.
    static let unsupportedReason = "this MongoDB deployment does not support transactions (run it as a replica set): "

    private static func failure(_ failure: MongoFailure, operation: String) -> StoreError {
        if failure.isTransactionUnsupported {
            return .unavailable(unsupportedReason + failure.message)
        }
        return failure.storeError(collection: "transaction", operation: operation)
    }
}
