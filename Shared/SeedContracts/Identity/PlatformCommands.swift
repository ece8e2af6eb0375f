import Foundation

// The chat platform's tenants (seed 001 "SAAS clients"), their applications and API keys, and the
// tenants' end users. Tenant-scoped commands take the tenant from `envelope.tenant`, which the
// gateway sets from a verified API key; identity filters every query of them by that tenant.

/// A tenant of the chat platform.
public struct TenantV1: Message, Equatable {
    public static let messageType = MessageType("identity.tenant", version: 1)
    public static let summary = "A tenant (SaaS client) of the chat platform."
    public static let example = TenantV1(id: "acme", name: "Acme Corp", status: "active", createdAt: Date(timeIntervalSince1970: 1_767_139_200))

    /// The tenant id: a slug, lower-case letters, digits and dashes.
    public var id: String
    public var name: String
    /// `active` or `suspended`.
    public var status: String
    public var createdAt: Date
    /// The billing plan's name, when one was set.
    public var plan: String?
    /// What the tenant may use (absent: unlimited).
    public var quotas: TenantQuotasV1?

    public init(id: String, name: String, status: String, createdAt: Date, plan: String? = nil, quotas: TenantQuotasV1? = nil) {
        self.id = id
        self.name = name
        self.status = status
        self.createdAt = createdAt
        self.plan = plan
        self.quotas = quotas
    }
}

/// A super administrator creates a tenant.
public struct CreateTenantV1: IdentityCommand, Equatable {
    public typealias Reply = TenantV1
    public static let messageType = MessageType("identity.create-tenant", version: 1)
    public static let summary = "Creates a tenant with a unique slug id; super_admin only."
    public static let example = CreateTenantV1(id: "acme", name: "Acme Corp")

    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// An application of a tenant (seed 001 platform `applications`).
public struct ApplicationV1: Message, Equatable {
    public static let messageType = MessageType("identity.application", version: 1)
    public static let summary = "An application that a tenant builds on the chat platform."
    public static let example = ApplicationV1(
        id: "0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5", tenantId: "acme", name: "Acme Support Chat",
        createdAt: Date(timeIntervalSince1970: 1_767_139_200))

    public var id: String
    public var tenantId: String
    public var name: String
    public var createdAt: Date

    public init(id: String, tenantId: String, name: String, createdAt: Date) {
        self.id = id
        self.tenantId = tenantId
        self.name = name
        self.createdAt = createdAt
    }
}

/// An administrator creates an application in a tenant.
public struct CreateApplicationV1: IdentityCommand, Equatable {
    public typealias Reply = ApplicationV1
    public static let messageType = MessageType("identity.create-application", version: 1)
    public static let summary = "Creates an application in a tenant; admin or super_admin."
    public static let example = CreateApplicationV1(tenantId: "acme", name: "Acme Support Chat")

    public var tenantId: String
    public var name: String

    public init(tenantId: String, name: String) {
        self.tenantId = tenantId
        self.name = name
    }
}

/// How an envelope's `actor` names a tenant's API key when the key acts as the tenant itself (no acting
/// user): `api-key:<key id>`. The gateway writes it; a service that lets a key act reads it back.
public enum APIKeyActor {
    static let prefix = "api-key:"

    /// The actor of a call made with the key `keyId`.
    public static func actor(keyId: String) -> String { prefix + keyId }

