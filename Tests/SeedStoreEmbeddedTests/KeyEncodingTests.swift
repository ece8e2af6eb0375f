import Foundation
import SeedStore
import Testing
@testable import SeedStoreEmbedded

@Suite("Embedded store: key and storage encodings")
struct KeyEncodingTests {
    static let values: [DocumentValue] = [
        .null, .double(-.infinity), .int64(-5_000_000_000), .int32(-3), .double(-0.5), .int32(0), .double(0.25),
        .decimal("1.5"), .int64(2), .double(1e300), .string(""), .string("a"), .string("a\0"), .string("ab"), .string("b"),
        .string("é"), .document([:]), .document(["a": .int32(1)]), .document(["a": .int32(1), "b": .null]),
        .document(["a": .string("x")]), .document(["b": .int32(0)]), .array([]), .array([.int32(1)]),
        .array([.int32(1), .int32(2)]), .array([.string("a")]), .binary([]), .binary([9]), .binary([1, 2]),
        .objectId(ObjectId("000000000000000000000001")!), .objectId(ObjectId("ff0000000000000000000000")!),
        .bool(false), .bool(true), .date(Date(timeIntervalSince1970: -1)), .date(Date(timeIntervalSince1970: 1_767_571_200)),
    ]

    @Test("memcmp order of encoded keys is MongoDB's comparison order, and inverted keys reverse it")
    func keyOrder() {
        for a in Self.values {
            for b in Self.values {
                let expected = ValueOrder.compare(a, b).signum()
                let ascending = KeyEncoding.key(a).lexicographicallyPrecedes(KeyEncoding.key(b)) ? -1 : (KeyEncoding.key(a) == KeyEncoding.key(b) ? 0 : 1)
                #expect(ascending == expected, "\(a) vs \(b)")
                var left: [UInt8] = [], right: [UInt8] = []
                KeyEncoding.append(a, descending: true, to: &left)
                KeyEncoding.append(b, descending: true, to: &right)
                let descending = left.lexicographicallyPrecedes(right) ? -1 : (left == right ? 0 : 1)
                #expect(descending == -expected, "\(a) vs \(b) descending")
            }
        }
    }

    @Test("the storage encoding round-trips every value type exactly")
    func storageRoundTrip() throws {
        let document = Document(Self.values.enumerated().map { ("f\($0.offset)", $0.element) })
        #expect(try StorageCodec.decode(StorageCodec.encode(document)) == document)
        #expect(throws: StoreError.self) { try StorageCodec.decode([UInt8]([5, 1])) }
    }
}
