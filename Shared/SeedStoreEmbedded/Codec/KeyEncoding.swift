import Foundation
import SeedStore

/// An order-preserving binary encoding of values, so that SQLite's `memcmp` order of BLOB keys is
/// MongoDB's BSON comparison order.
///
/// Each value starts with its type-bracket byte (null < numbers < strings < documents < arrays <
/// binary < ObjectId < booleans < dates), followed by a big-endian, sign-flipped payload. Every encoding
/// is self-delimiting (no encoding is a prefix of another), so compound keys are plain concatenations
/// and a descending component is the bitwise inverse of its ascending encoding. No component starts
/// with `0xFF`, so every key that starts with a prefix `P` sorts below `P + [0xFF]`.
enum KeyEncoding {
    /// The type bracket of MongoDB's comparison order; numbers of every width share one bracket.
    enum Bracket: UInt8, Comparable, CaseIterable {
        case null = 0x05
        case number = 0x10
        case string = 0x20
        case document = 0x30
        case array = 0x40
        case binary = 0x50
        case objectId = 0x60
        case bool = 0x70
        case date = 0x80

        static func < (lhs: Bracket, rhs: Bracket) -> Bool { lhs.rawValue < rhs.rawValue }

        init(_ value: DocumentValue) {
            switch value {
            case .null: self = .null
            case .double, .int32, .int64, .decimal: self = .number
            case .string: self = .string
            case .document: self = .document
            case .array: self = .array
            case .binary: self = .binary
            case .objectId: self = .objectId
            case .bool: self = .bool
            case .date: self = .date
            }
        }
    }

    /// The byte that ends a string, document or array; below every bracket byte.
    private static let terminator: UInt8 = 0x00

    /// Milliseconds since the epoch, as BSON stores a date.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The ascending key of one value.
    static func key(_ value: DocumentValue) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        append(value, to: &bytes)
        return bytes
    }

    /// Appends one component in the given direction.
    static func append(_ value: DocumentValue, descending: Bool, to bytes: inout [UInt8]) {
        guard descending else { return append(value, to: &bytes) }
        let start = bytes.count
        append(value, to: &bytes)
        for index in start..<bytes.count { bytes[index] = ~bytes[index] }
    }

    /// The smallest component of a bracket: every value of the bracket encodes at or above it.
    static func bracketStart(_ bracket: Bracket) -> [UInt8] { [bracket.rawValue] }

    /// The first byte string beyond every value of the bracket.
    static func bracketEnd(_ bracket: Bracket) -> [UInt8] { [bracket.rawValue + 1] }

    static func append(_ value: DocumentValue, to bytes: inout [UInt8]) {
        bytes.append(Bracket(value).rawValue)
        appendPayload(value, to: &bytes)
    }

    private static func appendPayload(_ value: DocumentValue, to bytes: inout [UInt8]) {
        switch value {
        case .null:
            break
        case .double(let number):
            appendNumber(number, to: &bytes)
        case .int32(let number):
            appendNumber(Double(number), to: &bytes)
        case .int64(let number):
            appendNumber(Double(number), to: &bytes)
        case .decimal(let text):
            appendNumber(Double(text) ?? .nan, to: &bytes)
        case .string(let text):
            appendEscaped(Array(text.utf8), to: &bytes)
        case .document(let document):
            // MongoDB compares sub-documents field by field: type bracket, then name, then value.
            for field in document.fields {
                bytes.append(Bracket(field.value).rawValue)
                appendEscaped(Array(field.name.utf8), to: &bytes)
                appendPayload(field.value, to: &bytes)
            }
            bytes.append(terminator)
        case .array(let elements):
            for element in elements { append(element, to: &bytes) }
            bytes.append(terminator)
        case .binary(let data):
            appendBigEndian(UInt32(truncatingIfNeeded: data.count), to: &bytes)
            bytes.append(contentsOf: data)
        case .objectId(let id):
            bytes.append(contentsOf: id.bytes)
        case .bool(let flag):
            bytes.append(flag ? 1 : 0)
        case .date(let date):
            appendBigEndian(UInt64(bitPattern: milliseconds(date)) ^ (1 << 63), to: &bytes)
        }
    }

    /// Doubles in total order: NaN first (as MongoDB sorts it), `-0` equal to `0`.
    private static func appendNumber(_ number: Double, to bytes: inout [UInt8]) {
        if number.isNaN { return appendBigEndian(UInt64(0), to: &bytes) }
        let normalized = number == 0 ? 0.0 : number
        let bits = normalized.bitPattern
        let ordered = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        appendBigEndian(ordered, to: &bytes)
    }

    /// Bytes with `0x00` escaped as `0x00 0xFF`, ended by `0x00 0x01`, so that shorter sorts first.
    private static func appendEscaped(_ raw: [UInt8], to bytes: inout [UInt8]) {
        for byte in raw {
            bytes.append(byte)
            if byte == 0 { bytes.append(0xFF) }
        }
        bytes.append(0)
        bytes.append(1)
    }

    private static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
