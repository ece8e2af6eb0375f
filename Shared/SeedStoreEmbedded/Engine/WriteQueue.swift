import GRDB
import SeedStore
import Synchronization

/// The single writer of the store, with group commit: writes submitted while a commit is running are
/// queued and then run together in one SQLite transaction; a failing write leaves nothing behind while
/// its neighbours commit (the group then runs again with a savepoint around each write). A multi-document transaction
/// takes the writer for itself; writes submitted meanwhile wait until it ends.
///
/// The queue is drained on GRDB's writer dispatch queue itself (one hop per group, none per write),
/// and every caller is resumed only after the group's `COMMIT` returned.
final class WriteQueue: Sendable {
    typealias Work = @Sendable (inout DocumentWriter) throws -> Void

    private struct Job: Sendable {
        let work: Work
        let finish: @Sendable ((any Error)?) -> Void
    }

    private enum Entry: Sendable {
        case job(Job)
        case transaction(CheckedContinuation<Void, Never>)
    }

    private struct State {
        var pending: [Entry] = []
        var draining = false
        var inTransaction = false
    }

    private enum Step {
        case idle
        case startTransaction(CheckedContinuation<Void, Never>)
        case batch([Job])
    }

    private let pool: DatabasePool
    private let catalog: CatalogStore
    private let state = Mutex(State())

    init(pool: DatabasePool, catalog: CatalogStore) {
        self.pool = pool
        self.catalog = catalog
    }

    /// Runs `body` in the next group commit and returns its result once that commit is durable.
    func submit<T: Sendable>(_ body: @escaping @Sendable (inout DocumentWriter) throws -> T) async throws -> T {
        let result = ResultBox<T>()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let job = Job(
                work: { writer in result.set(try body(&writer)) },
                finish: { error in
                    if let error { continuation.resume(throwing: error) } else { continuation.resume() }
                })
            enqueue(.job(job))
        }
        return result.take()
    }

    /// Waits until every earlier write has committed and takes the writer for a transaction.
    func beginExclusive() async {
        await withCheckedContinuation { continuation in enqueue(.transaction(continuation)) }
    }

    /// Gives the writer back after a transaction: to the next entry when it is a transaction waiting
    /// for the writer (resumed here, so it continues on the caller's executor preference; returns
    /// `true`), otherwise to the group-commit drain (returns `false`).
    func handOverExclusive() -> Bool {
        enum Next { case transaction(CheckedContinuation<Void, Never>), drain, idle }
        let next: Next = state.withLock { state in
            if case .transaction(let continuation) = state.pending.first {
                state.pending.removeFirst()
                return .transaction(continuation)
            }
            state.inTransaction = false
            guard !state.pending.isEmpty, !state.draining else { return .idle }
            state.draining = true
            return .drain
        }
        switch next {
        case .transaction(let continuation):
            continuation.resume()
            return true
        case .drain:
            startDraining()
            return false
        case .idle:
            return false
        }
    }

    private func enqueue(_ entry: Entry) {
        let start = state.withLock { state in
            state.pending.append(entry)
            guard !state.draining, !state.inTransaction else { return false }
            state.draining = true
            return true
        }
        if start { startDraining() }
    }

    private func startDraining() {
        pool.asyncWriteWithoutTransaction { db in self.drain(db) }
    }

    /// Commits groups on the writer queue until the queue is empty or a transaction is next.
    private func drain(_ db: Database) {
        while true {
            let step: Step = state.withLock { state in
                guard let first = state.pending.first else {
                    state.draining = false
                    return .idle
                }
                if case .transaction(let continuation) = first {
                    state.pending.removeFirst()
                    state.draining = false
                    state.inTransaction = true
                    return .startTransaction(continuation)
                }
                var jobs: [Job] = []
                for entry in state.pending {
                    guard case .job(let job) = entry else { break }
                    jobs.append(job)
                }
                state.pending.removeFirst(jobs.count)
                return .batch(jobs)
            }
            switch step {
            case .idle:
                return
            case .startTransaction(let continuation):
                continuation.resume()
                return
            case .batch(let jobs):
                let outcomes = commit(jobs, db)
                for (job, outcome) in zip(jobs, outcomes) { job.finish(outcome) }
            }
        }
    }

    /// Runs `jobs` in one transaction; returns each job's error, or `nil` for those that committed.
    ///
    /// Writes almost never fail, so the jobs first run one after the other without savepoints. When
    /// one fails, the whole transaction rolls back and, if there were several jobs, the group runs
    /// again with a savepoint around each job, so that only the failing ones leave nothing behind.
    /// Jobs only depend on the database and the catalog they are given, so running one twice is safe.
    private func commit(_ jobs: [Job], _ db: Database) -> [(any Error)?] {
        do {
            try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        } catch {
            return Array(repeating: error, count: jobs.count)
        }
        var committed = catalog.committed
        do {
            for job in jobs {
                var writer = DocumentWriter(db: db, catalog: committed, published: catalog)
                try job.work(&writer)
                committed = writer.catalog
            }
            try db.cachedStatement(sql: "COMMIT").execute()
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            return jobs.count == 1 ? [error] : commitIsolated(jobs, db)
        }
        catalog.publish(committed)
        return Array(repeating: nil, count: jobs.count)
    }

    /// Runs `jobs` in one transaction with a savepoint around each: a failing job is rolled back alone.
    private func commitIsolated(_ jobs: [Job], _ db: Database) -> [(any Error)?] {
        do {
            try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        } catch {
            return Array(repeating: error, count: jobs.count)
        }
        var committed = catalog.committed
        var outcomes: [(any Error)?] = []
        outcomes.reserveCapacity(jobs.count)
        do {
            for job in jobs {
                var writer = DocumentWriter(db: db, catalog: committed, published: catalog)
                try db.cachedStatement(sql: "SAVEPOINT job").execute()
                do {
                    try job.work(&writer)
                    try db.cachedStatement(sql: "RELEASE job").execute()
                    committed = writer.catalog
                    outcomes.append(nil)
                } catch {
                    try db.cachedStatement(sql: "ROLLBACK TO job").execute()
                    try db.cachedStatement(sql: "RELEASE job").execute()
                    outcomes.append(error)
                }
            }
            try db.cachedStatement(sql: "COMMIT").execute()
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            return Array(repeating: error, count: jobs.count)
        }
        catalog.publish(committed)
        return outcomes
    }
}

/// Carries a write's result out of the group commit; set once on the writer queue, read once after.
final class ResultBox<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)

    func set(_ newValue: T) { value.withLock { $0 = newValue } }

    func take() -> T { value.withLock { $0! } }
}
