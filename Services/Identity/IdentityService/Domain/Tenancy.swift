import Foundation
public import SeedContracts

/// A tenant of the chat platform (seed 001 platform `clients`).
public struct Tenant: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var status: String
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var plan: String?
    public var quotas: TenantQuotasV1?
    public var statusReason: String?
    /// Counts changes of the quotas or plan (``TenantQuotasChangedV1/version``).
    public var quotasVersion: Int?

    public init(id: String, name: String, status: String, createdBy: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.status = status
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey { case id = "_id", name, status, createdBy, createdAt, updatedAt, plan, quotas, statusReason, quotasVersion }

    public var view: TenantV1 { TenantV1(id: id, name: name, status: status, createdAt: createdAt, plan: plan, quotas: quotas) }

    /// Each quota, when set, is 0 to 10¹⁵; `plan` is 1 to 40 letters, digits, `_` or `-`.
    public static func validate(quotas: TenantQuotasV1) throws(ContractError) {
        let fields: [(String, Int?)] = [
            ("quotas.users", quotas.users), ("quotas.messagesPerDay", quotas.messagesPerDay), ("quotas.storageBytes", quotas.storageBytes),
            ("quotas.apiRequestsPerMinute", quotas.apiRequestsPerMinute),
        ]
        for (field, value) in fields {
            if let value, !(0...1_000_000_000_000_000).contains(value) {
                throw ContractError.validation("\(field) must be 0 to 10^15 (absent is unlimited)", field: field)
            }
        }
    }

    public static func validate(plan: String) throws(ContractError) {
        guard (1...40).contains(plan.count), plan.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-".contains($0)) }) else {
            throw ContractError.validation("a plan has 1 to 40 letters, digits, '_' or '-'", field: "plan")
        }
    }

    /// 3 to 40 characters of `a-z`, `0-9` and `-`, starting with a letter.
    public static func validateId(_ id: String) throws(ContractError) {
        guard (3...40).contains(id.count), id.first?.isLetter == true,
              id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        else { throw ContractError.validation("a tenant id has 3 to 40 lower-case letters, digits or '-', starting with a letter", field: "id") }
    }
}

/// An application of a tenant (seed 001 platform `applications`).
public struct Application: Codable, Sendable, Equatable {
    public var id: String
    public var tenantId: String
    public var name: String
    public var createdAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", tenantId, name, createdAt }

    public var view: ApplicationV1 { ApplicationV1(id: id, tenantId: tenantId, name: name, createdAt: createdAt) }
}

/// An API key (seed 001 platform `api_keys`, hashed): the key itself is shown once and stored only as
/// its SHA-256 digest.
public struct APIKey: Codable, Sendable, Equatable {
    public var id: String
    public var tenantId: String
    public var applicationId: String
    public var name: String
    public var prefix: String
    public var keyHash: String
    public var scopes: [String]
    public var createdBy: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    /// The stated expiry, or the end of a rotation's overlap (decision 0036).
    public var expiresAt: Date?
    /// The key a rotation made in this one's place.
    public var replacedBy: String?

    enum CodingKeys: String, CodingKey {
        case id = "_id", tenantId, applicationId, name, prefix, keyHash, scopes, createdBy, createdAt, lastUsedAt, revokedAt, expiresAt, replacedBy
    }

    public var view: APIKeyV1 {
        APIKeyV1(
            id: id, tenantId: tenantId, applicationId: applicationId, name: name, prefix: prefix, scopes: scopes,
            createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt, expiresAt: expiresAt, replacedBy: replacedBy)
    }

    /// Whether the key authenticates at `now`: not revoked, not past its expiry.
    public func isLive(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    /// The longest an expiry may lie ahead: two years.
    public static let longestLifetime: TimeInterval = 2 * 366 * 86_400

    /// An expiry in the future, at most ``longestLifetime`` ahead; a validation error naming `expiresAt` otherwise.
    public static func validate(expiresAt: Date, now: Date) throws(ContractError) {
        guard expiresAt > now, expiresAt.timeIntervalSince(now) <= longestLifetime else {
            throw ContractError.validation("expiresAt must lie in the future, at most two years ahead", field: "expiresAt")
        }
    }

    /// The scopes an API key may carry.
    public static let knownScopes = Set(APIKeyScopes.known)

    /// At least one scope, each known.
    public static func validateScopes(_ scopes: [String]) throws(ContractError) {
        guard !scopes.isEmpty else { throw ContractError.validation("an API key needs at least one scope", field: "scopes") }
        for scope in scopes where !knownScopes.contains(scope) {
            throw ContractError.validation(
                "unknown scope '\(scope)'; one of \(knownScopes.sorted().joined(separator: ", "))", field: "scopes")
        }
    }
}
