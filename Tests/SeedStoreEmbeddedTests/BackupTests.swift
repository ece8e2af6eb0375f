import Foundation
import SeedStore
import SeedStoreEmbedded
import Testing

@Suite("Embedded store: backup and restore")
struct BackupTests {
    @Test("a backup of a live store restores to exactly the data it had, indexes included")
    func backupRestore() async throws {
        let directory = try temporaryDirectory()
        let live = try EmbeddedStore(path: directory.appendingPathComponent("live.sqlite").path, configuration: .withoutSweep)
        try await live.prepare(CollectionSpec("notes", indexes: [IndexSpec([.ascending("owner")]), .text("body")]))
        try await live.insert((1...50).map { ["_id": .int32($0), "owner": .string("o\($0 % 5)"), "body": .string("note number \($0)")] }, into: "notes")
        let backup = directory.appendingPathComponent("backup.sqlite").path
        try await live.backup(to: backup)
        try await live.insert([["_id": .int32(51), "owner": .string("o1"), "body": .string("after the backup")]], into: "notes")

        let restoredPath = directory.appendingPathComponent("restored.sqlite").path
        try EmbeddedStore.restore(from: backup, to: restoredPath)
        let restored = try EmbeddedStore(path: restoredPath, configuration: .withoutSweep)
        #expect(try await restored.count(in: "notes", where: .all) == 50)
        #expect(try await restored.count(in: "notes", where: .equal("owner", .string("o1"))) == 10)
        #expect(try await restored.explain(in: "notes", where: .equal("owner", .string("o1"))).access == .indexScan(index: "owner_1"))
        #expect(try await restored.count(in: "notes", where: .text("number 7")) == 1)
        #expect(try await restored.count(in: "notes", where: .text("backup")) == 0)
    }
}
