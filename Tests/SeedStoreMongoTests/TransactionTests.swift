import Foundation
import SeedStore
import SeedStoreMongo
import Testing

@Suite("Transactions")
struct TransactionTests {
    struct Abandon: Error {}

    @Test("a server without transactions refuses them before anything is written", arguments: MongoTestServer.allCases.filter { !$0.hasTransactions })
    func refused(server: MongoTestServer) async throws {
        try await server.withStore { store in
            await #expect {
                try await store.withTransaction { operations in
                    try await operations.insert([["_id": .string("a")]], into: "accounts")
                }
            } throws: { error in
                guard case StoreError.unavailable(let reason) = error else { return false }
                return reason.contains("does not support transactions")
            }
            let remaining = try await store.count(in: "accounts", where: .all)
            #expect(remaining == 0)
        }
    }

    @Test("a transaction's writes are all there after it returns", arguments: MongoTestServer.allCases.filter(\.hasTransactions))
    func commit(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(CollectionSpec("accounts"))
            try await store.insert([["_id": .string("a"), "balance": .int32(10)], ["_id": .string("b"), "balance": .int32(0)]], into: "accounts")
            let moved = try await store.withTransaction { operations in
                _ = try await operations.update(in: "accounts", where: .equal("_id", .string("a")), Update([.increment("balance", .int32(-4))]), many: false, upsert: false)
                _ = try await operations.update(in: "accounts", where: .equal("_id", .string("b")), Update([.increment("balance", .int32(4))]), many: false, upsert: false)
                try await operations.insert([["_id": .string("log-1"), "amount": .int32(4)]], into: "accounts")
                return try await operations.count(in: "accounts", where: .all)
            }
            #expect(moved == 3)
            let balances = try await store.find(in: "accounts", where: .exists("balance", true), options: FindOptions(sort: [SortKey("_id")]))
            #expect(balances.map { $0["balance"] } == [.int32(6), .int32(4)])
            #expect(try await store.count(in: "accounts", where: .all) == 3)
        }
    }

    @Test("none of a transaction's writes remain when its body throws", arguments: MongoTestServer.allCases.filter(\.hasTransactions))
    func rollback(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(CollectionSpec("accounts"))
            try await store.insert([["_id": .string("a"), "balance": .int32(10)]], into: "accounts")
            await #expect(throws: Abandon.self) {
                try await store.withTransaction { operations in
                    _ = try await operations.update(in: "accounts", where: .equal("_id", .string("a")), Update([.set("balance", .int32(0))]), many: false, upsert: false)
                    try await operations.insert([["_id": .string("b")]], into: "accounts")
                    throw Abandon()
                }
            }
            let documents = try await store.find(in: "accounts", where: .all, options: FindOptions())
            #expect(documents == [["_id": .string("a"), "balance": .int32(10)]])
        }
    }

    @Test("other readers do not see uncommitted writes", arguments: MongoTestServer.allCases.filter(\.hasTransactions))
    func isolation(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(CollectionSpec("accounts"))
            let seenOutside = try await store.withTransaction { operations in
                try await operations.insert([["_id": .string("a")]], into: "accounts")
                #expect(try await operations.count(in: "accounts", where: .all) == 1)
                return try await store.count(in: "accounts", where: .all)
            }
            #expect(seenOutside == 0)
            #expect(try await store.count(in: "accounts", where: .all) == 1)
        }
    }

    @Test("two transactions writing one document: the second gets a conflict", arguments: MongoTestServer.allCases.filter(\.hasTransactions))
    func writeConflict(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await store.prepare(CollectionSpec("accounts"))
            try await store.insert([["_id": .string("a"), "balance": .int32(10)]], into: "accounts")
            let bump = Update([.increment("balance", .int32(1))])
            try await store.withTransaction { first in
                _ = try await first.update(in: "accounts", where: .equal("_id", .string("a")), bump, many: false, upsert: false)
                await #expect {
                    try await store.withTransaction { second in
                        try await second.update(in: "accounts", where: .equal("_id", .string("a")), bump, many: false, upsert: false)
                    }
                } throws: { error in
                    guard case StoreError.conflict = error else { return false }
                    return true
                }
            }
            let account = try await store.find(in: "accounts", where: .all, options: FindOptions())
            #expect(account.first?["balance"] == .int32(11))
        }
    }
}
