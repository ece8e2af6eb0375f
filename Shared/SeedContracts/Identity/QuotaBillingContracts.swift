import Foundation

// Quota enforcement, the "quota exceeded" announcement and the monthly billing usage record
// (issue 23, decision 0035). Services that enforce a tenant's quota (identity: users; messaging:
// messages per day; documents: storage bytes; the gateway: API requests per minute) refuse with
// ``ContractError/quotaExceeded(_:limit:current:tenantId:retryAfterSeconds:)`` and report the refusal
// to identity (`identity.report-quota-exceeded.v1`), which announces it once per tenant, quota and
// period (`identity.tenant-quota-exceeded.v1`) and counts it in the tenant's usage record.

/// The quotas of a tenant (the members of ``TenantQuotasV1``).
public enum TenantQuota: String, Codable, Sendable, CaseIterable {
    case users
    case messagesPerDay
    case storageBytes
    case apiRequestsPerMinute

    /// Whether the quota is a rate (it refills with its period: 429) or a capacity (409).
    public var isRate: Bool { self == .messagesPerDay || self == .apiRequestsPerMinute }

    /// The period a refusal is announced once for, in UTC: `2026-12-03` for messages per day,
    /// `2026-12-03T15:04` for API requests per minute, `2026-12` (the month) for the capacities.
    public func period(at date: Date) -> String {
        let parts = TenantUsageMonth.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        switch self {
        case .messagesPerDay: return day
        case .apiRequestsPerMinute: return day + String(format: "T%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        case .users, .storageBytes: return TenantUsageMonth.month(of: date)
        }
    }
}

/// Months of the usage record (`YYYY-MM`, UTC).
public enum TenantUsageMonth {
    /// The UTC month of `date`, `2026-12`.
    public static func month(of date: Date) -> String {
        let parts = TenantUsageMonth.calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// Whether `text` is a month `YYYY-MM` (years 2000 to 9999).
    public static func isMonth(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return false }
        return (2000...9999).contains(year) && (1...12).contains(month)
    }
}

extension TenantUsageMonth {
    /// The Gregorian calendar in UTC.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension ContractError {
    /// A tenant's quota refused the request; nothing changed. A rate (messages per day, API requests per
    /// minute) is `rate_limited` (HTTP 429, with `retryAfterSeconds`); a capacity (users, storage bytes)
    /// is a `conflict` (HTTP 409). `details`: `reason` = `quota_exceeded`, `quota`, `limit`, and
    /// `current` when known.
    public static func quotaExceeded(
        _ quota: TenantQuota, limit: Int, current: Int? = nil, tenantId: String, retryAfterSeconds: Int? = nil
    ) -> ContractError {
        var details = ["reason": "quota_exceeded", "quota": quota.rawValue, "limit": String(limit), "field": "quotas.\(quota.rawValue)"]
        if let current { details["current"] = String(current) }
        if let retryAfterSeconds { details["retryAfterSeconds"] = String(max(1, retryAfterSeconds)) }
        let message = "tenant \(tenantId) has reached its \(quota.rawValue) quota of \(limit)"
        return ContractError(quota.isRate ? .rateLimited : .conflict, message, details: details)
    }

    /// Whether this error is a refusal by a tenant's quota (``quotaExceeded(_:limit:current:tenantId:retryAfterSeconds:)``).
    public var isQuotaExceeded: Bool { details["reason"] == "quota_exceeded" }
}

/// A service refused a request because a tenant's quota is used up.
public struct ReportQuotaExceededV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.report-quota-exceeded", version: 1)
    public static let summary = "A service refused a request by a tenant's quota; identity announces it once per tenant, quota and period and counts it in the usage record."
    public static let example = ReportQuotaExceededV1(tenantId: "acme", quota: .messagesPerDay, limit: 500_000, period: "2026-12-03", service: "messaging")

    public var tenantId: String
    public var quota: TenantQuota
    public var limit: Int
    /// ``TenantQuota/period(at:)`` of the refusal.
    public var period: String
    /// The service that refused (`identity`, `messaging`, `documents`, `gateway`).
    public var service: String

    public init(tenantId: String, quota: TenantQuota, limit: Int, period: String, service: String) {
        self.tenantId = tenantId
        self.quota = quota
        self.limit = limit
        self.period = period
        self.service = service
    }
}

/// A tenant used up one of its quotas.
public struct TenantQuotaExceededV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.tenant-quota-exceeded", version: 1)
    public static let summary = "A tenant's quota refused a request; announced once per tenant, quota and period (day, minute or month)."
    public static let example = TenantQuotaExceededV1(tenantId: "acme", quota: .messagesPerDay, limit: 500_000, period: "2026-12-03", service: "messaging")

    public var tenantId: String
    public var quota: TenantQuota
    public var limit: Int
    public var period: String
    public var service: String

    public init(tenantId: String, quota: TenantQuota, limit: Int, period: String, service: String) {
        self.tenantId = tenantId
        self.quota = quota
        self.limit = limit
        self.period = period
        self.service = service
    }
}

