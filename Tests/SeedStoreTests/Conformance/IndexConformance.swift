import Foundation
import SeedStore
import Testing

@Suite("Conformance: indexes")
struct IndexConformance {
    static let users = CollectionSpec(
        "users",
        indexes: [IndexSpec([.ascending("email")], unique: true), IndexSpec([.ascending("phone")], unique: true, sparse: true),
                  IndexSpec([.ascending("org"), .descending("joined")])],
        fields: ["name"])

    @Test("prepare is idempotent and refuses an index redefined under the same name", arguments: StoreFixture.all)
    func prepareIdempotent(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.prepare(Self.users)
        try await store.insert([["_id": .int32(1), "email": .string("a@x")]], into: "users")
        try await store.prepare(Self.users)
        #expect(try await store.count(in: "users", where: .all) == 1)
        let changed = CollectionSpec("users", indexes: [IndexSpec([.descending("email")], name: "email_1")])
        await #expect(throws: StoreError.self) { try await store.prepare(changed) }
    }

    @Test("a duplicate unique key names the index and fields and writes nothing; a multi-insert is all or nothing", arguments: StoreFixture.all)
    func duplicateKey(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.prepare(Self.users)
        try await store.insert([["_id": .int32(1), "email": .string("a@x")]], into: "users")
        await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
            try await store.insert([["_id": .int32(2), "email": .string("b@x")], ["_id": .int32(3), "email": .string("a@x")]], into: "users")
        }
        await #expect(throws: StoreError.duplicateKey(collection: "users", index: "_id_", fields: ["_id"])) {
            try await store.insert([["_id": .int32(1), "email": .string("c@x")]], into: "users")
        }
        #expect(try await store.ids(in: "users", .all) == [.id(1)])
        // An update that would collide is refused too, leaving the document as it was.
        try await store.insert([["_id": .int32(4), "email": .string("d@x")]], into: "users")
        await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
            _ = try await store.update(in: "users", where: .equal("_id", .int32(4)), Update([.set("email", .string("a@x"))]), many: false, upsert: false)
        }
        #expect(try await store.ids(in: "users", .equal("email", .string("d@x"))) == [.id(4)])
    }

    @Test("a sparse unique index allows many documents without the field but not two with the same value", arguments: StoreFixture.all)
    func sparseUnique(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.prepare(Self.users)
        try await store.insert((1...5).map { ["_id": .int32($0), "email": .string("u\($0)@x")] }, into: "users")
        try await store.insert([["_id": .int32(6), "email": .string("u6@x"), "phone": .string("+47")]], into: "users")
        await #expect(throws: StoreError.duplicateKey(collection: "users", index: "phone_1", fields: ["phone"])) {
            try await store.insert([["_id": .int32(7), "email": .string("u7@x"), "phone": .string("+47")]], into: "users")
        }
        #expect(try await store.count(in: "users", where: .exists("phone", false)) == 5)
        #expect(try await store.ids(in: "users", .equal("phone", .null)) == [.id(1), .id(2), .id(3), .id(4), .id(5)])
        // A non-sparse unique index treats a missing field as null: only one document may lack it.
        await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
            try await store.insert([["_id": .int32(8)], ["_id": .int32(9)]], into: "users")
        }
    }

    @Test("compound and multikey indexes return the same documents as a scan, in order", arguments: StoreFixture.all)
    func compoundAndMultikey(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.prepare(CollectionSpec("posts", indexes: [IndexSpec([.ascending("org"), .descending("joined")]), IndexSpec([.ascending("tags")])]))
        var documents: [Document] = []
        for index in 0..<40 {
            var document: Document = ["_id": .int32(Int32(index)), "org": .string("o\(index % 3)"), "joined": .int32(Int32(index * 7 % 11))]
            document["tags"] = index % 4 == 0 ? .array([.string("t\(index % 5)"), .string("t\((index + 1) % 5)")]) : .string("t\(index % 5)")
            documents.append(document)
        }
        try await store.insert(documents, into: "posts")
        let filter = Filter.and([.equal("org", .string("o1")), .greaterThanOrEqual("joined", .int32(3)), .lessThan("joined", .int32(9))])
        let sort = [SortKey("joined", .descending), SortKey("_id")]
        let found = try await store.find(in: "posts", where: filter, options: FindOptions(sort: sort, limit: 5))
        let expected = documents.filter {
            guard case .int32(let joined)? = $0["joined"] else { return false }
            return $0["org"] == .string("o1") && joined >= 3 && joined < 9
        }.sorted {
            guard case .int32(let a)? = $0["joined"], case .int32(let b)? = $1["joined"], case .int32(let x)? = $0["_id"], case .int32(let y)? = $1["_id"]
            else { return false }
            return (a, -x) > (b, -y)
        }
        #expect(found == Array(expected.prefix(5)))
        let tagged = try await store.ids(in: "posts", .isIn("tags", [.string("t1"), .string("t3")]))
        let expectedTagged = documents.filter { document in
            switch document["tags"] {
            case .array(let tags)?: tags.contains(.string("t1")) || tags.contains(.string("t3"))
            case let tag?: tag == .string("t1") || tag == .string("t3")
            case nil: false
            }
        }.map { $0["_id"]! }
        #expect(tagged == expectedTagged)
    }

    @Test("removeExpired deletes documents whose TTL date has passed and keeps the rest", arguments: StoreFixture.all)
    func ttl(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.prepare(CollectionSpec("sessions", indexes: [.expiring("expiresAt")]))
        let now = Date()
        try await store.insert([
            ["_id": .int32(1), "expiresAt": .date(now.addingTimeInterval(-60))],
            ["_id": .int32(2), "expiresAt": .date(now.addingTimeInterval(3_600))],
            ["_id": .int32(3), "expiresAt": .string("not a date")],
            ["_id": .int32(4)],
        ], into: "sessions")
        let removed = try await store.removeExpired()
        if fixture.follows(.serverRemovesExpired) {
            #expect(removed == 1)
        } else {
            #expect(removed <= 1, "the server's own sweep may have come first")
        }
        #expect(try await store.ids(in: "sessions", .all) == [.id(2), .id(3), .id(4)])
    }

    @Test("text search matches documents containing every word, case-insensitively, over the text fields", arguments: StoreFixture.all)
    func textSearch(_ fixture: StoreFixture) async throws {
        guard fixture.follows(.noTextSearch) else { return }  // excused: see the fixture's deviations
        let store = try await fixture.open()
        try await store.prepare(CollectionSpec("docs", indexes: [.text("title", "body")], fields: ["owner"]))
        try await store.insert([
            ["_id": .int32(1), "title": .string("Quarterly Report"), "body": .string("revenue grew in the north"), "owner": .string("a")],
            ["_id": .int32(2), "title": .string("Minutes"), "body": .string("The REPORT on revenue is late"), "owner": .string("b")],
            ["_id": .int32(3), "title": .string("Revenue"), "body": .string("nothing else"), "owner": .string("a")],
        ], into: "docs")
        #expect(try await store.ids(in: "docs", .text("report REVENUE")) == [.id(1), .id(2)])
        #expect(try await store.ids(in: "docs", .and([.text("revenue"), .equal("owner", .string("a"))])) == [.id(1), .id(3)])
        if fixture.follows(.textSearchStems) {
            #expect(try await store.ids(in: "docs", .text("reports")) == [])
        }
        _ = try await store.update(in: "docs", where: .equal("_id", .int32(3)), Update([.set("body", .string("a report"))]), many: false, upsert: false)
        #expect(try await store.ids(in: "docs", .text("report revenue")) == [.id(1), .id(2), .id(3)])
        try await store.insert([["_id": .int32(1), "title": .string("report")]], into: "plain")
        await #expect(throws: StoreError.self) {
            _ = try await store.find(in: "plain", where: .text("report"), options: FindOptions())
        }
    }
}
