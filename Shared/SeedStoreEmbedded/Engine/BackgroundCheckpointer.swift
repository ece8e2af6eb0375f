import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Checkpoints the store's WAL (copies committed pages into the database file and fsyncs both) on a
/// connection and thread of its own, instead of on the single writer inside the commit that crossed
/// SQLite's automatic-checkpoint threshold.
///
/// SQLite checkpoints from the writer by default: the commit that brings the WAL to 1,000 pages also
/// copies them and waits for two `fdatasync`s, and every write queued behind it waits too. On the
/// messaging send path that was 8 checkpoints a second, 13 % of the writer's time, and stalls of up to
/// 97 ms (decision 0043). Here the writer's WAL hook only asks for a checkpoint, which a passive
/// checkpoint on another connection then makes while the writer goes on committing. Durability is
/// the same: commits reach the WAL as before (`synchronous` unchanged), and the WAL is fsynced by
/// each checkpoint as before. When the background checkpoints fall behind (the WAL passes
/// ``writerLimit`` pages), the writer checkpoints itself again, as SQLite would.
final class CheckpointRequests: Sendable {
    /// WAL pages after a commit from which a checkpoint is asked for (SQLite's automatic default).
    static let threshold: Int32 = 1000
    /// WAL pages from which the writer checkpoints itself, as without this class.
    static let writerLimit: Int32 = 16000

    private let checkpointer = Mutex<BackgroundCheckpointer?>(nil)
    /// The WAL's page count when a checkpoint was last asked for. The background checkpoint runs while
    /// the writer goes on appending, so the WAL often does not start over and its page count stays
    /// above ``threshold``; asking again only once another ``threshold`` pages were added keeps that
    /// to one checkpoint (two `fdatasync`s) per thousand pages instead of one per commit.
    private let requestedAt = Atomic<Int32>(0)

    /// Installs the WAL hook on `db` (every connection of the pool gets it; only the writer commits).
    /// The hook's context is this object, unretained: the pool's `prepareDatabase` closure holds it
    /// for as long as any of its connections lives.
    func install(on db: Database) {
        guard let connection = db.sqliteConnection else { return }
        sqlite3_wal_hook(connection, walHook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Hands checkpoints to `checkpointer` from now on.
    func start(_ checkpointer: BackgroundCheckpointer) {
        self.checkpointer.withLock { $0 = checkpointer }
    }

    /// Closes the background connection; the writer checkpoints itself again.
    func stop() {
        checkpointer.withLock { $0 = nil }
    }

    /// Called on the writer after each commit: `true` when a background checkpoint was asked for,
    /// `false` when the writer should checkpoint itself.
    fileprivate func requestCheckpoint(frames: Int32) -> Bool {
        guard frames < Self.writerLimit, let checkpointer = checkpointer.withLock({ $0 }) else { return false }
        // Only the writer's commits call this, one at a time.
        let previous = requestedAt.load(ordering: .relaxed)
        if frames < previous || frames - previous >= Self.threshold {
            requestedAt.store(frames, ordering: .relaxed)
            checkpointer.request()
        }
        return true
    }
}

/// SQLite's WAL hook: after a commit with `frames` pages in the WAL.
private func walHook(_ context: UnsafeMutableRawPointer?, _ db: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ frames: Int32) -> Int32 {
    guard frames >= CheckpointRequests.threshold else { return SQLITE_OK }
    if let context, Unmanaged<CheckpointRequests>.fromOpaque(context).takeUnretainedValue().requestCheckpoint(frames: frames) {
        return SQLITE_OK
    }
    // What SQLite's own automatic checkpoint does.
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    return SQLITE_OK
}

/// The connection and serial queue that run the requested checkpoints; requests made while one is
/// waiting to run are folded into it.
final class BackgroundCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "seed.store.checkpoint", qos: .utility)
    private let scheduled = Atomic<Bool>(false)

    init(path: String, busyTimeout: Duration) throws {
        var configuration = GRDB.Configuration()
        configuration.busyMode = .timeout(TimeInterval(busyTimeout.components.seconds))
        configuration.label = "seed.store.checkpoint"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    func request() {
        guard !scheduled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async { [self] in
            scheduled.store(false, ordering: .releasing)
            // A passive checkpoint copies what no reader still needs, without waiting for anyone; what
            // it leaves is copied by the next one.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }
}
