import SeedStore

/// Picks how to read a collection for a filter and sort: the B-tree index (or `_id`) whose leading
/// keys the filter pins with equalities, then bounds with a range, and whose following keys give the
/// sort order; the text index for a text search; otherwise a full scan.
struct QueryPlanner {
    let collection: CollectionInfo

    private static let primary = IndexSpec([.ascending("_id")], unique: true, name: "_id_")

    func plan(_ filter: Filter, sort: [SortKey]) throws(StoreError) -> ScanPlan {
        if let search = try textSearch(in: filter) {
            guard let index = collection.textIndex else {
                throw StoreError.validation("a text search on \(collection.name) needs a text index")
            }
            let query = TextTokens.words(search).map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " ")
            return ScanPlan(
                source: .text(table: collection.textTable, query: query.isEmpty ? "\"\"" : query),
                explain: QueryPlan(access: .textSearch(index: index.spec.name), providesSort: sort.isEmpty, equalityKeys: 0, usesRange: false))
        }
        var best: (score: Int, plan: ScanPlan)?
        let candidates = [(Self.primary, nil as IndexInfo?)] + collection.btreeIndexes.map { ($0.spec, $0) }
        for (spec, index) in candidates {
            guard let candidate = evaluate(spec, index: index, filter: filter, sort: sort),
                  candidate.score > (best?.score ?? 0) else { continue }
            best = candidate
        }
        return best?.plan ?? ScanPlan(
            source: .collection,
            explain: QueryPlan(access: .collectionScan, providesSort: sort.isEmpty, equalityKeys: 0, usesRange: false))
    }

    /// The text of a `Filter.text` at the top level (alone or in the top-level conjunction).
    private func textSearch(in filter: Filter) throws(StoreError) -> String? {
        switch filter {
        case .text(let search):
            return search
        case .and(let filters):
            for filter in filters { if let found = try textSearch(in: filter) { return found } }
            return nil
        case .or(let filters):
            for filter in filters where try textSearch(in: filter) != nil {
                throw StoreError.validation("a text search on \(collection.name) must be at the top level of the filter, not inside an or")
            }
            return nil
        case .elementMatch(_, let inner):
            if try textSearch(in: inner) != nil {
                throw StoreError.validation("a text search on \(collection.name) cannot be inside an elementMatch")
            }
            return nil
        default:
            return nil
        }
    }

    private func evaluate(_ spec: IndexSpec, index: IndexInfo?, filter: Filter, sort: [SortKey]) -> (score: Int, plan: ScanPlan)? {
        let multikey = index?.multikey ?? false
        var prefix: [UInt8] = []
        var equalities = 0
        var pinned = Set<String>()
        var range: (lower: [UInt8], upper: [UInt8])?
        for (position, key) in spec.keys.enumerated() {
            guard let interval = KeyInterval.of(filter, at: key.path, multikey: multikey) else {
                if spec.sparse && position == 0 { return nil }
                break
            }
            // A sparse index lacks documents without the field, which a null condition would match.
            if spec.sparse && position == 0 && interval.containsNull { return nil }
            let descending: Bool = if case .descending = key { true } else { false }
            if let value = interval.point {
                KeyEncoding.append(value, descending: descending, to: &prefix)
                equalities += 1
                pinned.insert(key.path)
                continue
            }
            range = interval.byteRange(after: prefix, descending: descending)
            break
        }
        let (sorted, reverse) = multikey ? (sort.isEmpty, false) : order(of: spec, after: equalities, pinned: pinned, sort: sort)
        let usefulSort = sorted && !sort.isEmpty
        guard equalities > 0 || range != nil || usefulSort else { return nil }
        var score = equalities * 10 + (range == nil ? 0 : 5) + (usefulSort ? 3 : 0)
        if spec.unique && equalities == spec.keys.count { score += 20 }
        let bounds = range ?? (prefix, prefix + [0xFF])
        let source: ScanPlan.Source = if let index {
            .index(table: index.table, lower: bounds.lower, upper: bounds.upper, reverse: reverse)
        } else {
            .primary(lower: bounds.lower, upper: bounds.upper, reverse: reverse)
        }
        let explain = QueryPlan(access: .indexScan(index: spec.name), providesSort: sorted, equalityKeys: equalities, usesRange: range != nil)
        return (score, ScanPlan(source: source, explain: explain))
    }

    /// Whether walking the index after its pinned keys yields `sort`, and whether backwards.
    private func order(of spec: IndexSpec, after equalities: Int, pinned: Set<String>, sort: [SortKey]) -> (Bool, Bool) {
        let wanted = sort.filter { !pinned.contains($0.path) }
        guard !wanted.isEmpty else { return (true, false) }
        let rest = spec.keys.dropFirst(equalities)
        guard wanted.count <= rest.count else { return (false, false) }
        var reverse: Bool?
        for (sortKey, indexKey) in zip(wanted, rest) {
            let indexOrder: SortOrder
            switch indexKey {
            case .ascending(let path) where path == sortKey.path: indexOrder = .ascending
            case .descending(let path) where path == sortKey.path: indexOrder = .descending
            default: return (false, false)
            }
            let flipped = indexOrder != sortKey.order
            if let reverse, reverse != flipped { return (false, false) }
            reverse = flipped
        }
        return (true, reverse ?? false)
    }
}
