import Foundation
import SeedStore
import SeedStoreEmbedded
import Testing

/// Transactions run on the writer's thread (`WriterThreadExecutor`): these prove they stay isolated,
/// atomic and closed, whichever task calls their operations.
@Suite("Embedded store: transactions on the writer's thread")
struct TransactionTests {
    private struct Escaped: Error {}

    func makeStore() throws -> EmbeddedStore {
        try EmbeddedStore(path: try temporaryDirectory().appendingPathComponent("store.sqlite").path, configuration: .withoutSweep)
    }

    @Test("concurrent read-modify-write transactions next to plain inserts lose no increment")
    func serialisable() async throws {
        // Many tasks, each with several transactions in a row: the writer goes from one transaction to
        // the next directly and back to the group commit of the plain inserts, many times over.
        let store = try makeStore()
        try await store.insert([["_id": .string("counter"), "n": .int32(0)]], into: "counters")
        let tasks = 16, rounds = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for _ in 0..<rounds {
                        try await store.withTransaction { operations in
                            let current = try await operations.find(in: "counters", where: .equal("_id", .string("counter")), options: FindOptions())
                            guard case .int32(let n)? = current.first?["n"] else { throw Escaped() }
                            _ = try await operations.update(
                                in: "counters", where: .equal("_id", .string("counter")), Update([.set("n", .int32(n + 1))]), many: false, upsert: false)
                        }
                    }
                }
                group.addTask {
                    for round in 0..<rounds { try await store.insert([["_id": .int32(Int32(task * rounds + round))]], into: "plain") }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.find(in: "counters", where: .all, options: FindOptions()) == [["_id": .string("counter"), "n": .int32(Int32(tasks * rounds))]])
        #expect(try await store.count(in: "plain", where: .all) == tasks * rounds)
    }

    @Test("operations called from a detached task of the body join the transaction and roll back with it")
    func detachedOperationsJoin() async throws {
        let store = try makeStore()
        await #expect(throws: Escaped.self) {
            try await store.withTransaction { operations in
                try await Task.detached { try await operations.insert([["_id": .int32(1)]], into: "items") }.value
                #expect(try await operations.count(in: "items", where: .all) == 1)
                throw Escaped()
            }
        }
        #expect(try await store.count(in: "items", where: .all) == 0)
    }

    @Test("operations kept past the end of their transaction fail and write nothing")
    func closedAfterwards() async throws {
        let store = try makeStore()
        let kept = try await store.withTransaction { operations in
            try await operations.insert([["_id": .int32(1)]], into: "items")
            return KeptOperations(operations: operations)
        }
        await #expect(throws: StoreError.self) { try await kept.operations.insert([["_id": .int32(2)]], into: "items") }
        #expect(try await store.find(in: "items", where: .all, options: FindOptions()) == [["_id": .int32(1)]])
        // The writer is free again for plain writes and further transactions, which the kept operations
        // do not join either (they run on the same thread as the next transaction's).
        try await store.insert([["_id": .int32(3)]], into: "items")
        try await store.withTransaction { operations in
            try await operations.insert([["_id": .int32(4)]], into: "items")
            await #expect(throws: StoreError.self) { try await kept.operations.insert([["_id": .int32(5)]], into: "items") }
        }
        #expect(try await store.count(in: "items", where: .all) == 3)
    }
}

private struct KeptOperations: Sendable {
    let operations: any DocumentOperations
}
