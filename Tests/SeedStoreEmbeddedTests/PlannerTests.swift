import Foundation
import SeedStore
@testable import SeedStoreEmbedded
import Testing

@Suite("Embedded store: query planner")
struct PlannerTests {
    let messages = CollectionSpec(
        "messages",
        indexes: [IndexSpec([.ascending("conversationId"), .descending("createdAt"), .descending("_id")]),
                  IndexSpec([.ascending("phone")], unique: true, sparse: true), .text("body")],
        fields: ["author"])

    func store() async throws -> EmbeddedStore {
        let store = try EmbeddedStore(path: try temporaryDirectory().appendingPathComponent("store.sqlite").path, configuration: .withoutSweep)
        try await store.prepare(messages)
        try await store.insert([["_id": .int32(1), "conversationId": .string("c"), "createdAt": .date(Date()), "body": .string("hi")]], into: "messages")
        return store
    }

    @Test("the page query walks the compound index in order, keyset bound included, with no in-memory sort")
    func pageQueryUsesIndex() async throws {
        let store = try await store()
        let sort = [SortKey("createdAt", .descending), SortKey("_id", .descending)]
        let first = try await store.explain(in: "messages", where: .equal("conversationId", .string("c")), sort: sort)
        #expect(first == QueryPlan(access: .indexScan(index: "conversationId_1_createdAt_-1__id_-1"), providesSort: true, equalityKeys: 1, usesRange: false))
        let cursor = Filter.or([.lessThan("createdAt", .date(Date())),
                                .and([.equal("createdAt", .date(Date())), .lessThan("_id", .int32(5))])])
        let next = try await store.explain(in: "messages", where: .and([.equal("conversationId", .string("c")), cursor]), sort: sort)
        #expect(next.providesSort && next.usesRange && next.equalityKeys == 1)
        let reversed = try await store.explain(in: "messages", where: .equal("conversationId", .string("c")), sort: [SortKey("createdAt"), SortKey("_id")])
        #expect(reversed.providesSort)
    }

    @Test("_id equality uses the primary key; unindexed fields scan; a null query skips a sparse index")
    func otherPlans() async throws {
        let store = try await store()
        #expect(try await store.explain(in: "messages", where: .equal("_id", .int32(1))).access == .indexScan(index: "_id_"))
        #expect(try await store.explain(in: "messages", where: .equal("author", .string("x"))).access == .collectionScan)
        #expect(try await store.explain(in: "messages", where: .equal("phone", .string("+1"))).access == .indexScan(index: "phone_1"))
        #expect(try await store.explain(in: "messages", where: .equal("phone", .null)).access == .collectionScan)
        #expect(try await store.explain(in: "messages", where: .text("hi")).access == .textSearch(index: "body_text"))
        let sorted = try await store.explain(in: "messages", where: .all, sort: [SortKey("author")])
        #expect(sorted == QueryPlan(access: .collectionScan, providesSort: false, equalityKeys: 0, usesRange: false))
    }
}
