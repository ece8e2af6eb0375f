import Foundation
import SeedStore
import SeedStoreMongo
import Testing

@Suite("Updates")
struct UpdateTests {
    @Test("$set, $unset, $inc, $push, $pull and $addToSet change the document as MongoDB does", arguments: MongoTestServer.allCases)
    func operators(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.insert([[
                "_id": .int32(1), "name": .string("ada"), "old": .bool(true), "visits": .int32(1),
                "tags": .array([.string("a"), .string("b"), .string("a")]),
                "items": .array([.document(["sku": .string("x"), "qty": .int32(0)]), .document(["sku": .string("y"), "qty": .int32(2)])]),
            ]], into: "docs")
            let result = try await store.update(in: "docs", where: .equal("_id", .int32(1)), Update([
                .set("name", .string("ada l.")),
                .set("profile.city", .string("london")),
                .unset("old"),
                .increment("visits", .int32(2)),
                .increment("score", .int32(5)),
                .push("log", .string("login")),
                .pull("tags", .equal(.string("a"))),
                .pull("items", .matching(.lessThan("qty", .int32(1)))),
                .addToSet("roles", .string("admin")),
            ]), many: false, upsert: false)
            #expect(result.matched == 1)
            #expect(result.modified == 1)
            _ = try await store.update(in: "docs", where: .equal("_id", .int32(1)), Update([.addToSet("roles", .string("admin"))]), many: false, upsert: false)
            let document = try #require(try await store.find(in: "docs", where: .all, options: FindOptions()).first)
            #expect(document == [
                "_id": .int32(1), "name": .string("ada l."), "visits": .int32(3),
                "tags": .array([.string("b")]),
                "items": .array([.document(["sku": .string("y"), "qty": .int32(2)])]),
                "profile": .document(["city": .string("london")]),
                "score": .int32(5), "log": .array([.string("login")]), "roles": .array([.string("admin")]),
            ])
        }
    }

    @Test("update many, upsert and delete report what they did", arguments: MongoTestServer.allCases)
    func countsAndUpsert(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.insert((1...3).map { ["_id": .int32($0), "group": .string($0 < 3 ? "a" : "b")] }, into: "docs")
            let many = try await store.update(in: "docs", where: .equal("group", .string("a")), Update([.set("seen", .bool(true))]), many: true, upsert: false)
            #expect(many.matched == 2)
            let upserted = try await store.update(in: "docs", where: .equal("_id", .int32(9)), Update([.set("group", .string("c"))]), many: false, upsert: true)
            #expect(upserted.matched == 0)
            #expect(upserted.upsertedId == .int32(9))
            #expect(try await store.count(in: "docs", where: .all) == 4)
            #expect(try await store.delete(in: "docs", where: .equal("group", .string("a")), many: false) == 1)
            #expect(try await store.delete(in: "docs", where: .all, many: true) == 3)
        }
    }

    @Test("findAndModify returns the document before or after the change, in sort order", arguments: MongoTestServer.allCases)
    func findAndModify(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.insert([
                ["_id": .int32(1), "state": .string("queued"), "priority": .int32(1)],
                ["_id": .int32(2), "state": .string("queued"), "priority": .int32(5)],
            ], into: "jobs")
            let claim = Update([.set("state", .string("running"))])
            let after = try await store.findAndModify(in: "jobs", where: .equal("state", .string("queued")), claim,
                                                      options: FindAndModifyOptions(sort: [SortKey("priority", .descending)]))
            #expect(after == ["_id": .int32(2), "state": .string("running"), "priority": .int32(5)])
            let before = try await store.findAndModify(in: "jobs", where: .equal("state", .string("queued")), claim,
                                                       options: FindAndModifyOptions(returnNew: false))
            #expect(before?["state"] == .string("queued"))
            #expect(before?["_id"] == .int32(1))
            let none = try await store.findAndModify(in: "jobs", where: .equal("state", .string("queued")), claim, options: FindAndModifyOptions())
            #expect(none == nil)
            let created = try await store.findAndModify(in: "jobs", where: .equal("_id", .int32(7)), Update([.set("state", .string("new"))]),
                                                        options: FindAndModifyOptions(upsert: true))
            #expect(created == ["_id": .int32(7), "state": .string("new")])
        }
    }
}
