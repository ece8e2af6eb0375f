import Foundation
import IdentityService
import SeedContracts
import SeedStore
import SeedServiceTesting
import Testing

@Suite("Tenant lifecycle and quotas")
struct TenantLifecycleTests {
    @Test("suspending a tenant refuses its API keys and is announced; reactivating lets them work again; only a super_admin may")
    func suspendAndReactivate() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await fixture.register("root@example.com")
        let as_root = { fixture.envelope(SetTenantStatusV1.self, actor: root.id) }
        _ = try await fixture.service.createTenant(CreateTenantV1(id: "acme", name: "Acme"), envelope: fixture.envelope(CreateTenantV1.self, actor: root.id))
        let app = try await fixture.service.createApplication(CreateApplicationV1(tenantId: "acme", name: "Chat"), envelope: fixture.envelope(CreateApplicationV1.self, actor: root.id))
        let key = try await fixture.service.createAPIKey(
            CreateAPIKeyV1(tenantId: "acme", applicationId: app.id, name: "backend", scopes: ["users:read"]), envelope: fixture.envelope(CreateAPIKeyV1.self, actor: root.id))
        _ = try await fixture.service.authenticateAPIKey(AuthenticateAPIKeyV1(key: key.key), envelope: fixture.envelope(AuthenticateAPIKeyV1.self))

        let suspended = try await fixture.service.setTenantStatus(SetTenantStatusV1(tenantId: "acme", status: "suspended", reason: "unpaid"), envelope: as_root())
        #expect(suspended.status == "suspended")
        await expectContractError(.unauthenticated) {
            _ = try await fixture.service.authenticateAPIKey(AuthenticateAPIKeyV1(key: key.key), envelope: fixture.envelope(AuthenticateAPIKeyV1.self))
        }
        _ = try await fixture.service.setTenantStatus(SetTenantStatusV1(tenantId: "acme", status: "active"), envelope: as_root())
        _ = try await fixture.service.authenticateAPIKey(AuthenticateAPIKeyV1(key: key.key), envelope: fixture.envelope(AuthenticateAPIKeyV1.self))
        #expect(try await fixture.events(TenantStatusChangedV1.self).map(\.status) == ["suspended", "active"])

        let ada = try await fixture.register("ada@example.com")
        await expectContractError(.forbidden) {
            _ = try await fixture.service.setTenantStatus(SetTenantStatusV1(tenantId: "acme", status: "suspended"), envelope: fixture.envelope(SetTenantStatusV1.self, actor: ada.id))
        }
        await expectContractError(.validation, field: "status") {
            _ = try await fixture.service.setTenantStatus(SetTenantStatusV1(tenantId: "acme", status: "paused"), envelope: as_root())
        }
        await expectContractError(.notFound, field: "tenantId") {
            _ = try await fixture.service.setTenantStatus(SetTenantStatusV1(tenantId: "nope", status: "suspended"), envelope: as_root())
        }
    }

    @Test("quotas are stored with the tenant and announced; a users quota below current use or a negative quota changes nothing")
    func quotas() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await fixture.register("root@example.com")
        _ = try await fixture.service.createTenant(CreateTenantV1(id: "acme", name: "Acme"), envelope: fixture.envelope(CreateTenantV1.self, actor: root.id))
        for externalId in ["u-1", "u-2"] {
            _ = try await fixture.service.upsertTenantUser(UpsertTenantUserV1(externalId: externalId, displayName: externalId), envelope: fixture.envelope(UpsertTenantUserV1.self, tenant: "acme"))
        }
        let update = { (command: UpdateTenantV1) in try await fixture.service.updateTenant(command, envelope: fixture.envelope(UpdateTenantV1.self, actor: root.id)) }
        let belowUse = await expectContractError(.conflict, field: "quotas.users") { _ = try await update(UpdateTenantV1(tenantId: "acme", quotas: TenantQuotasV1(users: 1))) }
        #expect(belowUse?.details["current"] == "2")
        await expectContractError(.validation, field: "quotas.storageBytes") { _ = try await update(UpdateTenantV1(tenantId: "acme", quotas: TenantQuotasV1(storageBytes: -1))) }
        await expectContractError(.validation, field: "plan") { _ = try await update(UpdateTenantV1(tenantId: "acme", plan: "no spaces")) }
        #expect(try await fixture.events(TenantQuotasChangedV1.self).isEmpty)

        let tenant = try await update(UpdateTenantV1(tenantId: "acme", plan: "business", quotas: TenantQuotasV1(users: 2, apiRequestsPerMinute: 600)))
        #expect(tenant.plan == "business" && tenant.quotas == TenantQuotasV1(users: 2, apiRequestsPerMinute: 600))
        let read = try await fixture.service.tenant(GetTenantV1(tenantId: "acme"), envelope: fixture.envelope(GetTenantV1.self, actor: root.id))
        #expect(read == tenant)
        #expect(try await fixture.events(TenantQuotasChangedV1.self).map(\.quotas) == [TenantQuotasV1(users: 2, apiRequestsPerMinute: 600)])
        let all = try await fixture.service.listTenants(ListTenantsV1(), envelope: fixture.envelope(ListTenantsV1.self, actor: root.id))
        #expect(all.tenants.map(\.id) == ["acme"])
    }
}
