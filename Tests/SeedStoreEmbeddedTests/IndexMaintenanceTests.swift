import Foundation
import SeedStore
@testable import SeedStoreEmbedded
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

    @Test("rotating a long indexed array drops the element that left and finds the one that came")
    func rotatingArray() async throws {
        let store = try EmbeddedStore(path: try temporaryDirectory().appendingPathComponent("store.sqlite").path, configuration: .withoutSweep)
        try await store.prepare(CollectionSpec("sessions", indexes: [IndexSpec([.ascending("previous")])]))
        let digests = (0..<51).map { DocumentValue.string("digest-\($0)") }
        try await store.insert([["_id": .int32(1), "previous": .array(Array(digests[0..<50]))]], into: "sessions")
        _ = try await store.update(in: "sessions", where: .equal("_id", .int32(1)),
                                   Update([.set("previous", .array(Array(digests[1..<51])))]), many: false, upsert: false)
        #expect(try await store.count(in: "sessions", where: .equal("previous", .string("digest-0"))) == 0)
        #expect(try await store.count(in: "sessions", where: .equal("previous", .string("digest-50"))) == 1)
        #expect(try await store.count(in: "sessions", where: .equal("previous", .string("digest-25"))) == 1)
    }

    @Test("the changes between two sorted key lists are the keys only on each side")
    func keyChanges() {
        let old: [[UInt8]] = [[1], [2, 0], [3], [5]]
        let new: [[UInt8]] = [[2, 0], [4], [5], [6, 1]]
        let changes = IndexKeys.changes(from: old, to: new)
        #expect(changes.removed == [[1], [3]])
        #expect(changes.added == [[4], [6, 1]])
        #expect(IndexKeys.changes(from: old, to: old).removed.isEmpty && IndexKeys.changes(from: [], to: new).added == new)
    }
}
