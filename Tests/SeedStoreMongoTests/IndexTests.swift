import Foundation
import SeedStore
import SeedStoreMongo
import Testing

@Suite("Indexes and duplicate keys")
struct IndexTests {
    static let users = CollectionSpec("users", indexes: [
        IndexSpec([.ascending("email")], unique: true),
        IndexSpec([.ascending("badge")], unique: true, sparse: true),
        .expiring("expiresAt", after: 3600),
    ])
    static let handles = CollectionSpec("handles", indexes: [IndexSpec([.ascending("org"), .descending("handle")], unique: true)])

    @Test("preparing a collection twice is harmless and keeps its unique indexes", arguments: MongoTestServer.allCases)
    func idempotentPrepare(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(Self.users)
            try await store.prepare(Self.users)
            try await store.prepare(CollectionSpec("plain"))
            try await store.prepare(CollectionSpec("plain"))
            try await store.insert([["_id": .int32(1), "email": .string("a@x")]], into: "users")
            await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
                try await store.insert([["_id": .int32(2), "email": .string("a@x")]], into: "users")
            }
            #expect(try await store.removeExpired() == 0)
        }
    }

    @Test("a duplicate key names the index and its fields, for single, compound and _id keys", arguments: MongoTestServer.allCases)
    func duplicateKeys(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(Self.users)
            try await store.prepare(Self.handles)
            try await store.insert([["_id": .int32(1), "org": .string("o"), "handle": .string("h")]], into: "handles")
            try await store.insert([["_id": .int32(2), "org": .string("o"), "handle": .string("i")]], into: "handles")
            await #expect(throws: StoreError.duplicateKey(collection: "handles", index: "org_1_handle_-1", fields: ["org", "handle"])) {
                try await store.insert([["_id": .int32(3), "org": .string("o"), "handle": .string("h")]], into: "handles")
            }
            try await store.insert([["_id": .int32(1), "email": .string("a@x")]], into: "users")
            await #expect(throws: StoreError.duplicateKey(collection: "users", index: "_id_", fields: ["_id"])) {
                try await store.insert([["_id": .int32(1), "email": .string("c@x")]], into: "users")
            }
            try await store.insert([["_id": .int32(3), "email": .string("d@x")]], into: "users")
            await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
                try await store.update(in: "users", where: .equal("_id", .int32(3)), Update([.set("email", .string("a@x"))]), many: false, upsert: false)
            }
        }
    }

    @Test("a unique index counts a missing field as null, so only one document may lack it", arguments: MongoTestServer.allCases)
    func missingFieldIsNull(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(Self.users)
            try await store.insert([["_id": .int32(1)]], into: "users")
            if server.uniqueIndexesCountMissingAsNull {
                await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
                    try await store.insert([["_id": .int32(2)]], into: "users")
                }
            } else {
                // nx-27017 (SQLite) lets any number of documents lack a uniquely indexed field.
                try await store.insert([["_id": .int32(2)]], into: "users")
                #expect(try await store.count(in: "users", where: .all) == 2)
            }
        }
    }

    @Test("a sparse unique index ignores documents without the field", arguments: MongoTestServer.allCases)
    func sparse(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(Self.users)
            try await store.insert([["_id": .int32(1), "email": .string("a@x")], ["_id": .int32(2), "email": .string("b@x")]], into: "users")
            try await store.insert([["_id": .int32(3), "email": .string("c@x"), "badge": .string("gold")]], into: "users")
            await #expect(throws: StoreError.duplicateKey(collection: "users", index: "badge_1", fields: ["badge"])) {
                try await store.insert([["_id": .int32(4), "email": .string("d@x"), "badge": .string("gold")]], into: "users")
            }
        }
    }

    @Test("inserting several documents is all or nothing on a duplicate key", arguments: MongoTestServer.allCases)
    func insertAllOrNothing(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(Self.users)
            try await store.insert([["_id": .int32(1), "email": .string("taken@x")]], into: "users")
            await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
                try await store.insert([
                    ["_id": .int32(2), "email": .string("new@x")],
                    ["_id": .int32(3), "email": .string("taken@x")],
                ], into: "users")
            }
            #expect(try await store.count(in: "users", where: .all) == 1)
        }
    }
}
