import SeedStore

extension Filter {
    /// The MongoDB query document: `{path: {$op: value}}`, `$and`/`$or` lists, `$elemMatch`, `$text`.
    var mongoQuery: Document {
        switch self {
        case .all: return Document()
        case .equal(let path, let value):
            // `{path: value}` is what MongoDB documents for equality and what every compatible server
            // understands; `$eq` only where a sub-document value would read as operators.
            if case .document(let document) = value, document.names.first?.hasPrefix("$") == true {
                return Self.condition(path, "$eq", value)
            }
            return [path: value]
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
            guard !filters.isEmpty else { return Document() }
            let parts = filters.map(\.mongoQuery)
            return Self.merged(parts) ?? ["$and": .array(parts.map { .document($0) })]
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

    /// The conjunction as one query document (`{a: {$gt: 1, $lt: 5}, b: 2}`), the form MongoDB itself
    /// writes and that servers accept inside `$elemMatch`; `nil` when two parts would collide (the same
    /// operator on one path, an equality and an operator on one path, or two `$or`s), and `$and` is kept.
    static func merged(_ parts: [Document]) -> Document? {
        var result = Document()
        for part in parts {
            for (key, value) in part {
                guard let existing = result[key] else {
                    result[key] = value
                    continue
                }
                guard case .document(let old) = existing, case .document(let new) = value,
                      old.names.allSatisfy({ $0.hasPrefix("$") }), new.names.allSatisfy({ $0.hasPrefix("$") }),
                      Set(old.names).isDisjoint(with: new.names), !old.isEmpty, !new.isEmpty
                else { return nil }
                result[key] = .document(Document(old.fields.map { ($0.name, $0.value) } + new.fields.map { ($0.name, $0.value) }))
            }
        }
        return result
    }

    private static func condition(_ path: String, _ operator: String, _ value: DocumentValue) -> Document {
        [path: .document([`operator`: value])]
    }
}
