/// A change to matched documents, applied atomically per document.
public struct Update: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        /// Sets the field (creating intermediate sub-documents).
        case set(String, DocumentValue)
        /// Removes the field.
        case unset(String)
        /// Adds a number to a numeric field (a missing field counts as 0).
        case increment(String, DocumentValue)
        /// Appends to an array field (a missing field becomes an array).
        case push(String, DocumentValue)
        /// Removes every element equal to the value, or every sub-document matching the filter.
        case pull(String, PullCondition)
        /// Appends unless an equal element is already present.
        case addToSet(String, DocumentValue)
    }

    public enum PullCondition: Sendable, Hashable {
        case equal(DocumentValue)
        case matching(Filter)
    }

    public var operations: [Operation]

    public init(_ operations: [Operation]) { self.operations = operations }

    /// `$set` of every field of an encodable value, e.g. a partial profile.
    public static func set<V: Encodable>(_ path: String, _ value: V) throws(StoreError) -> Update {
        Update([.set(path, try DocumentEncoder().encodeValue(value))])
    }

    public static func + (lhs: Update, rhs: Update) -> Update { Update(lhs.operations + rhs.operations) }

    /// Every field path the update names.
    public var paths: [String] {
        operations.map {
            switch $0 {
            case .set(let path, _), .unset(let path), .increment(let path, _), .push(let path, _),
                 .pull(let path, _), .addToSet(let path, _):
                path
            }
        }
    }
}
