import Foundation
import SeedStore
import SeedStoreMongo
import Testing

@Suite("Filters")
struct FilterTests {
    static let people: [Document] = [
        ["_id": .int32(1), "name": .string("ada"), "age": .int32(36), "tags": .array([.string("math"), .string("poet")]),
         "pets": .array([.document(["kind": .string("cat"), "age": .int32(3)])])],
        ["_id": .int32(2), "name": .string("bob"), "age": .int32(25), "tags": .array([.string("chef")]),
         "pets": .array([.document(["kind": .string("dog"), "age": .int32(9)]), .document(["kind": .string("cat"), "age": .int32(12)])])],
        ["_id": .int32(3), "name": .string("cy"), "age": .int32(41), "nickname": .string("c")],
    ]

    private static func seed(_ store: MongoStore) async throws {
        try await store.insert(people, into: "people")
    }

    private func ids(_ store: MongoStore, _ filter: Filter) async throws -> [Int32] {
        let found = try await store.find(in: "people", where: filter, options: FindOptions(sort: [SortKey("_id")]))
        return found.compactMap { if case .int32(let id)? = $0["_id"] { id } else { nil } }
    }

    @Test("comparison, membership and existence filters select the expected documents", arguments: MongoTestServer.allCases)
    func comparisons(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await Self.seed(store)
            #expect(try await ids(store, .all) == [1, 2, 3])
            #expect(try await ids(store, .equal("name", .string("bob"))) == [2])
            #expect(try await ids(store, .notEqual("name", .string("bob"))) == [1, 3])
            #expect(try await ids(store, .greaterThan("age", .int32(36))) == [3])
            #expect(try await ids(store, .greaterThanOrEqual("age", .int32(36))) == [1, 3])
            #expect(try await ids(store, .lessThan("age", .int32(36))) == [2])
            #expect(try await ids(store, .lessThanOrEqual("age", .int32(36))) == [1, 2])
            #expect(try await ids(store, .isIn("name", [.string("ada"), .string("cy")])) == [1, 3])
            #expect(try await ids(store, .notIn("name", [.string("ada"), .string("cy")])) == [2])
            #expect(try await ids(store, .exists("nickname", true)) == [3])
            #expect(try await ids(store, .exists("nickname", false)) == [1, 2])
        }
    }

    @Test("array elements, $elemMatch, $and and $or select the expected documents", arguments: MongoTestServer.allCases)
    func arraysAndLogic(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await Self.seed(store)
            #expect(try await ids(store, .equal("tags", .string("poet"))) == [1])
            #expect(try await ids(store, .elementMatch("pets", .and([.equal("kind", .string("cat")), .greaterThan("age", .int32(10))]))) == [2])
            #expect(try await ids(store, .and([.greaterThan("age", .int32(20)), .lessThan("age", .int32(40))])) == [1, 2])
            #expect(try await ids(store, .or([.equal("name", .string("ada")), .equal("age", .int32(41))])) == [1, 3])
            #expect(try await ids(store, .and([])) == [1, 2, 3])
            #expect(try await ids(store, .or([])) == [])
        }
    }

    @Test("find options sort, skip, limit and project", arguments: MongoTestServer.allCases)
    func findOptions(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await Self.seed(store)
            let page = try await store.find(in: "people", where: .all, options: FindOptions(sort: [SortKey("age", .descending)], skip: 1, limit: 1))
            #expect(page.map { $0["name"] } == [.string("ada")])
            let projected = try await store.find(in: "people", where: .equal("_id", .int32(2)), options: FindOptions(projection: ["name"]))
            #expect(projected == [["_id": .int32(2), "name": .string("bob")]])
            #expect(try await store.count(in: "people", where: .greaterThan("age", .int32(30))) == 2)
        }
    }

    @Test("$text requires every word of the search", arguments: MongoTestServer.allCases.filter(\.supportsText))
    func text(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(CollectionSpec("notes", indexes: [.text("body")]))
            try await store.insert([
                ["_id": .int32(1), "body": .string("The quick brown fox")],
                ["_id": .int32(2), "body": .string("quick red car")],
                ["_id": .int32(3), "body": .string("lazy brown dog")],
            ], into: "notes")
            let found = try await store.find(in: "notes", where: .text("QUICK brown"), options: FindOptions())
            #expect(found.map { $0["_id"] } == [.int32(1)])
        }
    }

    @Test("SecantusDB refuses a text index with a clear validation error")
    func textUnsupported() async throws {
        _ = try await MongoTestServer.secantus.withStore { store in
            await #expect {
                try await store.prepare(CollectionSpec("notes", indexes: [.text("body")]))
            } throws: { error in
                guard case StoreError.validation(let reason) = error else { return false }
                return reason.contains("text indexes are not supported")
            }
        }
    }
}
