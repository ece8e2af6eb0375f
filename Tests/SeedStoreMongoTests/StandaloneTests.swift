import Foundation
import SeedStore
import SeedStoreMongo
import Testing

@Suite("A deployment without transactions")
struct StandaloneTests {
    @Test("on a standalone server, inserting several documents is still all or nothing")
    func insertWithoutTransactions() async throws {
        let server = try PrivateServer(environmentVariable: "SEED_TEST_MONGO_SECANTUS_COMMAND") { port, _ in
            ["--host", "127.0.0.1", "--port", String(port), "--storage-path", ":memory:", "--standalone"]
        }
        defer { server.kill() }
        let store = try await server.store(database: "standalone")
        try await store.prepare(CollectionSpec("users", indexes: [IndexSpec([.ascending("email")], unique: true)]))
        try await store.insert([["_id": .int32(1), "email": .string("taken@x")]], into: "users")

        await #expect {
            try await store.withTransaction { operations in
                try await operations.insert([["_id": .int32(9), "email": .string("t@x")]], into: "users")
            }
        } throws: { error in
            guard case StoreError.unavailable(let reason) = error else { return false }
            return reason.contains("does not support transactions")
        }

        await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
            try await store.insert([
                ["_id": .int32(2), "email": .string("new@x")],
                ["_id": .int32(3), "email": .string("other@x")],
                ["_id": .int32(4), "email": .string("taken@x")],
            ], into: "users")
        }
        #expect(try await store.count(in: "users", where: .all) == 1)
        try await store.insert([["_id": .int32(2), "email": .string("new@x")], ["_id": .int32(3), "email": .string("other@x")]], into: "users")
        #expect(try await store.count(in: "users", where: .all) == 3)
    }
}