/// A tenant's usage in one month, for billing.
public struct TenantUsageV1: Message, Equatable {
    public static let messageType = MessageType("identity.tenant-usage", version: 1)
    public static let summary = "A tenant's usage in one UTC month: messages sent, bytes stored, active users, quota refusals; built from the services' events."
    public static let example = TenantUsageV1(
        tenantId: "acme", month: "2026-12", plan: "business", messagesSent: 182_340, storageBytesAdded: 73_400_320, storageBytesRemoved: 1_048_576,
        storageBytesUsed: 5_368_709_120, activeUsers: 412, users: 1_250, quotaExceeded: [.messagesPerDay], updatedAt: Date(timeIntervalSince1970: 1_796_300_000))

    public var tenantId: String
    /// `YYYY-MM` (UTC).
    public var month: String
    public var plan: String?
    /// Messages sent in the tenant's conversations (`messaging.message-sent`).
    public var messagesSent: Int
    /// Bytes of files stored (`documents.document-uploaded`, `documents.document-version-added`).
    public var storageBytesAdded: Int
    /// Bytes of files deleted (`documents.document-deleted`).
    public var storageBytesRemoved: Int
    /// Bytes the tenant's live documents hold now (not only this month's).
    public var storageBytesUsed: Int
    /// Distinct users who sent a message or were created or updated through the tenant's API.
    public var activeUsers: Int
    /// The tenant's end users now (not only this month's).
    public var users: Int
    /// Quotas that refused a request this month.
    public var quotaExceeded: [TenantQuota]
    public var updatedAt: Date?

    public init(
        tenantId: String, month: String, plan: String?, messagesSent: Int, storageBytesAdded: Int, storageBytesRemoved: Int, storageBytesUsed: Int, activeUsers: Int,
        users: Int, quotaExceeded: [TenantQuota], updatedAt: Date?
    ) {
        self.tenantId = tenantId
        self.month = month
        self.plan = plan
        self.messagesSent = messagesSent
        self.storageBytesAdded = storageBytesAdded
        self.storageBytesRemoved = storageBytesRemoved
        self.storageBytesUsed = storageBytesUsed
        self.activeUsers = activeUsers
        self.users = users
        self.quotaExceeded = quotaExceeded
        self.updatedAt = updatedAt
    }
}

/// A tenant's administrator reads the usage record of a month.
public struct GetTenantUsageV1: IdentityCommand, Equatable {
    public typealias Reply = TenantUsageV1
    public static let messageType = MessageType("identity.get-tenant-usage", version: 1)
    public static let summary = "A tenant's usage record of one month (default: the current one); administrators."
    public static let example = GetTenantUsageV1(tenantId: "acme", month: "2026-12")

    public var tenantId: String
    /// `YYYY-MM`; the current UTC month when absent.
    public var month: String?

    public init(tenantId: String, month: String? = nil) {
        self.tenantId = tenantId
        self.month = month
    }
}

// MARK: - API keys: rotation and use (decision 0036)

/// An administrator rotates an API key: a new key with the same application and scopes, while the old
/// one keeps working until the end of the overlap.
public struct RotateAPIKeyV1: IdentityCommand, Equatable {
    public typealias Reply = CreatedAPIKeyV1
    public static let messageType = MessageType("identity.rotate-api-key", version: 1)
    public static let summary = "Makes a new key for the same application and scopes; the old key keeps working for overlapMinutes (0 to 10080, default 60), then stops."
    public static let example = RotateAPIKeyV1(tenantId: "acme", keyId: APIKeyV1.example.id, overlapMinutes: 60)

    public var tenantId: String
    public var keyId: String
    public var overlapMinutes: Int?

    public init(tenantId: String, keyId: String, overlapMinutes: Int? = nil) {
        self.tenantId = tenantId
        self.keyId = keyId
        self.overlapMinutes = overlapMinutes
    }
}

/// When the gateway last saw an API key in use.
public struct APIKeyUseV1: Codable, Sendable, Equatable {
    public var keyId: String
    public var lastUsedAt: Date

    public init(keyId: String, lastUsedAt: Date) {
        self.keyId = keyId
        self.lastUsedAt = lastUsedAt
    }
}

/// The gateway reports API keys' use, at most once a minute per key and instance.
public struct RecordAPIKeyUseV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.record-api-key-use", version: 1)
    public static let summary = "Moves the keys' lastUsedAt forward (never back); the gateway sends it at most once a minute per key, not per request."
    public static let example = RecordAPIKeyUseV1(uses: [APIKeyUseV1(keyId: APIKeyV1.example.id, lastUsedAt: Date(timeIntervalSince1970: 1_796_300_000))])

    public var uses: [APIKeyUseV1]

    public init(uses: [APIKeyUseV1]) { self.uses = uses }
}
