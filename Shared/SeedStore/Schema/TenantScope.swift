/// How a collection's documents belong to a tenant: what a tenant's data export reads and its erasure
/// deletes (the service kit's `TenantData`, decision 0039).
///
/// A collection that declares a `tenantId` path (in an index or its fields) is the tenant's data by that
/// declaration alone; other shapes say so on the spec:
///
/// ```swift
/// CollectionSpec("tenant_quota_records").tenantScoped(by: "_id")
/// CollectionSpec("reactions", fields: ["conversationId"]).tenantScoped(through: "conversationId", in: "conversations", matching: "_id")
/// ```
public enum TenantScope: Sendable, Hashable {
    /// The tenant's id is the value of this path.
    case field(String)
    /// The document belongs to the tenant of the document of `parent` whose `parentPath` equals this
    /// document's `path` (receipts of a tenant's messages, texts of a tenant's documents).
    case through(path: String, parent: String, parentPath: String)
    /// Not a tenant's data although it declares a `tenantId` path (counters, caches).
    case none
}

extension CollectionSpec {
    /// The path a tenant's documents are found by when nothing else is declared.
    public static let conventionalTenantPath = "tenantId"

    /// How this collection's documents belong to a tenant: the explicit ``tenantScope``, else
    /// `.field("tenantId")` when the collection declares `tenantId`, else `nil` (not tenant data).
    public var tenant: TenantScope? {
        if let tenantScope { return tenantScope == TenantScope.none ? nil : tenantScope }
        return declaredPaths.contains(Self.conventionalTenantPath) ? .field(Self.conventionalTenantPath) : nil
    }

    /// This collection, its documents belonging to the tenant named by `path` (declared as well).
    public func tenantScoped(by path: String) -> CollectionSpec {
        var spec = self
        spec.tenantScope = .field(path)
        spec.declaredPaths.insert(path)
        return spec
    }

    /// This collection, its documents belonging to the tenant of the `parent` document whose
    /// `parentPath` equals their `path` (both declared here and in the parent).
    public func tenantScoped(through path: String, in parent: String, matching parentPath: String) -> CollectionSpec {
        var spec = self
        spec.tenantScope = .through(path: path, parent: parent, parentPath: parentPath)
        spec.declaredPaths.insert(path)
        return spec
    }

    /// This collection, not a tenant's data even though it declares a `tenantId` path.
    public func notTenantData() -> CollectionSpec {
        var spec = self
        spec.tenantScope = TenantScope.none
        return spec
    }
}
