import Foundation
import Synchronization
import Testing
@testable import SeedStore

@Suite("Start-up migrations")
struct MigrationTests {
    /// Records which migrations ran, in order.
    final class Journal: Sendable {
        let entries = Mutex<[Int]>([])
        func append(_ version: Int) { entries.withLock { $0.append(version) } }
        var all: [Int] { entries.withLock { $0 } }
    }

    @Test("pending migrations run once each, in version order, and are recorded", arguments: StoreFixture.all)
    func pendingMigrationsRunOnceInOrder(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        let journal = Journal()
        let migrations = [3, 1, 2].map { version in
            StoreMigration(version: version, name: "step \(version)") { _ in journal.append(version) }
        }
        let migrator = try StoreMigrator(migrations)
        #expect(try await migrator.migrate(store) == [1, 2, 3])
        #expect(journal.all == [1, 2, 3])
        #expect(try await migrator.migrate(store) == [])
        #expect(journal.all == [1, 2, 3], "a second start runs nothing again")
        #expect(try await migrator.appliedVersions(in: store) == [1, 2, 3])
    }

    @Test("a failing migration is not recorded and stops the later ones; the next start retries it", arguments: StoreFixture.all)
    func failingMigrationIsRetriedNextTime(_ fixture: StoreFixture) async throws {
        struct Boom: Error {}
        let store = try await fixture.open()
        let journal = Journal()
        let failing = Mutex(true)
        let migrator = try StoreMigrator([
            StoreMigration(version: 1, name: "ok") { _ in journal.append(1) },
            StoreMigration(version: 2, name: "flaky") { _ in
                if failing.withLock({ $0 }) { throw Boom() }
                journal.append(2)
            },
            StoreMigration(version: 3, name: "after") { _ in journal.append(3) },
        ])
        await #expect(throws: Boom.self) { try await migrator.migrate(store) }
        #expect(try await migrator.appliedVersions(in: store) == [1])
        failing.withLock { $0 = false }
        #expect(try await migrator.migrate(store) == [2, 3])
        #expect(journal.all == [1, 2, 3])
    }

    @Test("two migrators starting together run each migration once", arguments: StoreFixture.all)
    func concurrentMigratorsDoNotBothRun(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        let journal = Journal()
        let migrator = try StoreMigrator([
            StoreMigration(version: 1, name: "slow") { _ in
                journal.append(1)
                try await Task.sleep(for: .milliseconds(300))
            },
        ])
        async let first = migrator.migrate(store)
        async let second = migrator.migrate(store)
        let ran = try await [first, second]
        #expect(ran.flatMap { $0 } == [1])
        #expect(journal.all == [1])
    }

    @Test("duplicate migration versions are refused")
    func duplicateVersionsAreRefused() {
        #expect(throws: StoreError.self) {
            try StoreMigrator([
                StoreMigration(version: 1, name: "a") { _ in },
                StoreMigration(version: 1, name: "b") { _ in },
            ])
        }
    }
}
