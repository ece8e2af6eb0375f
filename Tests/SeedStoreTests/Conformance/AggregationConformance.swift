import Foundation
import SeedStore
import Testing

@Suite("Conformance: aggregation pipelines of the seeds")
struct AggregationConformance {
    @Test("seed 003: daily calorie totals per UTC day and a macro breakdown over unwound foods", arguments: StoreFixture.all)
    func nutritionDailyTotals(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        let user = ObjectId()
        func food(_ name: String, _ calories: Int32, protein: Double, carbs: Double, fat: Double) -> DocumentValue {
            .document(["name": .string(name), "calories": .int32(calories), "protein": .double(protein), "carbs": .double(carbs), "fat": .double(fat)])
        }
        try await store.insert([
            ["_id": .objectId(ObjectId()), "userId": .objectId(user), "date": .date(day(0, hours: 8)), "totalCalories": .int64(400),
             "foods": .array([food("oats", 300, protein: 10, carbs: 50, fat: 5), food("milk", 100, protein: 7, carbs: 10, fat: 4)])],
            ["_id": .objectId(ObjectId()), "userId": .objectId(user), "date": .date(day(0, hours: 23)), "totalCalories": .int64(600),
             "foods": .array([food("pasta", 600, protein: 20, carbs: 110, fat: 8)])],
            ["_id": .objectId(ObjectId()), "userId": .objectId(user), "date": .date(day(1, hours: 0)), "totalCalories": .int64(250),
             "foods": .array([])],
            ["_id": .objectId(ObjectId()), "userId": .objectId(ObjectId()), "date": .date(day(0, hours: 9)), "totalCalories": .int64(999),
             "foods": .array([food("cake", 999, protein: 1, carbs: 1, fat: 1)])],
        ], into: "meal_logs")
        let mine = Filter.and([.equal("userId", .objectId(user)), .range("date", from: .date(day(0)), upTo: .date(day(7)))])
        let daily = try await store.aggregate(in: "meal_logs", Aggregation(
            match: mine, groupBy: .day("date"),
            accumulators: [("calories", .sum("totalCalories")), ("meals", .count)], sort: [SortKey("_id")]))
        #expect(daily == [
            ["_id": .string("2026-01-05"), "calories": .int64(1000), "meals": .int32(2)],
            ["_id": .string("2026-01-06"), "calories": .int64(250), "meals": .int32(1)],
        ])
        let macros = try await store.aggregate(in: "meal_logs", Aggregation(
            match: mine, unwind: "foods", groupBy: .all,
            accumulators: [("protein", .sum("foods.protein")), ("carbs", .sum("foods.carbs")), ("fat", .sum("foods.fat")),
                           ("items", .count), ("largest", .max("foods.calories")), ("average", .average("foods.calories"))]))
        #expect(macros == [["_id": .null, "protein": .double(37), "carbs": .double(170), "fat": .double(17),
                            "items": .int32(3), "largest": .int32(600), "average": .double(1000.0 / 3)]])
    }

    @Test("grouping by a field puts equal numbers of different types in one group; min and max ignore missing values", arguments: StoreFixture.all)
    func numericGroups(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([
            ["_id": .int32(1), "rating": .int32(5), "price": .double(2.5)], ["_id": .int32(2), "rating": .double(5), "price": .int32(1)],
            ["_id": .int32(3), "rating": .int64(3)], ["_id": .int32(4)],
        ], into: "reviews")
        let groups = try await store.aggregate(in: "reviews", Aggregation(
            groupBy: .field("rating"), accumulators: [("n", .count), ("cheapest", .min("price")), ("dearest", .max("price"))],
            sort: [SortKey("_id")]))
        #expect(groups == [
            ["_id": .null, "n": .int32(1), "cheapest": .null, "dearest": .null],
            ["_id": .int64(3), "n": .int32(1), "cheapest": .null, "dearest": .null],
            ["_id": .int32(5), "n": .int32(2), "cheapest": .int32(1), "dearest": .double(2.5)],
        ])
    }

    @Test("seed 002: chats per day and the top-10 questions by count", arguments: StoreFixture.all)
    func businessChats(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        // Question k is asked 12 - k times: the top ten are q00 … q09, asked 12 … 3 times.
        var chats: [Document] = []
        for question in 0..<12 {
            for _ in 0..<(12 - question) {
                let index = chats.count
                chats.append(["_id": .int32(Int32(index)), "createdAt": .date(day(index % 3, hours: index % 24)),
                              "question": .string(String(format: "q%02d", question))])
            }
        }
        try await store.insert(chats, into: "chats")
        let perDay = try await store.aggregate(in: "chats", Aggregation(groupBy: .day("createdAt"), accumulators: [("chats", .count)], sort: [SortKey("_id")]))
        #expect(perDay == [
            ["_id": .string("2026-01-05"), "chats": .int32(26)],
            ["_id": .string("2026-01-06"), "chats": .int32(26)],
            ["_id": .string("2026-01-07"), "chats": .int32(26)],
        ])
        let top = try await store.aggregate(in: "chats", Aggregation(
            groupBy: .field("question"), accumulators: [("asked", .count)],
            sort: [SortKey("asked", .descending), SortKey("_id")], limit: 10))
        #expect(top == (0..<10).map { ["_id": .string(String(format: "q%02d", $0)), "asked": .int32(Int32(12 - $0))] })
    }
}
