import SeedStore

/// The words of a text, as the text index sees them: runs of letters and digits, lower-cased.
/// SQLite's FTS5 `unicode61` tokenizer (with diacritics kept) splits the same way.
enum TextTokens {
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// The indexed text of a document: every string reached by the text index's paths.
    static func text(of document: Document, fields: [String]) -> String {
        var parts: [String] = []
        for field in fields {
            for value in PathValues(field, in: document).reached { collectStrings(value, into: &parts) }
        }
        return parts.joined(separator: " ")
    }

    private static func collectStrings(_ value: DocumentValue, into parts: inout [String]) {
        switch value {
        case .string(let text): parts.append(text)
        case .array(let elements): for element in elements { collectStrings(element, into: &parts) }
        default: break
        }
    }
}
