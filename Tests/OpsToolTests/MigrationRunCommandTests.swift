import Foundation
import SeedContracts
import SeedOpsKit
import SeedStore
import SeedStoreEmbedded
import Testing

@Suite("seed-ops migrations run")
struct MigrationRunCommandTests {
    /// A store a service would have: `<root>/work/store.sqlite` with one record to migrate.
    static func workStore() async throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seed-ops-migrate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
        let store = try EmbeddedStore(path: root + "/work/store.sqlite")
        try await store.insert([["_id": .string("t1"), "title": .string("first")]], into: "tasks")
        store.close()
        return root
    }

    @Test("run applies the pending migrations with the start-up's migrator, records them, and applies nothing the second time")
    func appliesPendingOnce() async throws {
        let root = try await Self.workStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let stores = try StoreOptions.parse(["--data-root", root])
        let migrations: (ServiceName) -> [StoreMigration] = { _ in
            [
                StoreMigration(version: 1, name: "tasks get a tenant") { store in
                    _ = try await store.update(in: "tasks", where: .exists("tenantId", false), try Update.set("tenantId", "platform"), many: true, upsert: false)
                },
                StoreMigration(version: 2, name: "tasks get a revision") { store in
                    _ = try await store.update(in: "tasks", where: .exists("revision", false), try Update.set("revision", 1), many: true, upsert: false)
                },
            ]
        }
        let first = await runMigrations([.work], stores: stores, migrations: migrations)
        #expect(first.map(\.error) == [nil])
        #expect(first[0].applied.map(\.name) == ["tasks get a tenant", "tasks get a revision"] && first[0].declared == 2)
        let second = await runMigrations([.work], stores: stores, migrations: migrations)
        #expect(second[0].applied.isEmpty && second[0].error == nil)

        let status = await migrationStatuses([.work], stores: stores)
        #expect(status[0].applied.map(\.version) == [1, 2] && status[0].locked == false, "the lock is released")
        let store = try EmbeddedStore(path: root + "/work/store.sqlite")
        defer { store.close() }
        let task = try #require(try await store.find(in: "tasks", where: .all, options: FindOptions()).first)
        #expect(task["tenantId"] == .string("platform") && task["revision"] != nil)
    }

    @Test("the command prints what it applied (nothing: no service declares migrations yet) and exits 1 for a store it cannot open")
    func commandExitCodes() async throws {
        let root = try await Self.workStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(await runSeedOps(["migrations", "run", "--data-root", root, "--service", "work"]) == 0)
        #expect(await runSeedOps(["migrations", "run", "--data-root", root, "--service", "work", "--json"]) == 0)
        #expect(await runSeedOps(["migrations", "run", "--data-root", root + "/nowhere", "--service", "work"]) == 1)
    }
}
