import Foundation
import IdentityService
import SeedContracts
import SeedServiceTesting
import Testing

@Suite("Roles, status and the audit log")
struct AdministrationTests {
    @Test("only a super_admin grants admin; an admin changes other roles; the last super_admin stays")
    func roles() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await fixture.register("root@example.com")
        let ada = try await fixture.register("ada@example.com")
        let bob = try await fixture.register("bob@example.com")
        let change = { (actor: String, user: String, role: UserRole, roles: [String]) in
            try await fixture.service.changeRoles(ChangeUserRolesV1(userId: user, role: role, roles: roles), envelope: fixture.envelope(ChangeUserRolesV1.self, actor: actor))
        }
        await expectContractError(.forbidden) { _ = try await change(ada.id, bob.id, .client, ["support"]) }
        let admin = try await change(root.id, ada.id, .admin, ["Support"])
        #expect(admin.role == .admin && admin.roles == ["support"])
        #expect(try await change(ada.id, bob.id, .client, ["moderator"]).roles == ["moderator"])
        await expectContractError(.forbidden) { _ = try await change(ada.id, bob.id, .admin, []) }
        await expectContractError(.conflict) { _ = try await change(root.id, root.id, .client, []) }
        await expectContractError(.validation, field: "roles") { _ = try await change(root.id, bob.id, .client, ["no spaces allowed"]) }
        let updates = try await fixture.events(UserUpdatedV1.self)
        #expect(updates.count == 2 && updates.allSatisfy { $0.changedFields == ["role", "roles"] })
    }

    @Test("reading another user needs an administrator")
    func readingUsers() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await fixture.register("root@example.com")
        let ada = try await fixture.register("ada@example.com")
        let bob = try await fixture.register("bob@example.com")
        #expect(try await fixture.service.user(GetUserV1(userId: ada.id), envelope: fixture.envelope(GetUserV1.self, actor: ada.id)).id == ada.id)
        #expect(try await fixture.service.user(GetUserV1(userId: ada.id), envelope: fixture.envelope(GetUserV1.self, actor: root.id)).id == ada.id)
        await expectContractError(.forbidden) {
            _ = try await fixture.service.user(GetUserV1(userId: ada.id), envelope: fixture.envelope(GetUserV1.self, actor: bob.id))
        }
        await expectContractError(.notFound) {
            _ = try await fixture.service.user(GetUserV1(userId: "nobody"), envelope: fixture.envelope(GetUserV1.self, actor: root.id))
        }
    }

    @Test("the audit log holds logins, failures and status changes with IP and user agent, newest first, page by page")
    func auditLog() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await fixture.register("root@example.com")
        let user = try await fixture.register("ada@example.com")
        let client = ClientInfo(ipAddress: "203.0.113.9", userAgent: "tests/1.0")
        fixture.clock.advance(by: 1)
        _ = try await fixture.service.login(LoginV1(email: "ada@example.com", password: IdentityFixture.password, client: client), envelope: fixture.envelope(LoginV1.self))
        fixture.clock.advance(by: 1)
        await expectContractError(.unauthenticated) {
            _ = try await fixture.service.login(LoginV1(email: "ada@example.com", password: "nope nope", client: client), envelope: fixture.envelope(LoginV1.self))
        }
        fixture.clock.advance(by: 1)
        _ = try await fixture.service.changeStatus(ChangeUserStatusV1(userId: user.id, status: .inactive), envelope: fixture.envelope(ChangeUserStatusV1.self, actor: root.id))

        let list = { (cursor: String?) in
            try await fixture.service.auditLog(ListAuditLogV1(userId: user.id, limit: 2, cursor: cursor), envelope: fixture.envelope(ListAuditLogV1.self, actor: root.id))
        }
        let first = try await list(nil)
        #expect(first.entries.map(\.action) == ["status_change", "login_failed"])
        #expect(first.entries[0].before == ["status": "active"] && first.entries[0].after == ["status": "inactive"] && first.entries[0].actorId == root.id)
        #expect(first.entries[1].ipAddress == "203.0.113.9" && first.entries[1].userAgent == "tests/1.0" && !first.entries[1].success)
        let second = try await list(try #require(first.nextCursor))
        #expect(second.entries.map(\.action) == ["login", "register"])
        await expectContractError(.forbidden) {
            _ = try await fixture.service.auditLog(ListAuditLogV1(), envelope: fixture.envelope(ListAuditLogV1.self, actor: user.id))
        }
        await expectContractError(.validation, field: "limit") {
            _ = try await fixture.service.auditLog(ListAuditLogV1(limit: 0), envelope: fixture.envelope(ListAuditLogV1.self, actor: root.id))
        }
    }
}

@Suite("Tenants, API keys and tenant isolation")
struct TenancyTests {
    struct Platform {
        let fixture: IdentityFixture
        let root: UserV1
        let acmeKey: CreatedAPIKeyV1
        let globexKey: CreatedAPIKeyV1
    }

