import IdentityService
import SeedServiceKit
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Identity's tenant data (seed-ops tenants)")
struct IdentityTenantDataTests {
    @Test("a tenant's export and erasure cover its record, its users and what hangs off them, and not the platform's keys")
    func tenantCollectionsByDeclaration() async throws {
        let fixture = try await ServiceFixture.make(.identity, collections: IdentityCollections.all)
        let scoped = TenantData(service: .identity, work: fixture.work, collections: IdentityCollections.all).collections
        let names = scoped.map(\.collection)
        #expect(Set(names).isSuperset(of: ["tenants", "users", "applications", "api_keys", "billing", "refresh_tokens", "relationships", "device_keys", "audit_logs"]))
        #expect(!names.contains("signing_keys"))
        #expect(scoped.first { $0.collection == "tenants" }?.scope == .field("_id"))
        // A session reaches its tenant through its user, so users come first.
        #expect(try #require(names.firstIndex(of: "users")) < #require(names.firstIndex(of: "refresh_tokens")))
    }
}
