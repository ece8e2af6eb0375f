import ArgumentParser
import Foundation
public import SeedContracts
import SeedOutbox
public import SeedServiceKit
public import SeedStore
import SeedStoreEmbedded
import SeedStoreMongo

/// Where the services' stores are, as `seed-ops` options: the same rule as `ServiceHost.openStore()`.
public struct StoreOptions: ParsableArguments, Sendable {
    @Option(help: "MongoDB connection string (default: $SEED_MONGODB_URI); each service's database is seed_<service>.")
    public var mongodbURI: String? = ProcessInfo.processInfo.environment["SEED_MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 }

    @Option(help: "Folder holding one data folder per service (<folder>/<service>/store.sqlite); default .data, as SEED_DATA_DIR's default .data/<service>. scripts/run uses .data/run/services.")
    public var dataRoot: String = ".data"

    @Option(name: .customLong("store"), help: "A service's embedded store file, as service=path (overrides --data-root for it; repeatable).")
    public var stores: [String] = []

    public init() {}

    /// Where `service`'s store is, for people: a file path or `mongodb seed_<service>`.
    public func location(of service: ServiceName) -> String {
        if mongodbURI != nil { return "mongodb \(Self.database(of: service))" }
        return path(of: service)
    }

    func path(of service: ServiceName) -> String {
        for entry in stores {
            let parts = entry.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == service.rawValue { return String(parts[1]) }
        }
        return dataRoot + "/" + service.rawValue + "/store.sqlite"
    }

    static func database(of service: ServiceName) -> String {
        "seed_" + service.rawValue.replacingOccurrences(of: "-", with: "_")
    }

    /// Opens `service`'s store, or throws ``OpsFailure`` naming why not. An embedded store file that
    /// does not exist is not created.
    public func open(_ service: ServiceName) throws -> OpenedStore {
        do {
            if let uri = mongodbURI {
                let store = try MongoStore(configuration: MongoConfiguration(uri: uri, database: Self.database(of: service)))
                return OpenedStore(store: store, close: { store.shutdown() })
            }
            let path = path(of: service)
            guard FileManager.default.fileExists(atPath: path) else {
                throw OpsFailure("no store at \(path)")
            }
            var configuration = EmbeddedStore.Configuration()
            configuration.ttlSweepInterval = nil
            let store = try EmbeddedStore(path: path, configuration: configuration)
            return OpenedStore(store: store, close: { store.close() })
        } catch let failure as OpsFailure {
            throw failure
        } catch {
            throw OpsFailure("cannot open \(location(of: service)): \(error)")
        }
    }
}

/// A store `seed-ops` opened, and how to close it.
public struct OpenedStore: Sendable {
    public let store: any DocumentStore
    public let close: @Sendable () -> Void
}

/// One service's outbox: what its relay has not yet had the broker confirm.
public struct OutboxBacklog: Codable, Sendable, Equatable {
    public var service: String
    /// The store file or database read.
    public var store: String
    /// Messages committed but not yet published (`pending: true`).
    public var pending: Int?
    /// When the oldest of them was committed.
    public var oldestPendingAt: Date?
    /// Its age in seconds.
    public var oldestPendingAgeSeconds: Double?
    /// Relayed records still kept for inspection (7 days).
    public var relayed: Int?
    /// Why the store could not be read (the other fields are then empty).
    public var error: String?
}

/// Reads the outbox of each service.
public func outboxBacklogs(_ services: [ServiceName], stores: StoreOptions) async -> [OutboxBacklog] {
    var rows: [OutboxBacklog] = []
    for service in services {
        var row = OutboxBacklog(service: service.rawValue, store: stores.location(of: service))
        do {
            let opened = try stores.open(service)
            defer { opened.close() }
            let outbox = DocumentCollection(OutboxRecord.self, in: opened.store)
            let pending = Filter.equal("pending", .bool(true))
            row.pending = try await outbox.count(pending)
            row.relayed = try await outbox.count(.equal("pending", .bool(false)))
            if let oldest = try await outbox.find(pending, options: FindOptions(sort: [SortKey("createdAt")], limit: 1)).first {
                row.oldestPendingAt = oldest.createdAt
                row.oldestPendingAgeSeconds = (Date().timeIntervalSince(oldest.createdAt) * 1000).rounded() / 1000
            }
        } catch {
            row.error = "\(error)"
        }
        rows.append(row)
    }
    return rows
}

/// One service's applied store migrations (the `_migrations` collection `StoreMigrator` keeps).
public struct MigrationStatus: Codable, Sendable, Equatable {
    public struct Applied: Codable, Sendable, Equatable {
        public var version: Int
        public var name: String
        public var appliedAt: Date
    }

    public var service: String
    public var store: String
    /// Applied migrations, in version order.
    public var applied: [Applied]
    /// Whether a migration run holds the lock now (`_migrations_lock`).
    public var locked: Bool
    public var error: String?
}

/// Reads the migration records of each service.
public func migrationStatuses(_ services: [ServiceName], stores: StoreOptions) async -> [MigrationStatus] {
    var rows: [MigrationStatus] = []
    for service in services {
        var row = MigrationStatus(service: service.rawValue, store: stores.location(of: service), applied: [], locked: false)
        do {
            let opened = try stores.open(service)
            defer { opened.close() }
            let applied = try await DocumentCollection(AppliedMigration.self, in: opened.store).find(options: FindOptions(sort: [SortKey("_id")]))
            row.applied = applied.map { .init(version: $0.id, name: $0.name, appliedAt: $0.appliedAt) }
            row.locked = try await LockProbe.count(in: opened.store) > 0
        } catch StoreError.notFound {
            // No migration ever ran here: the collections do not exist yet.
        } catch {
            row.error = "\(error)"
        }
        rows.append(row)
    }
    return rows
}

/// The lock document of `StoreMigrator`, read without its (internal) type.
struct LockProbe: StoredDocument {
    static let collection = CollectionSpec("_migrations_lock", fields: ["owner", "expiresAt"])
    var id: String

    enum CodingKeys: String, CodingKey { case id = "_id" }

    static func count(in store: any DocumentStore) async throws -> Int {
        try await DocumentCollection(LockProbe.self, in: store).count()
    }
}

/// What `seed-ops migrations run` did to one service's store.
public struct MigrationRun: Codable, Sendable, Equatable {
    public struct Migration: Codable, Sendable, Equatable {
        public var version: Int
        public var name: String
    }

    public var service: String
    public var store: String
    /// The migrations applied now, in version order (empty: nothing was pending).
    public var applied: [Migration]
    /// The migrations the service declares.
    public var declared: Int
    public var error: String?
}

/// Applies each service's pending migrations now, with the start-up's migrator and lock
/// (``ServiceMigrations/apply(_:to:)``); `migrations` gives each service's list (the services'
/// declared ones by default; tests pass their own).
public func runMigrations(
    _ services: [ServiceName], stores: StoreOptions, migrations: (ServiceName) -> [StoreMigration] = ServiceMigrations.of
) async -> [MigrationRun] {
    var rows: [MigrationRun] = []
    for service in services {
        let declared = migrations(service)
        var row = MigrationRun(service: service.rawValue, store: stores.location(of: service), applied: [], declared: declared.count)
        do {
            let opened = try stores.open(service)
            defer { opened.close() }
            let versions = try await ServiceMigrations.apply(declared, to: opened.store)
            row.applied = declared.filter { versions.contains($0.version) }.map { .init(version: $0.version, name: $0.name) }
        } catch {
            row.error = "\(error)"
        }
        rows.append(row)
    }
    return rows
}
