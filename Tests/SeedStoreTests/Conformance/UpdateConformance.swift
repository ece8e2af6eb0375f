import Foundation
import SeedStore
import Testing

@Suite("Conformance: updates, upserts, find-and-modify, deletes")
struct UpdateConformance {
    func one(_ store: any DocumentStore, _ id: Int32) async throws -> Document? {
        try await store.find(in: "items", where: .equal("_id", .int32(id)), options: FindOptions()).first
    }

    @Test("set with dotted paths creates sub-documents; unset removes; inc keeps integer types", arguments: StoreFixture.all)
    func setUnsetIncrement(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([["_id": .int32(1), "n": .int32(5), "gone": .bool(true)]], into: "items")
        let result = try await store.update(
            in: "items", where: .equal("_id", .int32(1)),
            Update([.set("profile.address.city", .string("Oslo")), .unset("gone"), .increment("n", .int32(2)), .increment("fresh", .int64(7))]),
            many: false, upsert: false)
        #expect(result == UpdateResult(matched: 1, modified: 1))
        let document = try #require(try await one(store, 1))
        #expect(document == ["_id": .int32(1), "n": .int32(7), "profile": .document(["address": .document(["city": .string("Oslo")])]), "fresh": .int64(7)])
        let unchanged = try await store.update(in: "items", where: .equal("_id", .int32(1)), Update([.set("n", .int32(7))]), many: false, upsert: false)
        #expect(unchanged == UpdateResult(matched: 1, modified: 0))
        let widened = try await store.update(in: "items", where: .equal("_id", .int32(1)), Update([.increment("n", .double(0.5))]), many: false, upsert: false)
        #expect(widened.modified == 1)
        #expect(try await one(store, 1)?["n"] == .double(7.5))
    }

    @Test("push, addToSet and pull by value or by filter edit arrays", arguments: StoreFixture.all)
    func arrayOperators(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([["_id": .int32(1), "tags": .array([.string("a")]),
                                 "lines": .array([.document(["sku": .string("x"), "qty": .int32(0)]), .document(["sku": .string("y"), "qty": .int32(2)])])]],
                               into: "items")
        let filter = Filter.equal("_id", .int32(1))
        _ = try await store.update(in: "items", where: filter, Update([.push("tags", .string("b")), .push("new", .int32(1))]), many: false, upsert: false)
        _ = try await store.update(in: "items", where: filter, Update([.addToSet("tags", .string("a")), .addToSet("more", .string("m"))]), many: false, upsert: false)
        _ = try await store.update(in: "items", where: filter, Update([.addToSet("tags", .string("c"))]), many: false, upsert: false)
        _ = try await store.update(in: "items", where: filter, Update([.pull("tags", .equal(.string("b"))),
                                                                         .pull("lines", .matching(.lessThan("qty", .int32(1))))]),
                                   many: false, upsert: false)
        let document = try #require(try await one(store, 1))
        #expect(document["tags"] == .array([.string("a"), .string("c")]))
        #expect(document["new"] == .array([.int32(1)]))
        #expect(document["more"] == .array([.string("m")]))
        #expect(document["lines"] == .array([.document(["sku": .string("y"), "qty": .int32(2)])]))
    }

    /// A typed document with an optional field, for whole-document replacement.
    struct Note: StoredDocument, Equatable {
        static let collection = CollectionSpec("notes", fields: ["title", "archivedAt"])
        var id: Int32
        var title: String
        var archivedAt: Date?
        enum CodingKeys: String, CodingKey { case id = "_id", title, archivedAt }
    }

    @Test("replace stores exactly the new value: an optional property set to nil is removed", arguments: StoreFixture.all)
    func replaceRemovesNilFields(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.prepare(Note.collection)
        let notes = DocumentCollection(Note.self, in: store)
        try await notes.insert(Note(id: 1, title: "draft", archivedAt: Date(timeIntervalSince1970: 1_700_000_000)))
        try await notes.replace(Note(id: 1, title: "live", archivedAt: nil))
        #expect(try await notes.get(1) == Note(id: 1, title: "live", archivedAt: nil))
        #expect(try await notes.count(.exists("archivedAt", true)) == 0)
        await #expect(throws: StoreError.self) { try await notes.replace(Note(id: 2, title: "missing")) }
    }

