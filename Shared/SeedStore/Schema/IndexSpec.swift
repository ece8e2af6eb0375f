/// An index a collection declares in code; created at start-up, idempotently, by every adapter.
public struct IndexSpec: Sendable, Hashable {
    public enum Key: Sendable, Hashable {
        case ascending(String)
        case descending(String)
        /// Part of the collection's (single) full-text index.
        case text(String)

        public var path: String {
            switch self {
            case .ascending(let path), .descending(let path), .text(let path): path
            }
        }
    }

    /// MongoDB's default name: `email_1`, `conversationId_1_createdAt_-1__id_-1`, `content_text`.
    public var name: String
    public var keys: [Key]
    /// At most one document per key value (absent fields count as `null` unless ``sparse``).
    public var unique: Bool
    /// Documents without the indexed fields are left out of the index (and of its uniqueness).
    public var sparse: Bool
    /// Documents expire this many seconds after the date in the (single) indexed field.
    public var expireAfterSeconds: Int?

    public init(_ keys: [Key], unique: Bool = false, sparse: Bool = false, expireAfterSeconds: Int? = nil, name: String? = nil) {
        precondition(!keys.isEmpty, "an index needs at least one key")
        precondition(expireAfterSeconds == nil || keys.count == 1, "a TTL index has exactly one key")
        self.keys = keys
        self.unique = unique
        self.sparse = sparse
        self.expireAfterSeconds = expireAfterSeconds
        self.name = name ?? keys.map {
            switch $0 {
            case .ascending(let path): "\(path)_1"
            case .descending(let path): "\(path)_-1"
            case .text(let path): "\(path)_text"
            }
        }.joined(separator: "_")
    }

    /// A TTL index: documents go once `path` (a date) is `seconds` in the past.
    public static func expiring(_ path: String, after seconds: Int = 0) -> IndexSpec {
        IndexSpec([.ascending(path)], expireAfterSeconds: seconds)
    }

    /// The full-text index over one or more string fields.
    public static func text(_ paths: String...) -> IndexSpec {
        IndexSpec(paths.map { .text($0) })
    }

    public var isText: Bool { keys.contains { if case .text = $0 { true } else { false } } }
}
