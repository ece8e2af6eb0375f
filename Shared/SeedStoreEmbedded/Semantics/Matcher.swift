import SeedStore

/// Evaluates a ``Filter`` against a document with MongoDB's semantics. This is the source of truth:
/// index scans only narrow the candidates, and every candidate passes through here.
struct Matcher: Sendable {
    /// The paths of the collection's text index, for `Filter.text`.
    var textFields: [String]

    func matches(_ document: Document, _ filter: Filter) -> Bool {
        switch filter {
        case .all:
            return true
        case .equal(let path, let value):
            return equals(document, path, value)
        case .notEqual(let path, let value):
            return !equals(document, path, value)
        case .greaterThan(let path, let value):
            return compares(document, path, value) { $0 > 0 }
        case .greaterThanOrEqual(let path, let value):
            return compares(document, path, value) { $0 >= 0 }
        case .lessThan(let path, let value):
            return compares(document, path, value) { $0 < 0 }
        case .lessThanOrEqual(let path, let value):
            return compares(document, path, value) { $0 <= 0 }
        case .isIn(let path, let values):
            return values.contains { equals(document, path, $0) }
        case .notIn(let path, let values):
            return !values.contains { equals(document, path, $0) }
        case .exists(let path, let present):
            return !PathValues(path, in: document).reached.isEmpty == present
        case .elementMatch(let path, let inner):
            return PathValues(path, in: document).reached.contains { value in
                guard case .array(let elements) = value else { return false }
                return elements.contains { element in
                    guard case .document(let sub) = element else { return false }
                    return matches(sub, inner)
                }
            }
        case .and(let filters):
            return filters.allSatisfy { matches(document, $0) }
        case .or(let filters):
            return filters.contains { matches(document, $0) }
        case .text(let search):
            let words = Set(TextTokens.words(TextTokens.text(of: document, fields: textFields)))
            let wanted = TextTokens.words(search)
            return !wanted.isEmpty && wanted.allSatisfy(words.contains)
        }
    }

    private func equals(_ document: Document, _ path: String, _ value: DocumentValue) -> Bool {
        PathValues(path, in: document).candidates.contains { ValueOrder.equal($0, value) }
    }

    /// Range conditions only match values of the operand's type bracket.
    private func compares(_ document: Document, _ path: String, _ value: DocumentValue, _ accept: (Int) -> Bool) -> Bool {
        let bracket = KeyEncoding.Bracket(value)
        return PathValues(path, in: document).candidates.contains {
            KeyEncoding.Bracket($0) == bracket && accept(ValueOrder.compare($0, value))
        }
    }
}
