import SeedStore

/// The values a dotted path reaches in a document, the way MongoDB walks it: a path crossing an array
/// of sub-documents continues into each element, and a numeric component indexes an array.
struct PathValues {
    /// The values at the end of the path (arrays not expanded).
    var reached: [DocumentValue] = []
    /// Whether some branch of the walk found nothing: the path then also "equals" `null`.
    var missing = false

    init(_ path: String, in document: Document) {
        // A top-level field (most conditions, `_id` always): no walk.
        if !path.utf8.contains(UInt8(ascii: ".")) {
            if let value = document[path] { reached = [value] } else { missing = true }
            return
        }
        let components = path.split(separator: ".", omittingEmptySubsequences: false)
        walk(.document(document), components[...])
    }

    init(_ path: String, in value: DocumentValue) {
        let components = path.split(separator: ".", omittingEmptySubsequences: false)
        walk(value, components[...])
    }

    private mutating func walk(_ value: DocumentValue, _ components: ArraySlice<Substring>) {
        guard let component = components.first else {
            reached.append(value)
            return
        }
        let rest = components.dropFirst()
        switch value {
        case .document(let document):
            if let next = document[String(component)] { walk(next, rest) } else { missing = true }
        case .array(let elements):
            if let index = Int(component) {
                if elements.indices.contains(index) { walk(elements[index], rest) } else { missing = true }
            } else {
                var sawDocument = false
                for element in elements {
                    if case .document = element {
                        sawDocument = true
                        walk(element, components)
                    }
                }
                if !sawDocument { missing = true }
            }
        default:
            missing = true
        }
    }

    /// What a condition compares against: each reached value, each element of a reached array, and
    /// `null` when a branch was missing.
    var candidates: [DocumentValue] {
        var result: [DocumentValue] = []
        result.reserveCapacity(reached.count + 1)
        for value in reached {
            if case .array(let elements) = value { result.append(contentsOf: elements) }
            result.append(value)
        }
        if missing || reached.isEmpty { result.append(.null) }
        return result
    }
}
