import SeedStore

/// The keys one document puts into a B-tree index: one per combination of the values under its
/// paths (an array contributes each element: multikey), `null` for a missing path, none at all for a
/// sparse index when every path is missing.
struct IndexKeys {
    /// The distinct keys, in ascending byte order.
    var keys: [[UInt8]]
    /// Whether an array sat under one of the paths.
    var sawArray: Bool

    init(_ document: Document, _ spec: IndexSpec) {
        if let key = Self.single(document, spec) {
            keys = key.isEmpty ? [] : [key]
            sawArray = false
            return
        }
        var combinations: [[UInt8]] = [[]]
        var sawArray = false
        var allMissing = true
        for key in spec.keys {
            let values = PathValues(key.path, in: document)
            if !values.reached.isEmpty { allMissing = false }
            var components: [DocumentValue] = []
            for value in values.reached {
                if case .array(let elements) = value {
                    sawArray = true
                    components.append(contentsOf: elements.isEmpty ? [value] : elements)
                } else {
                    components.append(value)
                }
            }
            if values.missing || values.reached.isEmpty { components.append(.null) }
            let descending: Bool = if case .descending = key { true } else { false }
            let encoded = components.map { value in
                var bytes: [UInt8] = []
                KeyEncoding.append(value, descending: descending, to: &bytes)
                return bytes
            }
            combinations = combinations.flatMap { prefix in encoded.map { prefix + $0 } }
        }
        self.sawArray = sawArray
        if spec.sparse && allMissing {
            keys = []
        } else {
            // Sorting, not a `Set`: hashing a byte array feeds the hasher one byte at a time, which made
            // updates of documents with long indexed arrays (a session's 50 previous token digests)
            // spend most of their time hashing.
            var distinct: [[UInt8]] = []
            distinct.reserveCapacity(combinations.count)
            for key in combinations.sorted(by: { $0.lexicographicallyPrecedes($1) }) where key != distinct.last {
                distinct.append(key)
            }
            keys = distinct
        }
    }

    /// The keys only in `old` and the keys only in `new`, both sorted and distinct (``keys``).
    static func changes(from old: [[UInt8]], to new: [[UInt8]]) -> (removed: [[UInt8]], added: [[UInt8]]) {
        var removed: [[UInt8]] = [], added: [[UInt8]] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && old[i].lexicographicallyPrecedes(new[j])) {
                removed.append(old[i])
                i += 1
            } else if i == old.count || new[j].lexicographicallyPrecedes(old[i]) {
                added.append(new[j])
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        return (removed, added)
    }

    /// The common case without arrays: each path reaches one scalar value or nothing, so the document
    /// has exactly one key (`[]` for a sparse index missing every path); `nil` otherwise.
    private static func single(_ document: Document, _ spec: IndexSpec) -> [UInt8]? {
        var key: [UInt8] = []
        key.reserveCapacity(32)
        var allMissing = true
        for indexKey in spec.keys {
            let values = PathValues(indexKey.path, in: document)
            let value: DocumentValue
            switch values.reached.count {
            case 0:
                value = .null
            case 1 where !values.missing:
                if case .array = values.reached[0] { return nil }
                value = values.reached[0]
                allMissing = false
            default:
                return nil
            }
            let descending: Bool = if case .descending = indexKey { true } else { false }
            KeyEncoding.append(value, descending: descending, to: &key)
        }
        return spec.sparse && allMissing ? [] : key
    }
}
