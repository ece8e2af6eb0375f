import Foundation

/// What documents knows of a tenant's quotas, from identity's `tenant-quotas-changed` events (a local
/// read model; decision 0035). Only the quota documents enforces is kept.
struct TenantQuotaRecord: Codable, Sendable, Equatable {
    /// The tenant's id.
    var id: String
    /// Bytes the tenant's documents may hold (every stored version counts); `nil` is unlimited.
    var storageBytes: Int?
    /// Identity's version of the quotas; an older event than the stored one is ignored.
    var version: Int
    var updatedAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", storageBytes, version, updatedAt }
}
