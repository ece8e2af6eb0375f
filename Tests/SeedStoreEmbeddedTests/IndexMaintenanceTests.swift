import Foundation
import SeedStore
import SeedStoreEmbedded
import Testing

/// Updates keep index entries exact, including when the indexed values do not change.
@Suite("Embedded store: index entries on update")
struct IndexMaintenanceTests {
    @Test("an update that leaves the indexed value alone, or wraps it in a one-element array, keeps the document findable; the array makes the index multikey")
    func unchangedKeys() async throws {
        let store = try EmbeddedStore(path: try temporaryDirectory().appendingPathComponent("store.sqlite").path, configuration: .withoutSweep)
        try await store.prepare(CollectionSpec("items", indexes: [IndexSpec([.ascending("tag")])]))
        try await store.insert([["_id": .int32(1), "tag": .string("a"), "n": .int32(0)]], into: "items")
        let sortByTag = [SortKey("tag")]
        #expect(try await store.explain(in: "items", where: .all, sort: sortByTag).providesSort)

        _ = try await store.update(in: "items", where: .equal("_id", .int32(1)), Update([.set("n", .int32(1))]), many: false, upsert: false)
        #expect(try await store.find(in: "items", where: .equal("tag", .string("a")), options: FindOptions()).count == 1)

        _ = try await store.update(in: "items", where: .equal("_id", .int32(1)), Update([.set("tag", .array([.string("a")]))]), many: false, upsert: false)
        #expect(try await store.find(in: "items", where: .equal("tag", .string("a")), options: FindOptions())
            == [["_id": .int32(1), "tag": .array([.string("a")]), "n": .int32(1)]])
        // A multikey index cannot give a sort order (a document has several keys in it).
        #expect(try await store.explain(in: "items", where: .all, sort: sortByTag).providesSort == false)

        _ = try await store.update(in: "items", where: .equal("_id", .int32(1)), Update([.set("tag", .string("b"))]), many: false, upsert: false)
        #expect(try await store.find(in: "items", where: .equal("tag", .string("a")), options: FindOptions()).isEmpty)
        #expect(try await store.find(in: "items", where: .equal("tag", .string("b")), options: FindOptions()).count == 1)
    }
}
