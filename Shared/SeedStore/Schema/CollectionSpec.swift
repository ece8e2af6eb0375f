/// A collection as its owning service declares it: name, indexes and the paths that queries may use.
///
/// Queries, sorts and projections may only name declared paths (the indexed paths and `_id` are always
/// declared); anything else is refused with ``StoreError/undeclaredPath(collection:path:)``, so that a
/// typo never silently matches nothing.
public struct CollectionSpec: Sendable, Hashable {
    public var name: String
    public var indexes: [IndexSpec]
    public var declaredPaths: Set<String>
    /// How the collection's documents belong to a tenant, when the declaration says so explicitly
    /// (``tenantScoped(by:)``, ``tenantScoped(through:in:matching:)``, ``notTenantData()``); `nil` lets
    /// ``tenant`` infer it from a declared `tenantId` path (TenantScope.swift, decision 0039).
    public var tenantScope: TenantScope?

    public init(_ name: String, indexes: [IndexSpec] = [], fields: Set<String> = []) {
        self.name = name
        self.indexes = indexes
        self.declaredPaths = fields.union(indexes.flatMap { $0.keys.map(\.path) }).union(["_id"])
    }

    /// Whether `path` is declared, itself or below a declared path (`profile` declares `profile.name`).
    public func declares(_ path: String) -> Bool {
        if declaredPaths.contains(path) { return true }
        var prefix = Substring(path)
        while let dot = prefix.lastIndex(of: ".") {
            prefix = prefix[..<dot]
            if declaredPaths.contains(String(prefix)) { return true }
        }
        // Array positions (`items.0.name`) are covered by the path without them.
        let withoutPositions = path.split(separator: ".").filter { Int($0) == nil }.joined(separator: ".")
        return withoutPositions != path && declares(withoutPositions)
    }

    /// Throws ``StoreError/undeclaredPath(collection:path:)`` for the first undeclared path.
    public func validate(paths: some Sequence<String>) throws(StoreError) {
        for path in paths where !declares(path) {
            throw StoreError.undeclaredPath(collection: name, path: path)
        }
    }
}

/// A `Codable` type stored in a collection: it names its collection and has an `_id`.
///
/// Map the id property to `_id` in `CodingKeys` (`case id = "_id"`).
public protocol StoredDocument: Codable, Sendable {
    associatedtype ID: Codable & Sendable & Hashable
    var id: ID { get }
    static var collection: CollectionSpec { get }
}
