import Foundation
import SeedStore
import Testing

@Suite("Conformance: filters, sort, projection")
struct FilterConformance {
    let people: [Document] = [
        ["_id": .int32(1), "name": .string("ada"), "age": .int32(36), "tags": .array([.string("math"), .string("poet")]),
         "address": .document(["city": .string("London"), "zip": .string("N1")]),
         "scores": .array([.document(["subject": .string("math"), "grade": .int32(9)]), .document(["subject": .string("art"), "grade": .int32(4)])])],
        ["_id": .int32(2), "name": .string("bob"), "age": .int64(41), "tags": .array([.string("art")]),
         "address": .document(["city": .string("Paris")]),
         "scores": .array([.document(["subject": .string("math"), "grade": .int32(3)]), .document(["subject": .string("art"), "grade": .int32(8)])])],
        ["_id": .int32(3), "name": .string("cy"), "age": .double(36.0), "nickname": .null],
        ["_id": .int32(4), "name": .string("dee"), "age": .string("unknown"), "tags": .array([])],
        ["_id": .int32(5), "name": .string("eve"), "age": .decimal("29.5")],
    ]

    func seeded(_ fixture: StoreFixture) async throws -> any DocumentStore {
        let store = try await fixture.open()
        try await store.insert(people, into: "people")
        return store
    }

    @Test("equality matches numbers across int32, int64, double and decimal", arguments: StoreFixture.all)
    func numericEquality(_ fixture: StoreFixture) async throws {
        let store = try await seeded(fixture)
        #expect(try await store.ids(in: "people", .equal("age", .int64(36))) == [.id(1), .id(3)])
        #expect(try await store.ids(in: "people", .equal("age", .double(41))) == [.id(2)])
        #expect(try await store.ids(in: "people", .equal("age", .decimal("29.50"))) == [.id(5)])
    }

    @Test("ranges compare only within the operand's type bracket", arguments: StoreFixture.all)
    func rangesStayInBracket(_ fixture: StoreFixture) async throws {
        let store = try await seeded(fixture)
        #expect(try await store.ids(in: "people", .greaterThan("age", .int32(30))) == [.id(1), .id(2), .id(3)])
        #expect(try await store.ids(in: "people", .lessThanOrEqual("age", .double(29.5))) == [.id(5)])
        #expect(try await store.ids(in: "people", .greaterThan("age", .string("a"))) == [.id(4)])
        #expect(try await store.ids(in: "people", .range("age", from: .int32(30), upTo: .int32(40))) == [.id(1), .id(3)])
    }

    @Test("in, not-in, not-equal and exists follow MongoDB, a missing field equals null", arguments: StoreFixture.all)
    func setMembershipAndNull(_ fixture: StoreFixture) async throws {
        let store = try await seeded(fixture)
        #expect(try await store.ids(in: "people", .isIn("name", [.string("bob"), .string("eve"), .string("zed")])) == [.id(2), .id(5)])
        #expect(try await store.ids(in: "people", .notIn("name", [.string("bob"), .string("eve")])) == [.id(1), .id(3), .id(4)])
        #expect(try await store.ids(in: "people", .equal("nickname", .null)) == [.id(1), .id(2), .id(3), .id(4), .id(5)])
        #expect(try await store.ids(in: "people", .exists("nickname", true)) == [.id(3)])
        #expect(try await store.ids(in: "people", .exists("tags", false)) == [.id(3), .id(5)])
        #expect(try await store.ids(in: "people", .notEqual("address.city", .string("London"))) == [.id(2), .id(3), .id(4), .id(5)])
    }

    @Test("in on _id finds exactly the listed documents, sorted, skipped and limited, and updates only them", arguments: StoreFixture.all)
    func inOnId(_ fixture: StoreFixture) async throws {
        let store = try await seeded(fixture)
        #expect(try await store.ids(in: "people", .isIn("_id", [.id(4), .id(1), .id(9), .id(4)])) == [.id(1), .id(4)])
        #expect(try await store.ids(in: "people", .isIn("_id", [.int64(2)])) == [.id(2)])
        #expect(try await store.ids(in: "people", .isIn("_id", [.id(1), .id(2), .id(5)]), sort: [SortKey("_id", .descending)]) == [.id(5), .id(2), .id(1)])
        let page = try await store.find(in: "people", where: .isIn("_id", [.id(1), .id(2), .id(5)]), options: FindOptions(sort: [SortKey("_id")], skip: 1, limit: 1))
        #expect(page.map { $0["_id"] } == [.id(2)])
        #expect(try await store.ids(in: "people", .isIn("_id", [.id(1), .id(2), .id(3)]), sort: [SortKey("name", .descending)]) == [.id(3), .id(2), .id(1)])
        let result = try await store.update(in: "people", where: .isIn("_id", [.id(3), .id(5)]), Update([.set("seen", .bool(true))]), many: true, upsert: false)
        #expect(result.modified == 2)
        #expect(try await store.ids(in: "people", .equal("seen", .bool(true))) == [.id(3), .id(5)])
    }

