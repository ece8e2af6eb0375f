import SeedStore

/// MongoDB's sort of documents: by each key in turn, an array field sorting by its smallest element
/// ascending and its largest descending, a missing field as `null`, an empty array before `null`.
struct DocumentSort: Sendable {
    var keys: [SortKey]

    /// The items in the order of their documents; equal documents keep their relative order.
    func sorted<Item>(_ items: [Item], by document: (Item) -> Document) -> [Item] {
        guard !keys.isEmpty else { return items }
        let keyed = items.map { item in (item, keys.map { sortValue(document(item), $0) }) }
        let ordered = keyed.enumerated().sorted { left, right in
            for (index, key) in keys.enumerated() {
                let result = Self.compareKeys(left.element.1[index], right.element.1[index])
                if result != 0 { return key.order == .ascending ? result < 0 : result > 0 }
            }
            return left.offset < right.offset
        }
        return ordered.map(\.element.0)
    }

    /// `nil` stands for an empty array, which sorts below everything.
    private func sortValue(_ document: Document, _ key: SortKey) -> DocumentValue? {
        let values = PathValues(key.path, in: document)
        var best: DocumentValue?
        var sawEmptyArray = false
        func consider(_ value: DocumentValue) {
            guard let current = best else { best = value; return }
            let result = ValueOrder.compare(value, current)
            if key.order == .ascending ? result < 0 : result > 0 { best = value }
        }
        for value in values.reached {
            if case .array(let elements) = value {
                if elements.isEmpty { sawEmptyArray = true }
                elements.forEach(consider)
            } else {
                consider(value)
            }
        }
        if values.missing || values.reached.isEmpty { consider(.null) }
        if sawEmptyArray && (best == nil || key.order == .ascending) { return nil }
        return best
    }

    private static func compareKeys(_ lhs: DocumentValue?, _ rhs: DocumentValue?) -> Int {
        switch (lhs, rhs) {
        case (nil, nil): 0
        case (nil, _): -1
        case (_, nil): 1
        case (let a?, let b?): ValueOrder.compare(a, b)
        }
    }
}
