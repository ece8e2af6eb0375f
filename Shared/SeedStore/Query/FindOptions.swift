/// Sort direction of a key.
public enum SortOrder: Int, Sendable, Hashable {
    case ascending = 1
    case descending = -1
}

/// One sort key.
public struct SortKey: Sendable, Hashable {
    public var path: String
    public var order: SortOrder
    public init(_ path: String, _ order: SortOrder = .ascending) {
        self.path = path
        self.order = order
    }
}

/// How to shape the result of a find.
public struct FindOptions: Sendable, Hashable {
    public var sort: [SortKey]
    /// Top-level or dotted paths to return (plus `_id`); `nil` returns whole documents.
    public var projection: [String]?
    public var skip: Int
    public var limit: Int?

    public init(sort: [SortKey] = [], projection: [String]? = nil, skip: Int = 0, limit: Int? = nil) {
        self.sort = sort
        self.projection = projection
        self.skip = skip
        self.limit = limit
    }
}

/// Options of a find-and-modify.
public struct FindAndModifyOptions: Sendable, Hashable {
    /// Insert a document built from the filter's equalities and the update when none matches.
    public var upsert: Bool
    /// Return the document as it is after the update (`true`) or before it (`false`).
    public var returnNew: Bool
    public var sort: [SortKey]

    public init(upsert: Bool = false, returnNew: Bool = true, sort: [SortKey] = []) {
        self.upsert = upsert
        self.returnNew = returnNew
        self.sort = sort
    }
}

/// The outcome of an update.
public struct UpdateResult: Sendable, Hashable {
    public var matched: Int
    public var modified: Int
    /// The `_id` of the document an upsert inserted.
    public var upsertedId: DocumentValue?

    public init(matched: Int, modified: Int, upsertedId: DocumentValue? = nil) {
        self.matched = matched
        self.modified = modified
        self.upsertedId = upsertedId
    }
}