    @Test("dotted paths reach sub-documents and array elements; arrays match when any element does", arguments: StoreFixture.all)
    func pathsAndArrays(_ fixture: StoreFixture) async throws {
        let store = try await seeded(fixture)
        #expect(try await store.ids(in: "people", .equal("address.city", .string("Paris"))) == [.id(2)])
        #expect(try await store.ids(in: "people", .equal("tags", .string("poet"))) == [.id(1)])
        #expect(try await store.ids(in: "people", .equal("tags", .array([.string("art")]))) == [.id(2)])
        #expect(try await store.ids(in: "people", .equal("scores.subject", .string("art"))) == [.id(1), .id(2)])
        #expect(try await store.ids(in: "people", .equal("tags.1", .string("poet"))) == [.id(1)])
    }

    @Test("elementMatch needs one element to satisfy every condition", arguments: StoreFixture.all)
    func elementMatch(_ fixture: StoreFixture) async throws {
        let store = try await seeded(fixture)
        let highMath = Filter.elementMatch("scores", .and([.equal("subject", .string("math")), .greaterThan("grade", .int32(5))]))
        #expect(try await store.ids(in: "people", highMath) == [.id(1)])
        // Without elementMatch the conditions may hold on different elements.
        let loose = Filter.and([.equal("scores.subject", .string("math")), .greaterThan("scores.grade", .int32(5))])
        #expect(try await store.ids(in: "people", loose) == [.id(1), .id(2)])
    }

    @Test("and / or combine conditions", arguments: StoreFixture.all)
    func andOr(_ fixture: StoreFixture) async throws {
        let store = try await seeded(fixture)
        let filter = Filter.or([.equal("name", .string("eve")), .and([.equal("tags", .string("art")), .greaterThan("age", .int32(40))])])
        #expect(try await store.ids(in: "people", filter) == [.id(2), .id(5)])
        #expect(try await store.count(in: "people", where: filter) == 2)
        #expect(try await store.count(in: "people", where: .all) == 5)
    }

    @Test("sort follows BSON order across types; arrays sort by their smallest element ascending", arguments: StoreFixture.all)
    func sortAcrossTypes(_ fixture: StoreFixture) async throws {
        let store = try await fixture.open()
        try await store.insert([
            ["_id": .int32(1), "v": .string("b")], ["_id": .int32(2), "v": .int32(10)], ["_id": .int32(3), "v": .null],
            ["_id": .int32(4), "v": .double(2.5)], ["_id": .int32(5), "v": .bool(false)], ["_id": .int32(6)],
            ["_id": .int32(7), "v": .date(day(0))], ["_id": .int32(8), "v": .document(["a": .int32(1)])],
            ["_id": .int32(9), "v": .array([.int32(7), .int32(1)])],
        ], into: "mixed")
        let ascending = try await store.ids(in: "mixed", .all, sort: [SortKey("v"), SortKey("_id")])
        #expect(ascending == [.id(3), .id(6), .id(9), .id(4), .id(2), .id(1), .id(8), .id(5), .id(7)])
        let descending = try await store.ids(in: "mixed", .all, sort: [SortKey("v", .descending), SortKey("_id")])
        #expect(descending == [.id(7), .id(5), .id(8), .id(1), .id(2), .id(9), .id(4), .id(3), .id(6)])
    }

    @Test("projection keeps _id and the listed paths; skip and limit page the sorted result", arguments: StoreFixture.all)
    func projectionSkipLimit(_ fixture: StoreFixture) async throws {
        let store = try await seeded(fixture)
        let projected = try await store.find(
            in: "people", where: .equal("_id", .int32(1)), options: FindOptions(projection: ["name", "address.city"]))
        #expect(projected == [["_id": .int32(1), "name": .string("ada"), "address": .document(["city": .string("London")])]])
        let page = try await store.find(in: "people", where: .all, options: FindOptions(sort: [SortKey("name", .descending)], skip: 1, limit: 2))
        #expect(page.map { $0["name"] } == [.string("dee"), .string("cy")])
    }
}
