import Foundation
import SeedStore
import SeedStoreEmbedded
import Testing

/// The group commit and the batched finds by `_id` keep each caller's view exact.
@Suite("Embedded store: batched writes and lookups")
struct BatchingTests {
    @Test("a find by _id right after an acknowledged insert finds it, from many tasks at once")
    func readsOwnWrites() async throws {
        let store = try EmbeddedStore(path: try temporaryDirectory().appendingPathComponent("store.sqlite").path, configuration: .withoutSweep)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<16 {
                group.addTask {
                    for n in 0..<50 {
                        let id = Int32(task * 1_000 + n)
                        try await store.insert([["_id": .int32(id), "n": .int32(Int32(n))]], into: "items")
                        let found = try await store.find(in: "items", where: .equal("_id", .int32(id)), options: FindOptions())
                        #expect(found == [["_id": .int32(id), "n": .int32(Int32(n))]])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.count(in: "items", where: .all) == 800)
    }

    @Test("a failing write in a group leaves nothing, its neighbours commit, and a failing lone write leaves nothing")
    func failuresAreIsolated() async throws {
        let store = try EmbeddedStore(path: try temporaryDirectory().appendingPathComponent("store.sqlite").path, configuration: .withoutSweep)
        try await store.prepare(CollectionSpec("users", indexes: [IndexSpec([.ascending("email")], unique: true)]))
        try await store.insert([["_id": .int32(0), "email": .string("taken@x")]], into: "users")
        // Alone: a duplicate in the second document rolls back the first.
        await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
            try await store.insert([["_id": .int32(1), "email": .string("new@x")], ["_id": .int32(2), "email": .string("taken@x")]], into: "users")
        }
        #expect(try await store.find(in: "users", where: .equal("_id", .int32(1)), options: FindOptions()).isEmpty)
        // Grouped: concurrent writers, every third one a duplicate.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for n in 10..<70 {
                group.addTask {
                    let email = n % 3 == 0 ? "taken@x" : "user\(n)@x"
                    return (try? await store.insert([["_id": .int32(Int32(n)), "email": .string(email)]], into: "users")) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 40)
        #expect(try await store.count(in: "users", where: .all) == 41)
        #expect(try await store.count(in: "users", where: .equal("email", .string("taken@x"))) == 1)
    }

    @Test("an index made multikey by a rolled-back write is still stored as multikey by the next array write")
    func multikeyFlagSurvivesRollback() async throws {
        struct Abort: Error {}
        let path = try temporaryDirectory().appendingPathComponent("store.sqlite").path
        do {
            let store = try EmbeddedStore(path: path, configuration: .withoutSweep)
            try await store.prepare(CollectionSpec("posts", indexes: [IndexSpec([.ascending("tags")])]))
            await #expect(throws: Abort.self) {
                try await store.withTransaction { operations in
                    try await operations.insert([["_id": .int32(1), "tags": .array([.string("x")])]], into: "posts")
                    throw Abort()
                }
            }
            try await store.insert([["_id": .int32(2), "tags": .array([.string("a"), .string("z")])]], into: "posts")
            store.close()
        }
        // Reopened, the catalog comes from the file. Only a multikey index keeps both conditions from
        // narrowing the scan to one interval: "z" matches the first, "a" the second.
        let reopened = try EmbeddedStore(path: path, configuration: .withoutSweep)
        let found = try await reopened.find(in: "posts", where: .and([.greaterThan("tags", .string("c")), .lessThan("tags", .string("e"))]), options: FindOptions())
        #expect(found.map { $0["_id"] } == [.int32(2)])
    }
}
