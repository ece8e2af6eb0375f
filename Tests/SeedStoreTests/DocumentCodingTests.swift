import Foundation
import Testing
@testable import SeedStore

struct MealLog: StoredDocument, Equatable {
    static let collection = CollectionSpec(
        "meal_logs",
        indexes: [IndexSpec([.ascending("userId"), .descending("date")])],
        fields: ["foods", "totalCalories"])

    struct Food: Codable, Equatable, Sendable {
        var name: String
        var protein: Double
    }

    var id: ObjectId
    var userId: ObjectId
    var date: Date
    var totalCalories: Int64
    var servings: Int32
    var price: Decimal
    var photo: Data?
    var notes: String?
    var foods: [Food]
    var tags: Set<String>

    enum CodingKeys: String, CodingKey {
        case id = "_id", userId, date, totalCalories, servings, price, photo, notes, foods, tags
    }
}

@Suite("Codable documents")
struct DocumentCodingTests {
    let sample = MealLog(
        id: ObjectId(), userId: ObjectId(), date: Date(timeIntervalSince1970: 1_767_260_200.123),
        totalCalories: 5_000_000_000, servings: 2, price: Decimal(string: "12.50")!,
        photo: Data([0, 1, 2, 255]), notes: nil,
        foods: [.init(name: "oats", protein: 13.5)], tags: ["breakfast"])

    @Test("encoding keeps BSON types: ObjectId, date, 64- and 32-bit integers, decimal, binary")
    func encodingKeepsBSONTypes() throws {
        let document = try DocumentEncoder().encode(sample)
        #expect(document["_id"] == .objectId(sample.id))
        #expect(document["date"] == .date(Date(timeIntervalSince1970: 1_767_260_200.123)))
        #expect(document["totalCalories"] == .int64(5_000_000_000))
        #expect(document["servings"] == .int32(2))
        #expect(document["price"] == .decimal("12.5"))
        #expect(document["photo"] == .binary([0, 1, 2, 255]))
        #expect(document["notes"] == nil, "a nil optional is left out, so sparse indexes skip it")
        #expect(document.value(at: "foods.0.protein") == .double(13.5))
    }

    @Test("a document decodes back to the same value")
    func documentRoundTrips() throws {
        let document = try DocumentEncoder().encode(sample)
        #expect(try DocumentDecoder().decode(MealLog.self, from: document) == sample)
    }

    @Test("bytes are stored as binary, and bytes stored earlier as an array of integers still decode")
    func bytesAreBinary() throws {
        struct Blob: Codable, Equatable {
            var id: Int
            var body: [UInt8]
            enum CodingKeys: String, CodingKey { case id = "_id", body }
        }
        let blob = Blob(id: 1, body: [0, 7, 255])
        let document = try DocumentEncoder().encode(blob)
        #expect(document["body"] == .binary([0, 7, 255]))
        #expect(try DocumentDecoder().decode(Blob.self, from: document) == blob)
        let earlier: Document = ["_id": .int64(1), "body": .array([.int32(0), .int32(7), .int32(255)])]
        #expect(try DocumentDecoder().decode(Blob.self, from: earlier) == blob)
    }

    @Test("an optional field decodes as nil when missing or null, as its value when present, and a wrong type is still an error")
    func optionalFields() throws {
        var document = try DocumentEncoder().encode(sample)
        #expect(try DocumentDecoder().decode(MealLog.self, from: document).notes == nil)
        document["notes"] = .null
        document["photo"] = .null
        let nulls = try DocumentDecoder().decode(MealLog.self, from: document)
        #expect(nulls.notes == nil && nulls.photo == nil)
        document["notes"] = .string("after a run")
        #expect(try DocumentDecoder().decode(MealLog.self, from: document).notes == "after a run")
        document["notes"] = .int32(7)
        #expect {
            try DocumentDecoder().decode(MealLog.self, from: document)
        } throws: { error in
            guard case StoreError.validation(let message) = error else { return false }
            return message.contains("notes")
        }
    }

    @Test("a 64-bit field decodes from a 32-bit stored integer, but not from one that does not fit")
    func integersDecodeAcrossWidths() throws {
        var document = try DocumentEncoder().encode(sample)
        document["totalCalories"] = .int32(1200)
        #expect(try DocumentDecoder().decode(MealLog.self, from: document).totalCalories == 1200)
        document["servings"] = .int64(Int64(Int32.max) + 1)
        #expect(throws: StoreError.self) { try DocumentDecoder().decode(MealLog.self, from: document) }
    }

    @Test("a stored value of the wrong type gives a validation error naming the field")
    func wrongTypeNamesTheField() throws {
        var document = try DocumentEncoder().encode(sample)
        document["date"] = .string("yesterday")
        #expect {
            try DocumentDecoder().decode(MealLog.self, from: document)
        } throws: { error in
            guard case StoreError.validation(let message) = error else { return false }
            return message.contains("date")
        }
    }

    @Test("an error deep inside arrays and nested documents names the whole path to the field")
    func nestedErrorsNameTheirPath() throws {
        var document = try DocumentEncoder().encode(sample)
        guard case .array(var foods) = document["foods"], foods.count > 0, case .document(var food) = foods[0] else {
            Issue.record("the sample has no foods")
            return
        }
        food["protein"] = .string("plenty")
        foods[0] = .document(food)
        document["foods"] = .array(foods)
        #expect {
            try DocumentDecoder().decode(MealLog.self, from: document)
        } throws: { error in
            guard case StoreError.validation(let message) = error else { return false }
            return message.contains("foods.0.protein")
        }
    }

    @Test("Extended JSON keeps every type", arguments: [
        DocumentValue.int32(-7), .int64(1 << 40), .double(1.5), .decimal("0.10"), .string("x"), .bool(true), .null,
        .objectId(ObjectId("507f1f77bcf86cd799439011")!), .date(Date(timeIntervalSince1970: 1_700_000_000.5)),
        .binary([1, 2, 3]), .array([.int32(1), .string("a")]), .document(["a": .int64(1), "b": .array([])]),
    ])
    func extendedJSONRoundTrips(value: DocumentValue) throws {
        let json = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(DocumentValue.self, from: json) == value)
    }
}

