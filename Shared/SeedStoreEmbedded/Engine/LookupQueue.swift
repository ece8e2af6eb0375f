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
        let run: @Sendable (Database, Catalog) -> Void
        let fail: @Sendable (any Error) -> Void
    }

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
                run: { db, catalog in continuation.resume(with: Result { try body(db, catalog) }) },
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
    private func drain(_ db: Database) {
        while let batch = takeBatch() {
            let catalog = catalog.current
            let shared = batch.count > 1 && (try? RawStatement(db, sql: "BEGIN DEFERRED").execute()) != nil
            for lookup in batch { lookup.run(db, catalog) }
            if shared, (try? RawStatement(db, sql: "COMMIT").execute()) == nil {
                try? RawStatement(db, sql: "ROLLBACK").execute()
            }
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
