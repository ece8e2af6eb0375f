import Foundation
public import SeedContracts
import SeedAuth
import SeedServiceKit
import SeedStore

extension IdentityService {
    /// `identity.create-tenant.v1`: super administrators only.
    public func createTenant(_ command: CreateTenantV1, envelope: MessageEnvelope) async throws -> TenantV1 {
        try Tenant.validateId(command.id)
        guard let name = try CredentialRules.text(command.name, field: "name", limit: 100) else {
            throw ContractError.validation("a tenant needs a name", field: "name")
        }
        return try await work.once(envelope) { tx in
            let admin = try await administrator(tx.envelope, in: tx.operations)
            guard admin.role == .superAdmin else { throw ContractError(.forbidden, "only a super_admin creates tenants") }
            let tenant = Tenant(id: command.id, name: name, status: "active", createdBy: admin.id, createdAt: tx.now, updatedAt: tx.now)
            try await tx.tenants.insert(tenant)
            try await tx.record(AuditEntry(action: "create", user: admin, actorId: admin.id, resource: "tenant", resourceId: tenant.id, client: nil, now: tx.now))
            return tenant.view
        }
    }

    /// `identity.create-application.v1`.
    public func createApplication(_ command: CreateApplicationV1, envelope: MessageEnvelope) async throws -> ApplicationV1 {
        guard let name = try CredentialRules.text(command.name, field: "name", limit: 100) else {
            throw ContractError.validation("an application needs a name", field: "name")
        }
        return try await work.once(envelope) { tx in
            let admin = try await administrator(tx.envelope, in: tx.operations)
            _ = try await activeTenant(command.tenantId, in: tx)
            let application = Application(id: UUID().uuidString.lowercased(), tenantId: command.tenantId, name: name, createdAt: tx.now)
            try await tx.applications.insert(application)
            try await tx.record(AuditEntry(
                action: "create", user: admin, actorId: admin.id, resource: "application", resourceId: application.id, client: nil, now: tx.now))
            return application.view
        }
    }

    /// `identity.create-api-key.v1`: the key is `sk_<id>.<secret>`, returned once; only its SHA-256 is kept.
    public func createAPIKey(_ command: CreateAPIKeyV1, envelope: MessageEnvelope) async throws -> CreatedAPIKeyV1 {
        try APIKey.validateScopes(command.scopes)
        guard let name = try CredentialRules.text(command.name, field: "name", limit: 100) else {
            throw ContractError.validation("an API key needs a name", field: "name")
        }
        let id = UUID().uuidString.lowercased()
        let key = "sk_\(id.replacingOccurrences(of: "-", with: "")).\(SecretDigest.randomToken())"
        let created = try await work.onceWithoutReplay(envelope) { tx -> APIKey in
            if let expiresAt = command.expiresAt { try APIKey.validate(expiresAt: expiresAt, now: tx.now) }
            let admin = try await administrator(tx.envelope, in: tx.operations)
            _ = try await activeTenant(command.tenantId, in: tx)
            guard let application = try await tx.applications.first(.equal("_id", .string(command.applicationId))),
                  application.tenantId == command.tenantId
            else { throw ContractError(.notFound, "tenant \(command.tenantId) has no application \(command.applicationId)", details: ["field": "applicationId"]) }
            var apiKey = APIKey(
                id: id, tenantId: command.tenantId, applicationId: application.id, name: name, prefix: String(key.prefix(11)),
                keyHash: SecretDigest.sha256(key), scopes: Array(Set(command.scopes)).sorted(), createdBy: admin.id, createdAt: tx.now)
            apiKey.expiresAt = command.expiresAt
            try await tx.apiKeys.insert(apiKey)
            try await tx.record(AuditEntry(action: "create", user: admin, actorId: admin.id, resource: "api_key", resourceId: id, client: nil, now: tx.now))
            return apiKey
        }
        return CreatedAPIKeyV1(key: key, apiKey: created.view)
    }

    /// `identity.list-api-keys.v1`.
    public func listAPIKeys(_ command: ListAPIKeysV1, envelope: MessageEnvelope) async throws -> APIKeyListV1 {
        try await work.mapStoreErrors {
            _ = try await administrator(envelope, in: store)
            let keys = try await TenantScope(command.tenantId, in: store).apiKeys.find(
                options: FindOptions(sort: [SortKey("createdAt", .descending)], limit: 500))
            return APIKeyListV1(keys: keys.map(\.view))
        }
    }

    /// `identity.revoke-api-key.v1`: effective at once.
    public func revokeAPIKey(_ command: RevokeAPIKeyV1, envelope: MessageEnvelope) async throws -> APIKeyV1 {
        try await work.once(envelope) { tx in
            let admin = try await administrator(tx.envelope, in: tx.operations)
            let keys = TenantScope(command.tenantId, in: tx.operations).apiKeys
            guard var key = try await keys.first(.equal("_id", .string(command.keyId))) else {
                throw ContractError(.notFound, "tenant \(command.tenantId) has no API key \(command.keyId)", details: ["field": "keyId"])
            }
            guard key.revokedAt == nil else { return key.view }
            key.revokedAt = tx.now
            try await tx.apiKeys.replace(key)
            try await tx.record(AuditEntry(action: "revoke", user: admin, actorId: admin.id, resource: "api_key", resourceId: key.id, client: nil, now: tx.now))
            return key.view
        }
    }