    /// The key id when `actor` is a key, `nil` when it is a user.
    public static func keyId(of actor: String?) -> String? {
        guard let actor, actor.hasPrefix(prefix), actor.count > prefix.count else { return nil }
        return String(actor.dropFirst(prefix.count))
    }
}

/// The scopes an API key may carry: `usage:read` lets the tenant's backend read its own usage record
/// (decision 0044); the others grant what their names say on the tenant's users, conversations,
/// messages, files and (`boards:*`) work's boards, tasks, tags, teams and task templates.
public enum APIKeyScopes {
    public static let known: [String] = [
        "users:read", "users:write", "conversations:read", "conversations:write", "messages:read", "messages:write", "files:read", "files:write",
        "usage:read", "boards:read", "boards:write",
    ]
}

/// An API key as it is listed: never the key itself.
public struct APIKeyV1: Message, Equatable {
    public static let messageType = MessageType("identity.api-key", version: 1)
    public static let summary = "An API key without its secret."
    public var id: String
    public var tenantId: String
    public var applicationId: String
    public var name: String
    /// The first characters of the key, to recognise it.
    public var prefix: String
    /// What the key may do, e.g. `users:read`, `users:write`.
    public var scopes: [String]
    public var createdAt: Date
    /// When the gateway last saw the key in use, to within a minute (decision 0036).
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    /// When the key stops working: its stated expiry, or the end of a rotation's overlap.
    public var expiresAt: Date?
    /// The key that replaced this one by a rotation.
    public var replacedBy: String?

    public init(
        id: String, tenantId: String, applicationId: String, name: String, prefix: String, scopes: [String], createdAt: Date,
        lastUsedAt: Date?, revokedAt: Date?, expiresAt: Date? = nil, replacedBy: String? = nil
    ) {
        self.id = id
        self.tenantId = tenantId
        self.applicationId = applicationId
        self.name = name
        self.prefix = prefix
        self.scopes = scopes
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.expiresAt = expiresAt
        self.replacedBy = replacedBy
    }

    public static let example = APIKeyV1(
        id: "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", tenantId: "acme", applicationId: ApplicationV1.example.id, name: "backend",
        prefix: "sk_5e6f7a8b", scopes: ["users:read", "users:write"], createdAt: Date(timeIntervalSince1970: 1_767_139_200),
        lastUsedAt: nil, revokedAt: nil, expiresAt: Date(timeIntervalSince1970: 1_798_675_200))
}

/// An administrator creates an API key for an application.
public struct CreateAPIKeyV1: IdentityCommand, Equatable {
    public typealias Reply = CreatedAPIKeyV1
    public static let messageType = MessageType("identity.create-api-key", version: 1)
    public static let summary = "Creates an API key for an application; the key is returned once and stored only as a digest."
    public static let example = CreateAPIKeyV1(
        tenantId: "acme", applicationId: ApplicationV1.example.id, name: "backend", scopes: ["users:read", "users:write"],
        expiresAt: Date(timeIntervalSince1970: 1_798_675_200))

    public var tenantId: String
    public var applicationId: String
    public var name: String
    public var scopes: [String]
    /// When the key stops working (optional; in the future, at most 2 years ahead).
    public var expiresAt: Date?

    public init(tenantId: String, applicationId: String, name: String, scopes: [String], expiresAt: Date? = nil) {
        self.tenantId = tenantId
        self.applicationId = applicationId
        self.name = name
        self.scopes = scopes
        self.expiresAt = expiresAt
    }
}

/// A new API key, the only time it is shown.
public struct CreatedAPIKeyV1: Message, Equatable {
    public static let messageType = MessageType("identity.created-api-key", version: 1)
    public static let summary = "A new API key: `key` is shown only in this reply."
    public static let example = CreatedAPIKeyV1(key: "sk_5e6f7a8b9c0d4e1fa2b3c4d5e6f7a8b9.Zr4n0Qw8Xv2Ls6Kp1Mj9Hb3Gc7Fd5Ea0Tu", apiKey: APIKeyV1.example)

    public var key: String
    public var apiKey: APIKeyV1

    public init(key: String, apiKey: APIKeyV1) {
        self.key = key
        self.apiKey = apiKey
    }
}

/// An administrator lists a tenant's API keys.
public struct ListAPIKeysV1: IdentityCommand, Equatable {
    public typealias Reply = APIKeyListV1
    public static let messageType = MessageType("identity.list-api-keys", version: 1)
    public static let summary = "Lists a tenant's API keys (revoked ones included), newest first."
    public static let example = ListAPIKeysV1(tenantId: "acme")

