import Foundation
import SeedStore
import SeedStoreMongo
import Testing

@Suite("Aggregations")
struct AggregationTests {
    static func day(_ text: String) -> DocumentValue {
        .date(ISO8601DateFormatter().date(from: text)!)
    }

    static let meals: [Document] = [
        ["_id": .int32(1), "user": .string("u1"), "at": day("2025-03-01T08:00:00Z"), "kcal": .int32(300), "items": .array([.string("egg"), .string("toast")])],
        ["_id": .int32(2), "user": .string("u1"), "at": day("2025-03-01T23:59:00Z"), "kcal": .int32(700), "items": .array([.string("pasta")])],
        ["_id": .int32(3), "user": .string("u1"), "at": day("2025-03-02T12:00:00Z"), "kcal": .int32(500), "items": .array([.string("egg")])],
        ["_id": .int32(4), "user": .string("u2"), "at": day("2025-03-02T12:00:00Z"), "kcal": .int32(900), "items": .array([])],
    ]

    private static func seed(_ store: MongoStore) async throws {
        try await store.insert(meals, into: "meals")
    }

    @Test("grouping by UTC day sums, averages, counts and bounds per day", arguments: MongoTestServer.allCases)
    func byDay(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await Self.seed(store)
            let result = try await store.aggregate(in: "meals", Aggregation(
                match: .equal("user", .string("u1")),
                groupBy: .day("at"),
                accumulators: [("total", .sum("kcal")), ("mean", .average("kcal")), ("meals", .count), ("least", .min("kcal")), ("most", .max("kcal"))],
                sort: [SortKey("_id")]
            ))
            #expect(result == [
                ["_id": .string("2025-03-01"), "total": .int32(1000), "mean": .double(500), "meals": .int32(2), "least": .int32(300), "most": .int32(700)],
                ["_id": .string("2025-03-02"), "total": .int32(500), "mean": .double(500), "meals": .int32(1), "least": .int32(500), "most": .int32(500)],
            ])
        }
    }

    @Test("grouping by a field, then sorting by an accumulator and limiting", arguments: MongoTestServer.allCases)
    func byFieldSortedLimited(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await Self.seed(store)
            let result = try await store.aggregate(in: "meals", Aggregation(
                groupBy: .field("user"),
                accumulators: [("total", .sum("kcal"))],
                sort: [SortKey("total", .descending)],
                limit: 1
            ))
            #expect(result == [["_id": .string("u1"), "total": .int32(1500)]])
        }
    }

    @Test("unwinding an array counts each element; grouping all gives one document", arguments: MongoTestServer.allCases)
    func unwindAndAll(server: MongoTestServer) async throws {
        try await server.withStore { store in
            try await Self.seed(store)
            let perItem = try await store.aggregate(in: "meals", Aggregation(
                unwind: "items", groupBy: .field("items"), accumulators: [("n", .count)], sort: [SortKey("_id")]
            ))
            #expect(perItem == [
                ["_id": .string("egg"), "n": .int32(2)],
                ["_id": .string("pasta"), "n": .int32(1)],
                ["_id": .string("toast"), "n": .int32(1)],
            ])
            let all = try await store.aggregate(in: "meals", Aggregation(groupBy: .all, accumulators: [("n", .count), ("total", .sum("kcal"))]))
            #expect(all == [["_id": .null, "n": .int32(4), "total": .int32(2400)]])
        }
    }
}
