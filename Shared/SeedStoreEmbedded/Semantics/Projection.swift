import SeedStore

/// MongoDB's inclusion projection: `_id` plus the listed (possibly dotted) paths, in the document's
/// own field order; a dotted path through an array of sub-documents projects every element.
enum Projection {
    static func apply(_ paths: [String], to document: Document) -> Document {
        let split = paths.map { $0.split(separator: ".", omittingEmptySubsequences: false)[...] }
        var result = project(document, split)
        if let id = document["_id"], result["_id"] == nil {
            result = Document([("_id", id)] + result.fields.map { ($0.name, $0.value) })
        }
        return result
    }

    private static func project(_ document: Document, _ paths: [ArraySlice<Substring>]) -> Document {
        var result = Document()
        for field in document.fields {
            let below = paths.filter { $0.first.map(String.init) == field.name }.map { $0.dropFirst() }
            guard !below.isEmpty else { continue }
            if below.contains(where: \.isEmpty) {
                result[field.name] = field.value
            } else if let value = project(field.value, below) {
                result[field.name] = value
            }
        }
        return result
    }

    private static func project(_ value: DocumentValue, _ paths: [ArraySlice<Substring>]) -> DocumentValue? {
        switch value {
        case .document(let document):
            return .document(project(document, paths))
        case .array(let elements):
            return .array(elements.compactMap { element in
                if case .document = element { project(element, paths) } else { nil }
            })
        default:
            return nil
        }
    }
}