    public var tenantId: String

    public init(tenantId: String) { self.tenantId = tenantId }
}

/// A tenant's API keys.
public struct APIKeyListV1: Message, Equatable {
    public static let messageType = MessageType("identity.api-key-list", version: 1)
    public static let summary = "API keys without their secrets."
    public static let example = APIKeyListV1(keys: [APIKeyV1.example])

    public var keys: [APIKeyV1]

    public init(keys: [APIKeyV1]) { self.keys = keys }
}

/// An administrator revokes an API key.
public struct RevokeAPIKeyV1: IdentityCommand, Equatable {
    public typealias Reply = APIKeyV1
    public static let messageType = MessageType("identity.revoke-api-key", version: 1)
    public static let summary = "Revokes an API key at once; it authenticates nothing afterwards."
    public static let example = RevokeAPIKeyV1(tenantId: "acme", keyId: APIKeyV1.example.id)

    public var tenantId: String
    public var keyId: String

    public init(tenantId: String, keyId: String) {
        self.tenantId = tenantId
        self.keyId = keyId
    }
}

/// The gateway asks who an API key belongs to.
public struct AuthenticateAPIKeyV1: IdentityCommand, Equatable {
    public typealias Reply = APIKeyPrincipalV1
    public static let messageType = MessageType("identity.authenticate-api-key", version: 1)
    public static let summary = "Resolves an API key to its tenant, application and scopes; unauthenticated when unknown or revoked."
    public static let example = AuthenticateAPIKeyV1(key: CreatedAPIKeyV1.example.key)

    public var key: String

    public init(key: String) { self.key = key }
}

/// Who an API key speaks for.
public struct APIKeyPrincipalV1: Message, Equatable {
    public static let messageType = MessageType("identity.api-key-principal", version: 1)
    public static let summary = "The tenant, application and scopes of a valid API key."
    public static let example = APIKeyPrincipalV1(keyId: APIKeyV1.example.id, tenantId: "acme", applicationId: ApplicationV1.example.id, scopes: ["users:read", "users:write"])

    public var keyId: String
    public var tenantId: String
    public var applicationId: String
    public var scopes: [String]
    /// When the key stops working; the gateway refuses it from then on, whatever it remembers.
    public var expiresAt: Date?
    /// The tenant's `apiRequestsPerMinute` quota, enforced by the gateway (absent: unlimited).
    public var apiRequestsPerMinute: Int?

    public init(keyId: String, tenantId: String, applicationId: String, scopes: [String], expiresAt: Date? = nil, apiRequestsPerMinute: Int? = nil) {
        self.keyId = keyId
        self.tenantId = tenantId
        self.applicationId = applicationId
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.apiRequestsPerMinute = apiRequestsPerMinute
    }
}

/// A tenant creates or updates one of its end users (seed 001 `users`).
public struct UpsertTenantUserV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.upsert-tenant-user", version: 1)
    public static let summary = "Creates or updates the end user with this externalId in the tenant of envelope.tenant (needs scope users:write)."
    public static let example = UpsertTenantUserV1(externalId: "user-8812", displayName: "Grace", avatarUrl: "https://cdn.acme.example/a/8812.png", customData: ["plan": "pro"])

    public var externalId: String
    public var displayName: String
    public var avatarUrl: String?
    public var customData: [String: String]?

    public init(externalId: String, displayName: String, avatarUrl: String? = nil, customData: [String: String]? = nil) {
        self.externalId = externalId
        self.displayName = displayName
        self.avatarUrl = avatarUrl
        self.customData = customData
    }
}

/// A tenant reads one of its end users.
public struct GetTenantUserV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.get-tenant-user", version: 1)
    public static let summary = "Returns the end user with this externalId in the tenant of envelope.tenant; another tenant's users are not found."
    public static let example = GetTenantUserV1(externalId: "user-8812")

    public var externalId: String

    public init(externalId: String) { self.externalId = externalId }
}
