import Foundation
import SeedStore
@testable import SeedStoreMongo
import Testing

@Suite("BSON round trips")
struct BSONRoundTripTests {
    static let everyType: Document = [
        "_id": .objectId(ObjectId()),
        "double": .double(2.5),
        "string": .string("héllo wörld"),
        "nested": .document(["inner": .document(["deep": .string("yes")]), "n": .int32(1)]),
        "array": .array([.int32(1), .string("two"), .document(["three": .bool(true)]), .array([.null])]),
        "binary": .binary([0x00, 0x01, 0x7F, 0xFF]),
        "objectId": .objectId(ObjectId()),
        "true": .bool(true),
        "false": .bool(false),
        "date": .date(Date(timeIntervalSince1970: 1_700_000_000.123)),
        "null": .null,
        "int32": .int32(-2_000_000_000),
        "int64": .int64(5_000_000_000),
        "smallInt64": .int64(7),
        "decimal": .decimal("12.50"),
    ]

    @Test("the BSON writer and reader give back every type unchanged, without a server")
    func codecRoundTrip() throws {
        let bson = try BSONDocument(Self.everyType)
        #expect(try bson.document() == Self.everyType)
        // Order is kept as well.
        #expect(try bson.document().names == Self.everyType.names)
    }

    @Test("a malformed Decimal128 string is a validation error")
    func badDecimal() {
        #expect(throws: StoreError.self) { try BSONDocument(["d": .decimal("twelve")]) }
    }

    @Test("every BSON type round-trips through the server", arguments: MongoTestServer.allCases)
    func serverRoundTrip(server: MongoTestServer) async throws {
        try await server.withStore { store in
            var document = Self.everyType
            if !server.storesDecimal128 {
                // nx-27017 refuses Decimal128 ("Object of type Decimal128 is not JSON serializable").
                document["decimal"] = nil
                await #expect(throws: StoreError.self) {
                    try await store.insert([["_id": .int32(1), "decimal": .decimal("12.50")]], into: "types")
                }
            }
            try await store.insert([document], into: "types")
            let found = try await store.find(in: "types", where: .equal("_id", document["_id"]!), options: FindOptions())
            let stored = try #require(found.first)
            var expected = document
            if !server.keepsInt64 {
                // nx-27017 hands back a 64-bit integer that fits in 32 bits as int32.
                #expect(stored["smallInt64"] == .int32(7))
                expected["smallInt64"] = .int32(7)
            }
            #expect(stored == expected)
            for (name, value) in expected {
                #expect(stored[name]?.typeName == value.typeName, "type of \(name)")
            }
        }
    }
}