    @Test("replace by _id stores the new document whole, moves its index entries, and refuses what an insert refuses", arguments: StoreFixture.all)
    func replaceByID(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.prepare(CollectionSpec("accounts", indexes: [IndexSpec([.ascending("email")], unique: true)]))
        try await store.insert([
            ["_id": .string("a"), "email": .string("a@x"), "extra": .int32(1)],
            ["_id": .string("b"), "email": .string("b@x")],
        ], into: "accounts")

        #expect(try await store.replace(["_id": .string("a"), "email": .string("c@x")], in: "accounts"))
        let replaced = try await store.find(in: "accounts", where: .equal("_id", .string("a")), options: FindOptions())
        #expect(replaced == [["_id": .string("a"), "email": .string("c@x")]])
        #expect(try await store.count(in: "accounts", where: .equal("email", .string("a@x"))) == 0)
        #expect(try await store.count(in: "accounts", where: .equal("email", .string("c@x"))) == 1)

        // The unique index refuses taking b's email; a bad field name is refused; neither changes anything.
        await #expect(throws: StoreError.self) {
            _ = try await store.replace(["_id": .string("a"), "email": .string("b@x")], in: "accounts")
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.replace(["_id": .string("a"), "$email": .string("d@x")], in: "accounts")
        }
        #expect(try await store.find(in: "accounts", where: .equal("_id", .string("a")), options: FindOptions()) == replaced)
        #expect(try await !store.replace(["_id": .string("missing"), "email": .string("m@x")], in: "accounts"))
        #expect(try await store.count(in: "accounts", where: .all) == 2)
    }

    @Test("update many changes every match; update one changes only the first", arguments: StoreFixture.all)
    func manyVersusOne(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert((1...4).map { ["_id": .int32($0), "kind": .string($0 % 2 == 0 ? "even" : "odd")] }, into: "items")
        let one = try await store.update(in: "items", where: .equal("kind", .string("odd")), Update([.set("seen", .bool(true))]), many: false, upsert: false)
        #expect(one == UpdateResult(matched: 1, modified: 1))
        let many = try await store.update(in: "items", where: .equal("kind", .string("even")), Update([.set("seen", .bool(true))]), many: true, upsert: false)
        #expect(many == UpdateResult(matched: 2, modified: 2))
        #expect(try await store.count(in: "items", where: .equal("seen", .bool(true))) == 3)
    }

    @Test("upsert builds the new document from the filter's equalities and the update, with a new ObjectId", arguments: StoreFixture.all)
    func upsert(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        let result = try await store.update(
            in: "items", where: .and([.equal("user", .string("u1")), .equal("day", .string("2026-01-05")), .greaterThan("n", .int32(3))]),
            Update([.increment("count", .int32(1))]), many: false, upsert: true)
        #expect(result.matched == 0)
        guard case .objectId(let id)? = result.upsertedId else {
            Issue.record("upsert without _id in the filter must generate an ObjectId, got \(String(describing: result.upsertedId))")
            return
        }
        let stored = try await store.find(in: "items", where: .equal("_id", .objectId(id)), options: FindOptions())
        #expect(stored == [["_id": .objectId(id), "user": .string("u1"), "day": .string("2026-01-05"), "count": .int32(1)]])
        let again = try await store.update(
            in: "items", where: .and([.equal("user", .string("u1")), .equal("day", .string("2026-01-05"))]),
            Update([.increment("count", .int32(1))]), many: false, upsert: true)
        #expect(again == UpdateResult(matched: 1, modified: 1))
        let withId = try await store.update(in: "items", where: .equal("_id", .string("fixed")), Update([.set("a", .int32(1))]), many: false, upsert: true)
        #expect(withId.upsertedId == .string("fixed"))
    }

    @Test("findAndModify returns the document before or after, choosing by sort; upserts when asked", arguments: StoreFixture.all)
    func findAndModify(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([["_id": .int32(1), "priority": .int32(5), "state": .string("ready")],
                                ["_id": .int32(2), "priority": .int32(9), "state": .string("ready")]], into: "items")
        let claim = Update([.set("state", .string("taken"))])
        let before = try await store.findAndModify(
            in: "items", where: .equal("state", .string("ready")), claim,
            options: FindAndModifyOptions(returnNew: false, sort: [SortKey("priority", .descending)]))
        #expect(before == ["_id": .int32(2), "priority": .int32(9), "state": .string("ready")])
        let after = try await store.findAndModify(in: "items", where: .equal("state", .string("ready")), claim, options: FindAndModifyOptions())
        #expect(after == ["_id": .int32(1), "priority": .int32(5), "state": .string("taken")])
        let none = try await store.findAndModify(in: "items", where: .equal("state", .string("ready")), claim, options: FindAndModifyOptions())
        #expect(none == nil)
        let created = try await store.findAndModify(
            in: "items", where: .equal("_id", .int32(3)), Update([.set("state", .string("new"))]), options: FindAndModifyOptions(upsert: true))
        #expect(created == ["_id": .int32(3), "state": .string("new")])
    }

    @Test("delete one removes the first match, delete many every match", arguments: StoreFixture.all)
    func deletes(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert((1...5).map { ["_id": .int32($0), "odd": .bool($0 % 2 == 1)] }, into: "items")
        #expect(try await store.delete(in: "items", where: .equal("odd", .bool(true)), many: false) == 1)
        #expect(try await store.delete(in: "items", where: .equal("odd", .bool(true)), many: true) == 2)
        #expect(try await store.ids(in: "items", .all) == [.id(2), .id(4)])
    }

    @Test("updates MongoDB refuses are typed errors and change nothing", arguments: StoreFixture.all)
    func refusedUpdates(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([["_id": .int32(1), "name": .string("x"), "n": .int32(1)]], into: "items")
        let filter = Filter.equal("_id", .int32(1))
        for update in [Update([.increment("name", .int32(1))]), Update([.push("n", .int32(1))]),
                       Update([.set("a", .int32(1)), .set("a.b", .int32(2))]), Update([.set("_id", .int32(2))]),
                       Update([.set("n.deeper", .int32(1))])] {
            await #expect(throws: StoreError.self) {
                _ = try await store.update(in: "items", where: filter, update, many: false, upsert: false)
            }
        }
        #expect(try await one(store, 1) == ["_id": .int32(1), "name": .string("x"), "n": .int32(1)])
    }
}
