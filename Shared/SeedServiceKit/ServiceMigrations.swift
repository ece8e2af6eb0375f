public import SeedContracts
public import SeedStore

/// Each service's store migrations (decision 0040), in the one list that start-up
/// (``ServiceHost/addUnitOfWork(bus:collections:errors:)``) and `seed-ops migrations run` both apply
/// with ``StoreMigrator`` (its `_migrations` records and `_migrations_lock` lease).
///
/// A migration works on the raw store (`any DocumentStore`), is safe to re-run, and gets the next
/// version of its service:
///
/// ```swift
/// case .work: [StoreMigration(version: 1, name: "backfill tasks.tenantId") { store in … }]
/// ```
public enum ServiceMigrations {
    /// The migrations of `service`, in version order (none yet).
    public static func of(_ service: ServiceName) -> [StoreMigration] {
        switch service {
        case .identity, .work, .messaging, .documents, .businessAI, .nutrition, .gateway: []
        }
    }

    /// Applies the pending migrations of `migrations` to `store` under the migrator's lock; returns the
    /// versions applied. A service without migrations leaves its store untouched.
    @discardableResult
    public static func apply(_ migrations: [StoreMigration], to store: any DocumentStore) async throws -> [Int] {
        guard !migrations.isEmpty else { return [] }
        return try await StoreMigrator(migrations).migrate(store)
    }
}
