import GRDB
import SeedStore
import Synchronization

/// Short point reads (finds by `_id`) outside transactions, batched: lookups submitted by many tasks
/// at once share one reader connection access instead of paying a dispatch hop, a connection check-out
/// and GRDB's schema check each. At most `drainers` reader connections drain the queue at a time.
///
/// The lookups of one batch share a read transaction that starts after they were all submitted, so a
/// write that returned before a lookup was submitted is always visible to it.
final class LookupQueue: Sendable {
    private struct Lookup: Sendable {
        /// Runs the lookup and returns what hands its result to the caller.
        let run: @Sendable (Database, Catalog) -> Resume
        let fail: @Sendable (any Error) -> Void
    }

    private typealias Resume = @Sendable () -> Void

    private struct State {
        var pending: [Lookup] = []
        var draining = 0
    }

    private let pool: DatabasePool
    private let catalog: CatalogStore
    private let drainers: Int
    private let state = Mutex(State())

    init(pool: DatabasePool, catalog: CatalogStore, drainers: Int) {
        self.pool = pool
        self.catalog = catalog
        self.drainers = max(1, drainers)
    }

    /// Runs `body` on a reader connection with the committed catalog, with other pending lookups.
    func submit<T: Sendable>(_ body: @escaping @Sendable (Database, Catalog) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue(Lookup(
                run: { db, catalog in
                    let result = Result { try body(db, catalog) }
                    return { continuation.resume(with: result) }
                },
                fail: { error in continuation.resume(throwing: error) }))
        }
    }

    private func enqueue(_ lookup: Lookup) {
        let start = state.withLock { state in
            state.pending.append(lookup)
            guard state.draining < drainers else { return false }
            state.draining += 1
            return true
        }
        guard start else { return }
        pool.asyncUnsafeRead { result in
            switch result {
            case .success(let db): self.drain(db)
            case .failure(let error): self.drainFailing(error)
            }
        }
    }

    /// Runs every pending lookup on `db` until the queue is empty.
    ///
    /// Each batch shares one read transaction, which SQLite starts at its first statement, after the
    /// batch was taken: every lookup of the batch was submitted before, so the snapshot holds every
    /// write acknowledged before any of them was submitted. Starting and ending a read in WAL mode
    /// takes file locks (`fcntl` system calls), which cost more than a cached point read itself.
    ///
    /// The callers of a batch are resumed together after it: resuming each one as soon as its lookup
    /// is done wakes a sleeping thread of the cooperative pool per lookup, which cost more than the
    /// lookups (a batch takes a few microseconds per lookup).
    private func drain(_ db: Database) {
        var resumes: [Resume] = []
        while let batch = takeBatch() {
            let catalog = catalog.current
            let shared = batch.count > 1 && (try? RawStatement(db, sql: "BEGIN DEFERRED").execute()) != nil
            resumes.reserveCapacity(batch.count)
            for lookup in batch { resumes.append(lookup.run(db, catalog)) }
            if shared, (try? RawStatement(db, sql: "COMMIT").execute()) == nil {
                try? RawStatement(db, sql: "ROLLBACK").execute()
            }
            for resume in resumes { resume() }
            resumes.removeAll(keepingCapacity: true)
        }
    }

    /// The reader could not be had (the pool is closed): every pending lookup fails.
    private func drainFailing(_ error: any Error) {
        while let batch = takeBatch() {
            for lookup in batch { lookup.fail(error) }
        }
    }

    /// The pending lookups, or `nil` (and one drainer fewer) when there are none.
    private func takeBatch() -> [Lookup]? {
        state.withLock { state in
            guard !state.pending.isEmpty else {
                state.draining -= 1
                return nil
            }
            defer { state.pending = [] }
            return state.pending
        }
    }
}
