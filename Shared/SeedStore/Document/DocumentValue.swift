import Foundation

/// A value in a stored document: the BSON types that the suite uses.
///
/// Both adapters store exactly these types: the MongoDB adapter as BSON, the embedded adapter as
/// tagged JSON. `Codable` types become documents through ``DocumentEncoder`` / ``DocumentDecoder``.
public enum DocumentValue: Sendable, Hashable {
    case double(Double)
    case string(String)
    case document(Document)
    case array([DocumentValue])
    case binary([UInt8])
    case objectId(ObjectId)
    case bool(Bool)
    /// A UTC date-time with millisecond precision, as BSON stores it.
    case date(Date)
    case null
    case int32(Int32)
    case int64(Int64)
    /// A Decimal128, kept as its canonical decimal string (`"12.50"`).
    case decimal(String)

    /// The value at a dotted path below this one (`"profile.address.city"`), or `nil` when absent.
    /// A numeric component indexes an array.
    public func value(at path: some StringProtocol) -> DocumentValue? {
        var current = self
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .document(let document):
                guard let next = document[String(component)] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(component), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The numeric value as a `Double`, for sums and averages; `nil` for non-numbers.
    public var number: Double? {
        switch self {
        case .double(let value): value
        case .int32(let value): Double(value)
        case .int64(let value): Double(value)
        case .decimal(let value): Double(value)
        default: nil
        }
    }

    /// The name MongoDB uses for the type (`"string"`, `"long"`, …), for error messages.
    public var typeName: String {
        switch self {
        case .double: "double"
        case .string: "string"
        case .document: "object"
        case .array: "array"
        case .binary: "binData"
        case .objectId: "objectId"
        case .bool: "bool"
        case .date: "date"
        case .null: "null"
        case .int32: "int"
        case .int64: "long"
        case .decimal: "decimal"
        }
    }
}

/// An ordered set of named values: what a collection stores, and every sub-document.
///
/// Order is kept (BSON is ordered); names are unique.
public struct Document: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: DocumentValue)]

    public init() { fields = [] }

    public init(dictionaryLiteral elements: (String, DocumentValue)...) {
        fields = []
        for (name, value) in elements { self[name] = value }
    }

    public init(_ fields: [(String, DocumentValue)]) {
        self.fields = []
        for (name, value) in fields { self[name] = value }
    }

    /// A document of fields whose names are already known to be distinct, such as a stored document
    /// read back (it was validated when written). Unlike ``init(_:)`` it does not look for repeated
    /// names, which costs a comparison per pair of fields.
    public init(distinctFields fields: [(name: String, value: DocumentValue)]) {
        self.fields = fields
    }

    /// The value of a top-level field; setting `nil` removes the field.
    public subscript(name: String) -> DocumentValue? {
        get { fields.first(where: { $0.name == name })?.value }
        set {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((name, newValue))
            }
        }
    }

    public var names: [String] { fields.map(\.name) }
    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> IndexingIterator<[(name: String, value: DocumentValue)]> {
        fields.makeIterator()
    }

    /// The value at a dotted path (`"profile.address.city"`), or `nil` when absent.
    public func value(at path: some StringProtocol) -> DocumentValue? {
        DocumentValue.document(self).value(at: path)
    }

    /// Two documents are equal when they have the same fields with equal values, in any order.
    public static func == (lhs: Document, rhs: Document) -> Bool {
        lhs.fields.count == rhs.fields.count && lhs.fields.allSatisfy { rhs[$0.name] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with `==`.
        var combined = 0
        for field in fields {
            var fieldHasher = Hasher()
            fieldHasher.combine(field.name)
            fieldHasher.combine(field.value)
            combined ^= fieldHasher.finalize()
        }
        hasher.combine(fields.count)
        hasher.combine(combined)
    }
}
