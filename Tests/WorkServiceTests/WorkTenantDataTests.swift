import SeedServiceKit
import SeedServiceTesting
import Testing
import WorkService

@Suite("Work's tenant data (seed-ops tenants)")
struct WorkTenantDataTests {
    @Test("a tenant's export and erasure cover every work collection that declares tenantId, and no platform-wide one")
    func tenantCollectionsByDeclaration() async throws {
        let fixture = try await ServiceFixture.make(.work, collections: WorkCollections.all)
        let names = Set(TenantData(service: .work, work: fixture.work, collections: WorkCollections.all).collections.map(\.collection))
        #expect(names.isSuperset(of: ["questionnaires", "sprints", "boards", "tasks", "task_comments", "tags", "teams", "task_templates"]), "\(names.sorted())")
        #expect(names.isDisjoint(with: ["service_templates", "system_settings", "user_directory"]), "\(names.sorted())")
    }
}
