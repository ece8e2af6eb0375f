/// Which documents a query, update or delete applies to, with MongoDB's semantics:
/// a condition on a field holding an array matches when any element matches; a missing field
/// equals `null`; comparisons only match values of the same type family (numbers with numbers).
public indirect enum Filter: Sendable, Hashable {
    /// Every document.
    case all
    case equal(String, DocumentValue)
    case notEqual(String, DocumentValue)
    case greaterThan(String, DocumentValue)
    case greaterThanOrEqual(String, DocumentValue)
    case lessThan(String, DocumentValue)
    case lessThanOrEqual(String, DocumentValue)
    case isIn(String, [DocumentValue])
    case notIn(String, [DocumentValue])
    /// The field is present (`true`) or absent (`false`).
    case exists(String, Bool)
    /// Some element of the array at the path, a sub-document, matches every condition of the inner filter
    /// (whose paths are relative to the element).
    case elementMatch(String, Filter)
    case and([Filter])
    case or([Filter])
    /// Full-text search over the collection's text index: every word must match (case-insensitive).
    case text(String)

    /// Every field path the filter names (for validation against the declared paths).
    public var paths: [String] {
        switch self {
        case .all, .text: []
        case .equal(let path, _), .notEqual(let path, _), .greaterThan(let path, _),
             .greaterThanOrEqual(let path, _), .lessThan(let path, _), .lessThanOrEqual(let path, _),
             .isIn(let path, _), .notIn(let path, _), .exists(let path, _):
            [path]
        case .elementMatch(let path, let inner): [path] + inner.paths.map { "\(path).\($0)" }
        case .and(let filters), .or(let filters): filters.flatMap(\.paths)
        }
    }
}

extension Filter {
    /// `path == value`, encoding the value with ``DocumentEncoder``.
    public static func field<V: Encodable>(_ path: String, equals value: V) throws(StoreError) -> Filter {
        .equal(path, try DocumentEncoder().encodeValue(value))
    }

    /// `path ∈ values`, encoding the values with ``DocumentEncoder``.
    public static func field<V: Encodable>(_ path: String, in values: [V]) throws(StoreError) -> Filter {
        var encoded: [DocumentValue] = []
        for value in values { encoded.append(try DocumentEncoder().encodeValue(value)) }
        return .isIn(path, encoded)
    }

    /// `lower <= path < upper`: the half-open range that day and period queries use.
    public static func range(_ path: String, from lower: DocumentValue, upTo upper: DocumentValue) -> Filter {
        .and([.greaterThanOrEqual(path, lower), .lessThan(path, upper)])
    }
}
