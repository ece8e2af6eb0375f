import CMongoc
import Foundation
import SeedStore

/// Serialises ``Document`` values to BSON bytes, keeping every ``DocumentValue`` type
/// (int32 stays int32, int64 stays int64, decimals become Decimal128).
struct BSONWriter {
    private(set) var bytes: [UInt8] = []

    /// The BSON bytes of `document`.
    static func bytes(of document: Document) throws(StoreError) -> [UInt8] {
        var writer = BSONWriter()
        try writer.write(document)
        return writer.bytes
    }

    private mutating func write(_ document: Document) throws(StoreError) {
        let start = beginLength()
        for (name, value) in document { try write(name: name, value: value) }
        endLength(from: start)
    }

    private mutating func write(_ elements: [DocumentValue]) throws(StoreError) {
        let start = beginLength()
        for (index, element) in elements.enumerated() { try write(name: String(index), value: element) }
        endLength(from: start)
    }

    private mutating func write(name: String, value: DocumentValue) throws(StoreError) {
        bytes.append(Self.typeCode(of: value))
        try writeCString(name)
        switch value {
        case .double(let number): append(number.bitPattern)
        case .string(let text): writeString(text)
        case .document(let document): try write(document)
        case .array(let elements): try write(elements)
        case .binary(let data):
            append(UInt32(data.count))
            bytes.append(0x00)  // generic binary subtype
            bytes.append(contentsOf: data)
        case .objectId(let id): bytes.append(contentsOf: id.bytes)
        case .bool(let flag): bytes.append(flag ? 1 : 0)
        case .date(let date): append(UInt64(bitPattern: Int64((date.timeIntervalSince1970 * 1000).rounded())))
        case .null: break
        case .int32(let number): append(UInt32(bitPattern: number))
        case .int64(let number): append(UInt64(bitPattern: number))
        case .decimal(let text):
            var decimal = bson_decimal128_t()
            guard bson_decimal128_from_string(text, &decimal) else {
                throw StoreError.validation("'\(text)' is not a Decimal128 value")
            }
            append(decimal.low)
            append(decimal.high)
        }
    }

    private static func typeCode(of value: DocumentValue) -> UInt8 {
        switch value {
        case .double: 0x01
        case .string: 0x02
        case .document: 0x03
        case .array: 0x04
        case .binary: 0x05
        case .objectId: 0x07
        case .bool: 0x08
        case .date: 0x09
        case .null: 0x0A
        case .int32: 0x10
        case .int64: 0x12
        case .decimal: 0x13
        }
    }

    private mutating func beginLength() -> Int {
        let start = bytes.count
        append(UInt32(0))
        return start
    }

    /// Writes the terminating NUL and patches the int32 length at `start`.
    private mutating func endLength(from start: Int) {
        bytes.append(0)
        let length = UInt32(bytes.count - start)
        withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(start..<start + 4, with: $0) }
    }

    private mutating func writeCString(_ text: String) throws(StoreError) {
        guard !text.utf8.contains(0) else { throw StoreError.validation("field name '\(text)' contains NUL") }
        bytes.append(contentsOf: text.utf8)
        bytes.append(0)
    }

    private mutating func writeString(_ text: String) {
        append(UInt32(text.utf8.count + 1))
        bytes.append(contentsOf: text.utf8)
        bytes.append(0)
    }

    private mutating func append<I: FixedWidthInteger>(_ value: I) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
