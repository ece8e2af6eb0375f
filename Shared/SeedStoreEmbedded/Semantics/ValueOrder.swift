import Foundation
import SeedStore

/// MongoDB's comparison of BSON values: first by type bracket, then within the bracket; numbers of
/// every width compare by value, so `int32(1) == double(1.0)`.
enum ValueOrder {
    /// Negative, zero or positive as `lhs` sorts before, with, or after `rhs`.
    static func compare(_ lhs: DocumentValue, _ rhs: DocumentValue) -> Int {
        let left = KeyEncoding.Bracket(lhs)
        let right = KeyEncoding.Bracket(rhs)
        if left != right { return left < right ? -1 : 1 }
        switch (lhs, rhs) {
        case (.null, .null):
            return 0
        case (.string(let a), .string(let b)):
            return compareBytes(a.utf8, b.utf8)
        case (.document(let a), .document(let b)):
            for (fieldA, fieldB) in zip(a.fields, b.fields) {
                let bracketA = KeyEncoding.Bracket(fieldA.value)
                let bracketB = KeyEncoding.Bracket(fieldB.value)
                if bracketA != bracketB { return bracketA < bracketB ? -1 : 1 }
                let names = compareBytes(fieldA.name.utf8, fieldB.name.utf8)
                if names != 0 { return names }
                let values = compare(fieldA.value, fieldB.value)
                if values != 0 { return values }
            }
            return sign(a.fields.count - b.fields.count)
        case (.array(let a), .array(let b)):
            for (elementA, elementB) in zip(a, b) {
                let result = compare(elementA, elementB)
                if result != 0 { return result }
            }
            return sign(a.count - b.count)
        case (.binary(let a), .binary(let b)):
            if a.count != b.count { return a.count < b.count ? -1 : 1 }
            return compareBytes(a, b)
        case (.objectId(let a), .objectId(let b)):
            return compareBytes(a.bytes, b.bytes)
        case (.bool(let a), .bool(let b)):
            return a == b ? 0 : (a ? 1 : -1)
        case (.date(let a), .date(let b)):
            return sign(KeyEncoding.milliseconds(a), KeyEncoding.milliseconds(b))
        default:
            return compareNumbers(lhs, rhs)
        }
    }

    /// Equality as a filter sees it (`1 == 1.0`; documents field by field, in order).
    static func equal(_ lhs: DocumentValue, _ rhs: DocumentValue) -> Bool {
        compare(lhs, rhs) == 0
    }

    private static func compareNumbers(_ lhs: DocumentValue, _ rhs: DocumentValue) -> Int {
        switch (lhs, rhs) {
        case (.int32(let a), .int32(let b)): return sign(Int64(a), Int64(b))
        case (.int32(let a), .int64(let b)): return sign(Int64(a), b)
        case (.int64(let a), .int32(let b)): return sign(a, Int64(b))
        case (.int64(let a), .int64(let b)): return sign(a, b)
        case (.decimal, .decimal), (.decimal, .int32), (.decimal, .int64), (.int32, .decimal), (.int64, .decimal):
            // Exact decimal arithmetic; a double on either side compares as doubles (Decimal has no infinities).
            let a = decimal(lhs), b = decimal(rhs)
            return a == b ? 0 : (a < b ? -1 : 1)
        default:
            let a = lhs.number ?? .nan, b = rhs.number ?? .nan
            // MongoDB sorts NaN below every other number and equal to itself.
            if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : (a.isNaN ? -1 : 1) }
            return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    private static func decimal(_ value: DocumentValue) -> Decimal {
        switch value {
        case .decimal(let text): Decimal(string: text) ?? .nan
        case .int32(let number): Decimal(Int(number))
        case .int64(let number): Decimal(number)
        default: .nan
        }
    }

    private static func compareBytes(_ a: some Sequence<UInt8>, _ b: some Sequence<UInt8>) -> Int {
        var left = a.makeIterator(), right = b.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    private static func sign(_ difference: Int) -> Int { difference == 0 ? 0 : (difference < 0 ? -1 : 1) }
    private static func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a == b ? 0 : (a < b ? -1 : 1) }
}