    func platform() async throws -> Platform {
        let fixture = try await IdentityFixture.make()
        let root = try await fixture.register("root@example.com")
        // A new envelope (message id) per command, as the gateway sends them.
        let admin = { fixture.envelope(CreateTenantV1.self, actor: root.id) }
        var keys: [CreatedAPIKeyV1] = []
        for tenant in ["acme", "globex"] {
            _ = try await fixture.service.createTenant(CreateTenantV1(id: tenant, name: tenant.capitalized), envelope: admin())
            let app = try await fixture.service.createApplication(CreateApplicationV1(tenantId: tenant, name: "Chat"), envelope: admin())
            keys.append(try await fixture.service.createAPIKey(
                CreateAPIKeyV1(tenantId: tenant, applicationId: app.id, name: "backend", scopes: ["users:read", "users:write"]),
                envelope: admin()))
        }
        return Platform(fixture: fixture, root: root, acmeKey: keys[0], globexKey: keys[1])
    }

    @Test("an API key is shown once, stored as a digest, authenticates to its tenant, and stops at revocation")
    func apiKeys() async throws {
        let platform = try await platform()
        let fixture = platform.fixture
        let principal = try await fixture.service.authenticateAPIKey(AuthenticateAPIKeyV1(key: platform.acmeKey.key), envelope: fixture.envelope(AuthenticateAPIKeyV1.self))
        #expect(principal.tenantId == "acme" && principal.scopes == ["users:read", "users:write"])
        let listed = try await fixture.service.listAPIKeys(ListAPIKeysV1(tenantId: "acme"), envelope: fixture.envelope(ListAPIKeysV1.self, actor: platform.root.id))
        #expect(listed.keys.map(\.id) == [platform.acmeKey.apiKey.id])
        let stored = try await fixture.count(APIKey.self, .equal("keyHash", .string(platform.acmeKey.key)))
        #expect(stored == 0, "the key itself is never stored")

        // Another tenant's key id cannot be revoked through this tenant.
        await expectContractError(.notFound, field: "keyId") {
            _ = try await fixture.service.revokeAPIKey(RevokeAPIKeyV1(tenantId: "acme", keyId: platform.globexKey.apiKey.id),
                                                       envelope: fixture.envelope(RevokeAPIKeyV1.self, actor: platform.root.id))
        }
        let revoked = try await fixture.service.revokeAPIKey(RevokeAPIKeyV1(tenantId: "acme", keyId: platform.acmeKey.apiKey.id),
                                                             envelope: fixture.envelope(RevokeAPIKeyV1.self, actor: platform.root.id))
        #expect(revoked.revokedAt != nil)
        await expectContractError(.unauthenticated) {
            _ = try await fixture.service.authenticateAPIKey(AuthenticateAPIKeyV1(key: platform.acmeKey.key), envelope: fixture.envelope(AuthenticateAPIKeyV1.self))
        }
        await expectContractError(.validation, field: "scopes") {
            _ = try await fixture.service.createAPIKey(CreateAPIKeyV1(tenantId: "acme", applicationId: "x", name: "k", scopes: ["root"]),
                                                       envelope: fixture.envelope(CreateAPIKeyV1.self, actor: platform.root.id))
        }
    }

    @Test("one tenant cannot read or overwrite another tenant's users, even with the same external id")
    func isolation() async throws {
        let platform = try await platform()
        let fixture = platform.fixture
        let acme = fixture.envelope(UpsertTenantUserV1.self, actor: "api-key", tenant: "acme")
        let globex = fixture.envelope(UpsertTenantUserV1.self, actor: "api-key", tenant: "globex")
        let grace = try await fixture.service.upsertTenantUser(UpsertTenantUserV1(externalId: "u-1", displayName: "Grace"), envelope: acme)
        #expect(grace.tenantId == "acme" && grace.externalId == "u-1")
        await expectContractError(.notFound, field: "externalId") {
            _ = try await fixture.service.tenantUser(GetTenantUserV1(externalId: "u-1"), envelope: fixture.envelope(GetTenantUserV1.self, tenant: "globex"))
        }
        // The same external id in the other tenant is a different user; Acme's user is untouched.
        let other = try await fixture.service.upsertTenantUser(UpsertTenantUserV1(externalId: "u-1", displayName: "Mallory"), envelope: globex)
        #expect(other.id != grace.id && other.tenantId == "globex")
        let again = try await fixture.service.tenantUser(GetTenantUserV1(externalId: "u-1"), envelope: fixture.envelope(GetTenantUserV1.self, tenant: "acme"))
        #expect(again.profile.displayName == "Grace")
        await expectContractError(.unauthenticated) {
            _ = try await fixture.service.tenantUser(GetTenantUserV1(externalId: "u-1"), envelope: fixture.envelope(GetTenantUserV1.self))
        }
    }

    @Test("only a super_admin creates tenants, with a valid id that is not taken")
    func tenants() async throws {
        let platform = try await platform()
        let fixture = platform.fixture
        let user = try await fixture.register("ada@example.com")
        await expectContractError(.forbidden) {
            _ = try await fixture.service.createTenant(CreateTenantV1(id: "initech", name: "Initech"), envelope: fixture.envelope(CreateTenantV1.self, actor: user.id))
        }
        await expectContractError(.conflict) {
            _ = try await fixture.service.createTenant(CreateTenantV1(id: "acme", name: "Acme 2"), envelope: fixture.envelope(CreateTenantV1.self, actor: platform.root.id))
        }
        await expectContractError(.validation, field: "id") {
            _ = try await fixture.service.createTenant(CreateTenantV1(id: "Bad Id", name: "x"), envelope: fixture.envelope(CreateTenantV1.self, actor: platform.root.id))
        }
    }
}
