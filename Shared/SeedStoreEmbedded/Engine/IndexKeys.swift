import SeedStore

/// The keys one document puts into a B-tree index: one per combination of the values under its
/// paths (an array contributes each element: multikey), `null` for a missing path, none at all for a
/// sparse index when every path is missing.
struct IndexKeys {
    var keys: [[UInt8]]
    /// Whether an array sat under one of the paths.
    var sawArray: Bool

    init(_ document: Document, _ spec: IndexSpec) {
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
            var seen = Set<[UInt8]>()
            keys = combinations.filter { seen.insert($0).inserted }
        }
    }
}