@Suite("Storage rules")
struct StorageRuleTests {
    @Test("the BSON size of a document matches the BSON specification")
    func bsonSizeMatchesTheSpecification() {
        // {"hello": "world"} is 22 bytes in the BSON specification's own example.
        #expect((["hello": .string("world")] as Document).bsonSize == 22)
        // {"BSON": ["awesome", 5.05, 1986]} is 49 bytes there (1986 as int32).
        let array: Document = ["BSON": .array([.string("awesome"), .double(5.05), .int32(1986)])]
        #expect(array.bsonSize == 49)
    }

    @Test("a document over 16 MiB is refused before it reaches a database")
    func oversizedDocumentIsRefused() {
        let big: Document = ["_id": .int32(1), "blob": .binary([UInt8](repeating: 7, count: StoreError.maximumDocumentBytes))]
        #expect(throws: StoreError.documentTooLarge(collection: "files", bytes: big.bsonSize)) {
            try big.validateForStorage(collection: "files")
        }
    }

    @Test("field names MongoDB refuses are refused", arguments: ["$set", "a.b", ""])
    func badFieldNamesAreRefused(name: String) {
        let document: Document = ["_id": .int32(1), "nested": .document([name: .int32(1)])]
        #expect(throws: StoreError.self) { try document.validateForStorage(collection: "c") }
    }

    @Test("declared paths cover their sub-paths and array positions; others are refused")
    func declaredPathsAreEnforced() throws {
        let spec = MealLog.collection
        #expect(spec.declares("userId"))
        #expect(spec.declares("_id"))
        #expect(spec.declares("foods.protein"))
        #expect(spec.declares("foods.0.protein"))
        #expect(!spec.declares("food"))
        #expect(throws: StoreError.undeclaredPath(collection: "meal_logs", path: "calories")) {
            try spec.validate(paths: ["userId", "calories"])
        }
    }

    @Test("index names follow MongoDB's convention")
    func indexNamesFollowMongoDB() {
        #expect(IndexSpec([.ascending("conversationId"), .descending("createdAt"), .descending("_id")]).name
                == "conversationId_1_createdAt_-1__id_-1")
        #expect(IndexSpec.text("content").name == "content_text")
        #expect(IndexSpec.expiring("expiresAt").expireAfterSeconds == 0)
    }
}

@Suite("Keyset pagination")
struct PaginationTests {
    @Test("the next page starts strictly after the last item in (key…, _id) order")
    func nextPageFilterIsStrictlyAfter() {
        let filter = DocumentCollection<MealLog>.after(
            [.date(Date(timeIntervalSince1970: 10)), .int32(5)],
            keys: [SortKey("date", .descending), SortKey("_id", .descending)])
        #expect(filter == .or([
            .lessThan("date", .date(Date(timeIntervalSince1970: 10))),
            .and([.equal("date", .date(Date(timeIntervalSince1970: 10))), .lessThan("_id", .int32(5))]),
        ]))
    }

    @Test("a cursor survives its string form, and a forged one is refused")
    func cursorRoundTripsAndRejectsForgeries() throws {
        let cursor = PageCursor(values: [.date(Date(timeIntervalSince1970: 10)), .objectId(ObjectId())])
        #expect(try PageCursor(cursor.description) == cursor)
        #expect(throws: StoreError.self) { try PageCursor("not-a-cursor") }
    }
}
