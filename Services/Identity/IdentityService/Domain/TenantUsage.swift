import Foundation
import SeedContracts

/// A tenant's usage in one UTC month (seed 001 platform `billing`), counted from the services' events
/// (decision 0035). `_id` is `<tenantId>:<YYYY-MM>`.
public struct TenantUsage: Codable, Sendable, Equatable {
    public var id: String
    public var tenantId: String
    public var month: String
    public var messagesSent: Int = 0
    public var storageBytesAdded: Int = 0
    public var storageBytesRemoved: Int = 0
    public var activeUsers: Int = 0
    /// ``TenantQuota`` raw values that refused a request this month.
    public var quotaExceeded: [String] = []
    public var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, month, messagesSent, storageBytesAdded, storageBytesRemoved, activeUsers, quotaExceeded, updatedAt
    }

    public static func id(tenant: String, month: String) -> String { "\(tenant):\(month)" }

    /// Records are made by upserts that increment one counter: the others may be absent (zero).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        tenantId = try container.decode(String.self, forKey: .tenantId)
        month = try container.decode(String.self, forKey: .month)
        messagesSent = try container.decodeIfPresent(Int.self, forKey: .messagesSent) ?? 0
        storageBytesAdded = try container.decodeIfPresent(Int.self, forKey: .storageBytesAdded) ?? 0
        storageBytesRemoved = try container.decodeIfPresent(Int.self, forKey: .storageBytesRemoved) ?? 0
        activeUsers = try container.decodeIfPresent(Int.self, forKey: .activeUsers) ?? 0
        quotaExceeded = try container.decodeIfPresent([String].self, forKey: .quotaExceeded) ?? []
        updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt)
    }
}

/// One user seen active in a tenant's month (so that a user counts once in ``TenantUsage/activeUsers``).
/// `_id` is `<tenantId>:<YYYY-MM>:<userId>`.
public struct ActiveUserMark: Codable, Sendable, Equatable {
    public var id: String
    public var tenantId: String
    public var month: String
    public var createdAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", tenantId, month, createdAt }
}

/// A document's bytes as identity learned them from documents' events, so that a deletion can be
/// counted as storage removed and the tenant's storage in use summed. `_id` is the document id.
public struct DocumentSize: Codable, Sendable, Equatable {
    public var id: String
    public var tenantId: String
    /// The sum of the document's versions' sizes.
    public var bytes: Int
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", tenantId, bytes, updatedAt }
}

/// One announcement of a used-up quota: at most one per tenant, quota and period.
/// `_id` is `<tenantId>:<quota>:<period>`.
public struct QuotaNotice: Codable, Sendable, Equatable {
    public var id: String
    public var tenantId: String
    public var quota: String
    public var period: String
    public var service: String
    public var createdAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", tenantId, quota, period, service, createdAt }
}
