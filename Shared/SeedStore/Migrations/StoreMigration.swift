import Foundation

/// One versioned change to a service's database (a new index, a backfill, a renamed field).
///
/// Versions are positive, unique and applied in increasing order, once each; a migration must be safe
/// to re-run if the process dies while it runs (it is recorded only after it finishes).
public struct StoreMigration: Sendable {
    public let version: Int
    public let name: String
    public let run: @Sendable (any DocumentStore) async throws -> Void

    public init(version: Int, name: String, run: @escaping @Sendable (any DocumentStore) async throws -> Void) {
        precondition(version > 0, "migration versions start at 1")
        self.version = version
        self.name = name
        self.run = run
    }
}

/// A migration as recorded in the `_migrations` collection.
public struct AppliedMigration: StoredDocument, Equatable {
    public static let collection = CollectionSpec("_migrations", fields: ["name", "appliedAt"])

    /// The migration's version.
    public var id: Int
    public var name: String
    public var appliedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", name, appliedAt
    }
}

/// Runs the migrations a store has not had yet, at start-up, and records each one.
///
/// Two processes starting together do not both run a migration: a lock document with a lease
/// (`_migrations_lock`) lets one run while the other waits for it.
public struct StoreMigrator: Sendable {
    public let migrations: [StoreMigration]
    /// How long a lock holder may take before another process may take the lock over.
    public var lease: Duration = .seconds(300)

    public init(_ migrations: [StoreMigration]) throws(StoreError) {
        let versions = migrations.map(\.version)
        guard Set(versions).count == versions.count else {
            throw StoreError.validation("migration versions must be unique: \(versions.sorted())")
        }
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies every pending migration in version order; returns the versions it applied.
    @discardableResult
    public func migrate(_ store: any DocumentStore) async throws -> [Int] {
        try await store.prepare(AppliedMigration.collection)
        try await store.prepare(MigrationLock.collection)
        let lock = DocumentCollection(MigrationLock.self, in: store)
        let owner = ObjectId().description
        try await acquire(lock, owner: owner)
        do {
            let applied = try await appliedVersions(in: store)
            var ran: [Int] = []
            let records = DocumentCollection(AppliedMigration.self, in: store)
            for migration in migrations where !applied.contains(migration.version) {
                try await migration.run(store)
                try await records.insert(AppliedMigration(id: migration.version, name: migration.name, appliedAt: Date()))
                ran.append(migration.version)
            }
            try await lock.delete(.equal("owner", .string(owner)))
            return ran
        } catch {
            _ = try? await lock.delete(.equal("owner", .string(owner)))
            throw error
        }
    }

    /// The versions recorded as applied.
    public func appliedVersions(in store: any DocumentStore) async throws(StoreError) -> Set<Int> {
        Set(try await DocumentCollection(AppliedMigration.self, in: store).find().map(\.id))
    }

    private func acquire(_ lock: DocumentCollection<MigrationLock>, owner: String) async throws {
        while true {
            let now = Date()
            do {
                try await lock.insert(MigrationLock(owner: owner, expiresAt: now.addingTimeInterval(lease.seconds)))
                return
            } catch StoreError.duplicateKey {
                // Another process holds it; take it over only once its lease has run out.
                let taken = try await lock.findAndModify(
                    .and([.equal("_id", .string(MigrationLock.key)), .lessThan("expiresAt", .date(now))]),
                    Update([.set("owner", .string(owner)), .set("expiresAt", .date(now.addingTimeInterval(lease.seconds)))]))
                if taken != nil { return }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}

/// The single document that serialises migration runs.
struct MigrationLock: StoredDocument {
    static let key = "migrations"
    static let collection = CollectionSpec("_migrations_lock", fields: ["owner", "expiresAt"])

    var id: String = MigrationLock.key
    var owner: String
    var expiresAt: Date

    init(owner: String, expiresAt: Date) {
        self.owner = owner
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id", owner, expiresAt
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
