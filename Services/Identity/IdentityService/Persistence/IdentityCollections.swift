public import SeedStore

// Where each identity record lives and the indexes the seeds give it, declared in code and created at
// start-up (idempotent). Deviations from the seeds are explained in docs/decisions/0008-identity-and-gateway.md.

extension User: StoredDocument {
    public static let collection = CollectionSpec(
        "users",
        indexes: [
            // Seed 000 `{email: 1}` unique. Sparse as well: a tenant's end users (seed 001) have no email.
            IndexSpec([.ascending("email")], unique: true, sparse: true),
            IndexSpec([.ascending("phone")], unique: true, sparse: true),
            IndexSpec([.ascending("googleId")], unique: true, sparse: true),
            IndexSpec([.ascending("username")], unique: true, sparse: true),
            IndexSpec([.ascending("role"), .ascending("status")]),
            IndexSpec([.descending("createdAt")]),
            // Seed 001: tenant_id, external_id, last_seen.
            IndexSpec([.ascending("tenantId"), .ascending("externalId")], unique: true, sparse: true),
            IndexSpec([.ascending("tenantId"), .descending("lastSeenAt")], sparse: true),
            IndexSpec([.ascending("verification.email.tokenHash")], sparse: true),
            // Seed 000 `{"authentication.refreshTokens.token": 1}`. Refresh tokens live in `refresh_tokens`
            // (seed 004), so no user document has this field: the sparse index is declared so that an
            // installation created from the seeds' scripts and one created here have the same indexes,
            // and it costs nothing while the field is absent (decision 0029).
            IndexSpec([.ascending("authentication.refreshTokens.token")], sparse: true),
            IndexSpec([.ascending("passwordReset.tokenHash")], sparse: true),
        ],
        fields: ["deletedAt", "profile", "verification", "authentication"])
}

extension RefreshSession: StoredDocument {
    public static let collection = CollectionSpec(
        "refresh_tokens",
        indexes: [
            // Seed 004.
            IndexSpec([.ascending("userId"), .ascending("sessionId")], unique: true),
            .expiring("expiresAt"),
            IndexSpec([.ascending("tokenHash")], unique: true),
            // No index on `previousTokenHashes`: a presented token names its session, which is read by
            // `_id`, and reuse is checked in that document. Indexing the 50 digests cost every refresh
            // 100 index keys for no query (decision 0008).
        ],
        fields: ["revokedAt", "deviceId"]).tenantScoped(through: "userId", in: "users", matching: "_id")
}

extension Relationship: StoredDocument {
    public static let collection = CollectionSpec(
        "relationships",
        indexes: [
            // A user's relationships, newest change first, by kind (decision 0029: the seed embeds them in
            // `users`; a collection of their own keeps a user document small and a change a one-row write).
            IndexSpec([.ascending("userId"), .descending("updatedAt")]),
            IndexSpec([.ascending("userId"), .ascending("friendship")]),
            IndexSpec([.ascending("otherUserId")]),
        ],
        fields: ["blocked", "muted"]).tenantScoped(through: "userId", in: "users", matching: "_id")
}

extension DeviceKey: StoredDocument {
    public static let collection = CollectionSpec(
        "device_keys",
        indexes: [
            // A user's keys newest first; one version per user (a concurrent publish is a conflict).
            IndexSpec([.ascending("userId"), .descending("keyVersion")], unique: true),
            IndexSpec([.ascending("userId"), .ascending("deviceId"), .descending("keyVersion")]),
        ],
        fields: ["retiredAt"]).tenantScoped(through: "userId", in: "users", matching: "_id")
}

extension Tenant: StoredDocument {
    // The tenant record itself belongs to its data (export and erasure, decision 0039).
    public static let collection = CollectionSpec("tenants", indexes: [IndexSpec([.ascending("status")])], fields: ["name"]).tenantScoped(by: "_id")
}

extension Application: StoredDocument {
    public static let collection = CollectionSpec("applications", indexes: [IndexSpec([.ascending("tenantId"), .ascending("createdAt")])])
}

extension APIKey: StoredDocument {
    public static let collection = CollectionSpec(
        "api_keys",
        indexes: [
            IndexSpec([.ascending("keyHash")], unique: true),
            IndexSpec([.ascending("tenantId"), .descending("createdAt")]),
        ],
        fields: ["revokedAt", "applicationId", "expiresAt", "lastUsedAt"])
}

extension TenantUsage: StoredDocument {
    /// Seed 001 platform `billing`: one usage record per tenant and month (decision 0035).
    public static let collection = CollectionSpec(
        "billing", indexes: [IndexSpec([.ascending("tenantId"), .descending("month")])], fields: ["quotaExceeded"])
}

extension ActiveUserMark: StoredDocument {
    /// Who was active in a tenant's month; kept 400 days.
    public static let collection = CollectionSpec("billing_active_users", indexes: [.expiring("createdAt", after: 34_560_000)]).tenantScoped(by: "tenantId")
}

extension DocumentSize: StoredDocument {
    public static let collection = CollectionSpec("document_sizes", indexes: [IndexSpec([.ascending("tenantId")])], fields: ["bytes"])
}

extension QuotaNotice: StoredDocument {
    /// Announcements of used-up quotas, one per tenant, quota and period; kept 400 days.
    public static let collection = CollectionSpec(
        "quota_notices", indexes: [IndexSpec([.ascending("tenantId"), .descending("createdAt")]), .expiring("createdAt", after: 34_560_000)])
}

extension AuditEntry: StoredDocument {
    public static let collection = CollectionSpec(
        "audit_logs",
        indexes: [
            // Seed 000, including the one-year TTL.
            IndexSpec([.ascending("userId"), .descending("timestamp")]),
            IndexSpec([.ascending("action"), .ascending("resource")]),
            IndexSpec([.descending("timestamp")]),
            .expiring("createdAt", after: 31_536_000),
        ]).tenantScoped(through: "userId", in: "users", matching: "_id")
}

extension StoredSigningKey: StoredDocument {
    public static let collection = CollectionSpec("signing_keys", indexes: [IndexSpec([.descending("createdAt")])])
}

/// Every collection identity owns.
public enum IdentityCollections {
    public static let all: [CollectionSpec] = [
        User.collection, RefreshSession.collection, Tenant.collection, Application.collection, APIKey.collection,
        AuditEntry.collection, StoredSigningKey.collection, Relationship.collection, DeviceKey.collection,
        TenantUsage.collection, ActiveUserMark.collection, DocumentSize.collection, QuotaNotice.collection,
    ]
}
