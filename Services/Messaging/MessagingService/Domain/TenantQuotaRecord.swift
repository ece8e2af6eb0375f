import Foundation

/// What messaging knows of a tenant's quotas, from identity's `tenant-quotas-changed` events (a local
/// read model; decision 0035). Only the quota messaging enforces is kept.
struct TenantQuotaRecord: Codable, Sendable, Equatable {
    /// The tenant's id.
    var id: String
    /// Messages the tenant's users may send per UTC day; `nil` is unlimited.
    var messagesPerDay: Int?
    /// Identity's version of the quotas; an older event than the stored one is ignored.
    var version: Int
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", messagesPerDay, version, updatedAt }
}

/// Messages sent in a tenant on one UTC day, counted while the tenant has a `messagesPerDay` quota.
/// `_id` is `<tenantId>:<YYYY-MM-DD>`; the record expires two days after its day.
struct DailyMessageCount: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var count: Int
    var expiresAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", tenantId, count, expiresAt }
}
