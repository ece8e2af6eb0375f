import SeedStore

extension Filter {
    /// The MongoDB query document: `{path: {$op: value}}`, `$and`/`$or` lists, `$elemMatch`, `$text`.
    var mongoQuery: Document {
        switch self {
        case .all: return Document()
        case .equal(let path, let value): return Self.condition(path, "$eq", value)
        case .notEqual(let path, let value): return Self.condition(path, "$ne", value)
        case .greaterThan(let path, let value): return Self.condition(path, "$gt", value)
        case .greaterThanOrEqual(let path, let value): return Self.condition(path, "$gte", value)
        case .lessThan(let path, let value): return Self.condition(path, "$lt", value)
        case .lessThanOrEqual(let path, let value): return Self.condition(path, "$lte", value)
        case .isIn(let path, let values): return Self.condition(path, "$in", .array(values))
        case .notIn(let path, let values): return Self.condition(path, "$nin", .array(values))
        case .exists(let path, let present): return Self.condition(path, "$exists", .bool(present))
        case .elementMatch(let path, let inner): return Self.condition(path, "$elemMatch", .document(inner.mongoQuery))
        case .and(let filters):
            // MongoDB refuses an empty `$and`; the empty conjunction matches everything.
            return filters.isEmpty ? Document() : ["$and": .array(filters.map { .document($0.mongoQuery) })]
        case .or(let filters):
            // MongoDB refuses an empty `$or`; the empty disjunction matches nothing.
            return filters.isEmpty ? Self.condition("_id", "$in", .array([])) : ["$or": .array(filters.map { .document($0.mongoQuery) })]
        case .text(let words):
            return ["$text": .document(["$search": .string(Self.allWordsSearch(words))])]
        }
    }

    /// `$text` matches any word of a plain search string; quoting each word as a phrase makes every
    /// word required, which is what ``Filter/text(_:)`` promises.
    static func allWordsSearch(_ words: String) -> String {
        words.split(whereSeparator: { $0.isWhitespace })
            .map { "\"\($0.filter { $0 != "\"" })\"" }
            .joined(separator: " ")
    }

    private static func condition(_ path: String, _ operator: String, _ value: DocumentValue) -> Document {
        [path: .document([`operator`: value])]
    }
}
