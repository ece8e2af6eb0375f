import SeedStore

/// The document an upsert starts from: the equalities of the filter's top-level conjunction, set
/// at their (possibly dotted) paths, as MongoDB does before applying the update.
enum UpsertSeed {
    static func document(from filter: Filter) -> Update {
        Update(equalities(filter).map { .set($0.path, $0.value) })
    }

    private static func equalities(_ filter: Filter) -> [(path: String, value: DocumentValue)] {
        switch filter {
        case .equal(let path, let value): [(path, value)]
        case .isIn(let path, let values) where values.count == 1: [(path, values[0])]
        case .and(let filters): filters.flatMap(equalities)
        default: []
        }
    }
}
