import Foundation
import SeedStore
import Testing

struct Message: StoredDocument, Equatable {
    static let collection = CollectionSpec(
        "messages",
        indexes: [IndexSpec([.ascending("conversationId"), .descending("createdAt"), .descending("_id")])],
        fields: ["body"])

    var id: ObjectId
    var conversationId: String
    var createdAt: Date
    var body: String

    enum CodingKeys: String, CodingKey {
        case id = "_id", conversationId, createdAt, body
    }
}

@Suite("Conformance: keyset pagination (seed 004)")
struct PaginationConformance {
    @Test("pages of {conversationId, createdAt desc, _id desc} stay stable while messages arrive between pages", arguments: StoreFixture.all)
    func stablePages(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.prepare(Message.collection)
        let messages = DocumentCollection(Message.self, in: store)
        var sent: [Message] = []
        for index in 0..<25 {
            // Pairs share a timestamp so the _id tie-breaker matters.
            let message = Message(id: ObjectId(), conversationId: "c1", createdAt: day(0, hours: index / 2), body: "m\(index)")
            sent.append(message)
            try await messages.insert(message)
        }
        try await messages.insert(Message(id: ObjectId(), conversationId: "c2", createdAt: day(0), body: "other"))
        let sort = [SortKey("createdAt", .descending), SortKey("_id", .descending)]
        var seen: [Message] = []
        var cursor: PageCursor?
        repeat {
            let page = try await messages.page(.equal("conversationId", .string("c1")), sort: sort, after: cursor, limit: 10)
            seen += page.items
            cursor = page.next
            // A newer message arrives between pages: it sorts before the pages already read.
            try await messages.insert(Message(id: ObjectId(), conversationId: "c1", createdAt: day(5), body: "late"))
        } while cursor != nil
        let expected = sent.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        #expect(seen == expected)
    }
}
