import SeedStore

/// The tenant-scoped collections of one tenant: every query is ANDed with `tenantId == tenant` and
/// every insert or replace must carry that tenant, so one tenant's data cannot reach another's
/// (seed 001 "tenant-aware repository").
struct TenantScope: Sendable {
    let tenantId: String
    let operations: any DocumentOperations

    init(_ tenantId: String, in operations: any DocumentOperations) {
        self.tenantId = tenantId
        self.operations = operations
    }

    var users: TenantScopedCollection<User> { TenantScopedCollection(tenantId: tenantId, collection: DocumentCollection(User.self, in: operations), tenantOf: \.tenantId) }
    var apiKeys: TenantScopedCollection<APIKey> {
        TenantScopedCollection(tenantId: tenantId, collection: DocumentCollection(APIKey.self, in: operations), tenantOf: { $0.tenantId })
    }
}

/// A collection seen through one tenant.
struct TenantScopedCollection<D: StoredDocument>: Sendable {
    let tenantId: String
    let collection: DocumentCollection<D>
    let tenantOf: @Sendable (D) -> String?

    private func scoped(_ filter: Filter) -> Filter {
        let tenant = Filter.equal("tenantId", .string(tenantId))
        return filter == .all ? tenant : .and([tenant, filter])
    }

    func first(_ filter: Filter) async throws -> D? { try await collection.first(scoped(filter)) }

    func find(_ filter: Filter = .all, options: FindOptions = FindOptions()) async throws -> [D] {
        try await collection.find(scoped(filter), options: options)
    }

    func insert(_ document: D) async throws {
        guard tenantOf(document) == tenantId else { throw StoreError.validation("a document of another tenant cannot be written through tenant \(tenantId)") }
        try await collection.insert(document)
    }

    func replace(_ document: D) async throws {
        guard tenantOf(document) == tenantId else { throw StoreError.validation("a document of another tenant cannot be written through tenant \(tenantId)") }
        try await collection.replace(document)
    }
}
