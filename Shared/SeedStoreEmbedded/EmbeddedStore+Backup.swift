import GRDB
import SeedStore

extension EmbeddedStore {
    /// Writes a consistent copy of the live store to `destination` (a new file), with SQLite's
    /// online backup API reading one snapshot: writes may go on meanwhile and are not in the copy.
    public func backup(to destination: String) async throws(StoreError) {
        do {
            let target = try DatabaseQueue(path: destination)
            try await pool.read { db in
                try target.writeWithoutTransaction { targetDb in try db.backup(to: targetDb) }
            }
            try target.close()
        } catch {
            throw StoreError(mapping: error)
        }
    }

    /// Replaces the store file at `path` with the backup at `backup`. The store at `path` must not be
    /// open (stop the service first); its WAL is folded into the restored file.
    public static func restore(from backup: String, to path: String) throws(StoreError) {
        do {
            let source = try DatabaseQueue(path: backup, configuration: readOnly)
            let target = try DatabasePool(path: path)
            try source.backup(to: target)
            _ = try target.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try target.close()
            try source.close()
        } catch {
            throw StoreError(mapping: error)
        }
    }

    private static var readOnly: GRDB.Configuration {
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        return configuration
    }
}
