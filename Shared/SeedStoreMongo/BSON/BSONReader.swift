import CMongoc
import Foundation
import SeedStore

/// Parses BSON bytes into ``Document`` values, keeping every type ``DocumentValue`` has.
///
/// Types outside that set (timestamps, regular expressions, JavaScript, min/max keys, …) never come
/// from the suite's own writes: in a stored document one is reported as ``StoreError/validation(_:)``;
/// in a server reply (which carries `$clusterTime` timestamps) such fields are left out.
struct BSONReader {
    /// What to do with a BSON type that ``DocumentValue`` cannot hold.
    enum ForeignTypes {
        /// Fail with ``StoreError/validation(_:)``: for stored documents.
        case reject
        /// Leave the field out: for server replies, of which only known fields are read.
        case skip
    }

    private let bytes: UnsafeRawBufferPointer
    private let foreignTypes: ForeignTypes
    private var offset = 0

    /// The document in `bytes` (a whole BSON document, length prefix included).
    static func document(from bytes: UnsafeRawBufferPointer, foreignTypes: ForeignTypes = .reject) throws(StoreError) -> Document {
        var reader = BSONReader(bytes: bytes, foreignTypes: foreignTypes)
        return try reader.readDocument()
    }

    /// The document a libbson `bson_t` holds.
    static func document(from bson: OpaquePointer, foreignTypes: ForeignTypes = .reject) throws(StoreError) -> Document {
        let length = Int(seed_bson_length(bson))
        guard let data = bson_get_data(bson) else { return Document() }
        return try document(from: UnsafeRawBufferPointer(start: data, count: length), foreignTypes: foreignTypes)
    }

    private init(bytes: UnsafeRawBufferPointer, foreignTypes: ForeignTypes) {
        self.bytes = bytes
        self.foreignTypes = foreignTypes
    }

    private mutating func readDocument() throws(StoreError) -> Document {
        var fields: [(String, DocumentValue)] = []
        try readElements { name, value in fields.append((name, value)) }
        return Document(fields)
    }

    private mutating func readArray() throws(StoreError) -> [DocumentValue] {
        var elements: [DocumentValue] = []
        try readElements { _, value in elements.append(value) }
        return elements
    }

    private mutating func readElements(_ body: (String, DocumentValue) -> Void) throws(StoreError) {
        let start = offset
        let length = Int(try read(Int32.self))
        let end = start + length
        guard length >= 5, end <= bytes.count else { throw Self.corrupt("document length \(length) overruns the buffer") }
        while offset < end - 1 {
            let type = try read(UInt8.self)
            let name = try readCString()
            if let value = try readValue(type: type, name: name) { body(name, value) }
        }
        offset = end
    }

    /// The value of an element, or `nil` for a foreign type that is skipped.
    private mutating func readValue(type: UInt8, name: String) throws(StoreError) -> DocumentValue? {
        switch type {
        case 0x01: return .double(Double(bitPattern: try read(UInt64.self)))
        case 0x02: return .string(try readString())
        case 0x03: return .document(try readDocument())
        case 0x04: return .array(try readArray())
        case 0x05:
            let count = Int(try read(Int32.self))
            _ = try read(UInt8.self)  // subtype: every subtype reads as plain bytes
            return .binary(Array(try take(count)))
        case 0x07: return .objectId(ObjectId(bytes: Array(try take(12)))!)
        case 0x08: return .bool(try read(UInt8.self) != 0)
        case 0x09:
            let milliseconds = try read(Int64.self)
            return .date(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        case 0x0A: return .null
        case 0x10: return .int32(try read(Int32.self))
        case 0x12: return .int64(try read(Int64.self))
        case 0x13:
            var decimal = bson_decimal128_t()
            decimal.low = try read(UInt64.self)
            decimal.high = try read(UInt64.self)
            var text = [CChar](repeating: 0, count: Int(BSON_DECIMAL128_STRING))
            bson_decimal128_to_string(&decimal, &text)
            return .decimal(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        default:
            guard foreignTypes == .skip else {
                throw StoreError.validation("field '\(name)' has BSON type 0x\(String(type, radix: 16)), which the store does not use")
            }
            try skipForeignValue(type: type)
            return nil
        }
    }

    /// Moves past a value of a type ``DocumentValue`` does not have.
    private mutating func skipForeignValue(type: UInt8) throws(StoreError) {
        switch type {
        case 0x06, 0x7F, 0xFF: break                               // undefined, max key, min key
        case 0x11: _ = try take(8)                                  // timestamp
        case 0x0B: _ = try readCString(); _ = try readCString()     // regular expression
        case 0x0C: _ = try readString(); _ = try take(12)           // DBPointer
        case 0x0D, 0x0E: _ = try readString()                       // JavaScript code, symbol
        case 0x0F: _ = try take(Int(try read(Int32.self)) - 4)      // code with scope (length includes itself)
        default: throw Self.corrupt("unknown BSON type 0x\(String(type, radix: 16))")
        }
    }

    private mutating func read<I: FixedWidthInteger>(_ type: I.Type) throws(StoreError) -> I {
        let size = MemoryLayout<I>.size
        guard offset + size <= bytes.count else { throw Self.corrupt("value overruns the buffer") }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: I.self)
        offset += size
        return I(littleEndian: value)
    }

    private mutating func take(_ count: Int) throws(StoreError) -> UnsafeRawBufferPointer.SubSequence {
        guard count >= 0, offset + count <= bytes.count else { throw Self.corrupt("value overruns the buffer") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    private mutating func readCString() throws(StoreError) -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw Self.corrupt("unterminated name") }
        defer { offset = end + 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    private mutating func readString() throws(StoreError) -> String {
        let length = Int(try read(Int32.self))
        guard length >= 1 else { throw Self.corrupt("string length \(length)") }
        let text = try take(length)
        return String(decoding: text.dropLast(), as: UTF8.self)
    }

    private static func corrupt(_ detail: String) -> StoreError {
        .unavailable("the server sent malformed BSON: \(detail)")
    }
}