    /// `identity.authenticate-api-key.v1`: the principal of a live key of an active tenant.
    public func authenticateAPIKey(_ command: AuthenticateAPIKeyV1, envelope: MessageEnvelope) async throws -> APIKeyPrincipalV1 {
        let refused = ContractError(.unauthenticated, "the API key is not valid")
        guard command.key.hasPrefix("sk_"), command.key.count < 200 else { throw refused }
        return try await work.mapStoreErrors {
            guard let key = try await DocumentCollection(APIKey.self, in: store).first(.equal("keyHash", .string(SecretDigest.sha256(command.key)))),
                  key.isLive(at: now()),
                  let tenant = try await DocumentCollection(Tenant.self, in: store).first(.equal("_id", .string(key.tenantId))),
                  tenant.status == "active"
            else { throw refused }
            return APIKeyPrincipalV1(
                keyId: key.id, tenantId: key.tenantId, applicationId: key.applicationId, scopes: key.scopes, expiresAt: key.expiresAt,
                apiRequestsPerMinute: tenant.quotas?.apiRequestsPerMinute)
        }
    }

    /// `identity.upsert-tenant-user.v1`: creates or updates an end user of the tenant in `envelope.tenant`.
    public func upsertTenantUser(_ command: UpsertTenantUserV1, envelope: MessageEnvelope) async throws -> UserV1 {
        let tenantId = try Self.tenant(of: envelope)
        let externalId = command.externalId.trimmingCharacters(in: .whitespaces)
        guard (1...128).contains(externalId.count) else { throw ContractError.validation("externalId must have 1 to 128 characters", field: "externalId") }
        guard let displayName = try CredentialRules.text(command.displayName, field: "displayName", limit: 100) else {
            throw ContractError.validation("displayName must not be empty", field: "displayName")
        }
        let avatar = try CredentialRules.text(command.avatarUrl, field: "avatarUrl", limit: 2048)
        guard (command.customData?.count ?? 0) <= 50 else { throw ContractError.validation("customData holds at most 50 fields", field: "customData") }
        do {
            return try await upsertTenantUser(command, externalId: externalId, displayName: displayName, avatar: avatar, tenantId: tenantId, envelope: envelope)
        } catch let error as ContractError where error.isQuotaExceeded {
            await reportOwnRefusal(error, tenantId: tenantId, quota: .users, limit: Int(error.details["limit"] ?? "") ?? 0)
            throw error
        }
    }

    private func upsertTenantUser(
        _ command: UpsertTenantUserV1, externalId: String, displayName: String, avatar: String?, tenantId: String, envelope: MessageEnvelope
    ) async throws -> UserV1 {
        try await work.once(envelope) { tx in
            let scope = TenantScope(tenantId, in: tx.operations)
            if var user = try await scope.users.first(.equal("externalId", .string(externalId))) {
                user.profile.displayName = displayName
                user.profile.avatar = avatar
                user.customData = command.customData
                user.lastSeenAt = tx.now
                user.updatedAt = tx.now
                try await scope.users.replace(user)
                try await markActive(user.id, tenantId: tenantId, in: tx)
                try await tx.publish(UserUpdatedV1(user: user.view, changedFields: ["profile.displayName", "profile.avatar", "customData"]))
                return user.view
            }
            // The users quota (decision 0035): a new user past it is refused; updates are not.
            if let limit = try await tx.tenants.first(.equal("_id", .string(tenantId)))?.quotas?.users {
                let users = try await tx.users.count(.and([.equal("tenantId", .string(tenantId)), .exists("deletedAt", false)]))
                guard users < limit else { throw ContractError.quotaExceeded(.users, limit: limit, current: users, tenantId: tenantId) }
                // Two creations at once write the same tenant document, so on MongoDB one of them is
                // refused as a conflict (to retry) instead of both passing the quota.
                try await tx.tenants.update(.equal("_id", .string(tenantId)), Update([.increment("quotaChecks", .int64(1))]))
            }
            var user = User(
                id: ObjectId().description, email: nil, profile: UserProfile(displayName: displayName, avatar: avatar), tenantId: tenantId,
                externalId: externalId, now: tx.now)
            user.customData = command.customData
            user.lastSeenAt = tx.now
            try await scope.users.insert(user)
            try await markActive(user.id, tenantId: tenantId, in: tx)
            try await tx.publish(UserRegisteredV1(user: user.view))
            return user.view
        }
    }

    /// `identity.get-tenant-user.v1`: only the tenant's own users are visible.
    public func tenantUser(_ command: GetTenantUserV1, envelope: MessageEnvelope) async throws -> UserV1 {
        let tenantId = try Self.tenant(of: envelope)
        return try await work.mapStoreErrors {
            guard let user = try await TenantScope(tenantId, in: store).users.first(.equal("externalId", .string(command.externalId))),
                  user.deletedAt == nil
            else { throw ContractError(.notFound, "no user with externalId \(command.externalId)", details: ["field": "externalId"]) }
            return user.view
        }
    }

    func activeTenant(_ id: String, in tx: Transaction) async throws -> Tenant {
        guard let tenant = try await tx.tenants.first(.equal("_id", .string(id))) else {
            throw ContractError(.notFound, "no tenant \(id)", details: ["field": "tenantId"])
        }
        guard tenant.status == "active" else { throw ContractError(.conflict, "tenant \(id) is \(tenant.status)") }
        return tenant
    }

    static func tenant(of envelope: MessageEnvelope) throws(ContractError) -> String {
        guard let tenant = envelope.tenant, !tenant.isEmpty else {
            throw ContractError(.unauthenticated, "this command acts for a tenant (envelope.tenant), which an API key provides")
        }
        return tenant
    }
}
