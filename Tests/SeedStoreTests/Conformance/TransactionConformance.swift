import Foundation
import SeedStore
import Testing

@Suite("Conformance: multi-document transactions")
struct TransactionConformance {
    struct Abort: Error {}

    @Test("a transaction's writes commit together and are visible inside it", arguments: StoreFixture.all)
    func commit(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([["_id": .string("a"), "balance": .int32(100)], ["_id": .string("b"), "balance": .int32(0)]], into: "accounts")
        let seenInside = try await store.withTransaction { operations in
            _ = try await operations.update(in: "accounts", where: .equal("_id", .string("a")), Update([.increment("balance", .int32(-30))]), many: false, upsert: false)
            _ = try await operations.update(in: "accounts", where: .equal("_id", .string("b")), Update([.increment("balance", .int32(30))]), many: false, upsert: false)
            try await operations.insert([["_id": .string("log1"), "amount": .int32(30)]], into: "transfers")
            return try await operations.find(in: "accounts", where: .equal("_id", .string("b")), options: FindOptions()).first?["balance"]
        }
        #expect(seenInside == .int32(30))
        let balances = try await store.find(in: "accounts", where: .all, options: FindOptions(sort: [SortKey("_id")])).map { $0["balance"] }
        #expect(balances == [.int32(70), .int32(30)])
        #expect(try await store.count(in: "transfers", where: .all) == 1)
    }

    @Test("a transaction whose body throws leaves nothing, including a collection it created", arguments: StoreFixture.all)
    func rollback(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([["_id": .string("a"), "balance": .int32(100)]], into: "accounts")
        await #expect(throws: Abort.self) {
            try await store.withTransaction { operations in
                _ = try await operations.update(in: "accounts", where: .equal("_id", .string("a")), Update([.set("balance", .int32(0))]), many: false, upsert: false)
                try await operations.insert([["_id": .string("x")]], into: "scratch")
                throw Abort()
            }
        }
        #expect(try await store.find(in: "accounts", where: .all, options: FindOptions()).first?["balance"] == .int32(100))
        #expect(try await store.count(in: "scratch", where: .all) == 0)
        // The store keeps working after a rollback.
        try await store.insert([["_id": .string("after")]], into: "scratch")
        #expect(try await store.count(in: "scratch", where: .all) == 1)
    }

    @Test("a concurrent writer waits for the transaction (or, where excused, gets a conflict)", arguments: StoreFixture.all)
    func concurrentWriter(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([["_id": .string("counter"), "n": .int32(0)]], into: "counters")
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let transaction = Task {
            try await store.withTransaction { operations in
                _ = try await operations.update(in: "counters", where: .equal("_id", .string("counter")), Update([.increment("n", .int32(1))]), many: false, upsert: false)
                enteredContinuation.yield()
                for await _ in release { break }
                return ()
            }
        }
        for await _ in entered { break }
        let outside = Task {
            try await store.update(in: "counters", where: .equal("_id", .string("counter")), Update([.increment("n", .int32(10))]), many: false, upsert: false)
        }
        // Readers outside the transaction see the committed state meanwhile.
        #expect(try await store.find(in: "counters", where: .all, options: FindOptions()).first?["n"] == .int32(0))
        releaseContinuation.yield()
        try await transaction.value
        switch await outside.result {
        case .success(let result):
            #expect(result.modified == 1)
            #expect(try await store.find(in: "counters", where: .all, options: FindOptions()).first?["n"] == .int32(11))
        case .failure(let error):
            #expect(!fixture.follows(.transactionConflictsInsteadOfWaiting), "this store must make the writer wait, not fail: \(error)")
            let isConflict: Bool = if case .conflict? = error as? StoreError { true } else { false }
            #expect(isConflict, "expected a conflict, got \(error)")
        }
    }
}
