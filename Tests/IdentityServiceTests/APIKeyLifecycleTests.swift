import Foundation
import IdentityService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("API keys: expiry, rotation with an overlap, last use")
struct APIKeyLifecycleTests {
    private struct Tenant {
        let root: UserV1
        let applicationId: String
    }

    private static func tenant(_ fixture: IdentityFixture) async throws -> Tenant {
        let root = try await fixture.register("root@example.com")
        _ = try await fixture.service.createTenant(CreateTenantV1(id: "acme", name: "Acme"), envelope: fixture.envelope(CreateTenantV1.self, actor: root.id))
        let app = try await fixture.service.createApplication(
            CreateApplicationV1(tenantId: "acme", name: "Chat"), envelope: fixture.envelope(CreateApplicationV1.self, actor: root.id))
        return Tenant(root: root, applicationId: app.id)
    }

    private static func authenticate(_ fixture: IdentityFixture, _ key: String) async throws -> APIKeyPrincipalV1 {
        try await fixture.service.authenticateAPIKey(AuthenticateAPIKeyV1(key: key), envelope: fixture.envelope(AuthenticateAPIKeyV1.self))
    }

    @Test("a key with an expiry works until then and is refused after; an expiry in the past or beyond two years is refused naming expiresAt")
    func expiry() async throws {
        let fixture = try await IdentityFixture.make()
        let tenant = try await Self.tenant(fixture)
        let create = { (expiresAt: Date?) in
            try await fixture.service.createAPIKey(
                CreateAPIKeyV1(tenantId: "acme", applicationId: tenant.applicationId, name: "backend", scopes: ["users:read"], expiresAt: expiresAt),
                envelope: fixture.envelope(CreateAPIKeyV1.self, actor: tenant.root.id))
        }
        let expiresAt = fixture.clock.now.addingTimeInterval(3600)
        let key = try await create(expiresAt)
        #expect(key.apiKey.expiresAt == expiresAt)
        #expect(try await Self.authenticate(fixture, key.key).expiresAt == expiresAt)
        fixture.clock.advance(by: 3600)
        await expectContractError(.unauthenticated) { _ = try await Self.authenticate(fixture, key.key) }

        await expectContractError(.validation, field: "expiresAt") { _ = try await create(fixture.clock.now.addingTimeInterval(-1)) }
        await expectContractError(.validation, field: "expiresAt") { _ = try await create(fixture.clock.now.addingTimeInterval(3 * 366 * 86_400)) }
        let listed = try await fixture.service.listAPIKeys(ListAPIKeysV1(tenantId: "acme"), envelope: fixture.envelope(ListAPIKeysV1.self, actor: tenant.root.id))
        #expect(listed.keys.count == 1)
    }

    @Test("rotating a key makes a new one with the same scopes; the old one works for the overlap, then not; rotating it again is a conflict")
    func rotation() async throws {
        let fixture = try await IdentityFixture.make()
        let tenant = try await Self.tenant(fixture)
        let old = try await fixture.service.createAPIKey(
            CreateAPIKeyV1(tenantId: "acme", applicationId: tenant.applicationId, name: "backend", scopes: ["users:read", "users:write"]),
            envelope: fixture.envelope(CreateAPIKeyV1.self, actor: tenant.root.id))
        let rotate = { (keyId: String, overlap: Int?) in
            try await fixture.service.rotateAPIKey(
                RotateAPIKeyV1(tenantId: "acme", keyId: keyId, overlapMinutes: overlap), envelope: fixture.envelope(RotateAPIKeyV1.self, actor: tenant.root.id))
        }
        await expectContractError(.validation, field: "overlapMinutes") { _ = try await rotate(old.apiKey.id, 10_081) }
        await expectContractError(.notFound, field: "keyId") { _ = try await rotate("nope", 5) }

        let new = try await rotate(old.apiKey.id, 5)
        #expect(new.key != old.key && new.apiKey.scopes == ["users:read", "users:write"] && new.apiKey.name == "backend")
        #expect(try await Self.authenticate(fixture, old.key).expiresAt == fixture.clock.now.addingTimeInterval(300))
        #expect(try await Self.authenticate(fixture, new.key).expiresAt == nil)
        await expectContractError(.conflict, field: "keyId") { _ = try await rotate(old.apiKey.id, 5) }

        fixture.clock.advance(by: 299)
        _ = try await Self.authenticate(fixture, old.key)
        fixture.clock.advance(by: 1)
        await expectContractError(.unauthenticated) { _ = try await Self.authenticate(fixture, old.key) }
        _ = try await Self.authenticate(fixture, new.key)

        let listed = try await fixture.service.listAPIKeys(ListAPIKeysV1(tenantId: "acme"), envelope: fixture.envelope(ListAPIKeysV1.self, actor: tenant.root.id))
        #expect(listed.keys.first { $0.id == old.apiKey.id }?.replacedBy == new.apiKey.id)
        #expect(try await fixture.auditActions(of: tenant.root.id).contains("rotate"))
    }

    @Test("reported use moves lastUsedAt forward, never back; the quota per minute comes with the principal")
    func lastUse() async throws {
        let fixture = try await IdentityFixture.make()
        let tenant = try await Self.tenant(fixture)
        _ = try await fixture.service.updateTenant(
            UpdateTenantV1(tenantId: "acme", quotas: TenantQuotasV1(apiRequestsPerMinute: 120)), envelope: fixture.envelope(UpdateTenantV1.self, actor: tenant.root.id))
        let key = try await fixture.service.createAPIKey(
            CreateAPIKeyV1(tenantId: "acme", applicationId: tenant.applicationId, name: "backend", scopes: ["users:read"]),
            envelope: fixture.envelope(CreateAPIKeyV1.self, actor: tenant.root.id))
        #expect(try await Self.authenticate(fixture, key.key).apiRequestsPerMinute == 120)
        let report = { (date: Date) in
            _ = try await fixture.service.recordAPIKeyUse(
                RecordAPIKeyUseV1(uses: [APIKeyUseV1(keyId: key.apiKey.id, lastUsedAt: date)]), envelope: fixture.envelope(RecordAPIKeyUseV1.self))
        }
        let lastUsed = {
            try await fixture.service.listAPIKeys(ListAPIKeysV1(tenantId: "acme"), envelope: fixture.envelope(ListAPIKeysV1.self, actor: tenant.root.id)).keys.first?.lastUsedAt
        }
        let later = fixture.clock.now.addingTimeInterval(120)
        try await report(later)
        #expect(try await lastUsed() == later)
        try await report(fixture.clock.now)
        #expect(try await lastUsed() == later)
        await expectContractError(.validation, field: "uses") {
            _ = try await fixture.service.recordAPIKeyUse(
                RecordAPIKeyUseV1(uses: Array(repeating: APIKeyUseV1(keyId: "k", lastUsedAt: later), count: 501)), envelope: fixture.envelope(RecordAPIKeyUseV1.self))
        }
    }
}
