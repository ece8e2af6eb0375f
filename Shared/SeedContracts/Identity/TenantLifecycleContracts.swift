import Foundation

// Tenants' lifecycle and quotas (issue 23): list, read, update, suspend and reactivate tenants; list
// their applications. A suspended tenant's API keys stop at once; its quotas are announced so that
// the services where the work happens can enforce them.

/// What a tenant may use; `nil` is unlimited.
public struct TenantQuotasV1: Codable, Sendable, Equatable {
    /// End users of the tenant.
    public var users: Int?
    public var messagesPerDay: Int?
    public var storageBytes: Int?
    public var apiRequestsPerMinute: Int?

    public init(users: Int? = nil, messagesPerDay: Int? = nil, storageBytes: Int? = nil, apiRequestsPerMinute: Int? = nil) {
        self.users = users
        self.messagesPerDay = messagesPerDay
        self.storageBytes = storageBytes
        self.apiRequestsPerMinute = apiRequestsPerMinute
    }

    public static let example = TenantQuotasV1(users: 10_000, messagesPerDay: 500_000, storageBytes: 10_737_418_240, apiRequestsPerMinute: 600)
}

/// Tenants of the chat platform.
public struct TenantListV1: Message, Equatable {
    public static let messageType = MessageType("identity.tenant-list", version: 1)
    public static let summary = "Tenants, by id."
    public static let example = TenantListV1(tenants: [TenantV1.example])

    public var tenants: [TenantV1]

    public init(tenants: [TenantV1]) { self.tenants = tenants }
}

/// A super administrator lists the tenants.
public struct ListTenantsV1: IdentityCommand, Equatable {
    public typealias Reply = TenantListV1
    public static let messageType = MessageType("identity.list-tenants", version: 1)
    public static let summary = "Lists tenants by id, optionally of one status; super_admin only; at most 1000."
    public static let example = ListTenantsV1(status: "active")

    /// `active` or `suspended`; every tenant when absent.
    public var status: String?

    public init(status: String? = nil) { self.status = status }
}

/// An administrator reads a tenant.
public struct GetTenantV1: IdentityCommand, Equatable {
    public typealias Reply = TenantV1
    public static let messageType = MessageType("identity.get-tenant", version: 1)
    public static let summary = "Returns a tenant with its plan and quotas; administrators."
    public static let example = GetTenantV1(tenantId: "acme")

    public var tenantId: String

    public init(tenantId: String) { self.tenantId = tenantId }
}

/// A super administrator changes a tenant's name, plan or quotas.
public struct UpdateTenantV1: IdentityCommand, Equatable {
    public typealias Reply = TenantV1
    public static let messageType = MessageType("identity.update-tenant", version: 1)
    public static let summary = "Changes the fields given of a tenant (name, plan, quotas); a users quota below the tenant's current users is refused; new quotas are announced."
    public static let example = UpdateTenantV1(tenantId: "acme", name: "Acme Corporation", plan: "business", quotas: TenantQuotasV1.example)

    public var tenantId: String
    public var name: String?
    public var plan: String?
    /// Replaces the quotas as a whole when given.
    public var quotas: TenantQuotasV1?

    public init(tenantId: String, name: String? = nil, plan: String? = nil, quotas: TenantQuotasV1? = nil) {
        self.tenantId = tenantId
        self.name = name
        self.plan = plan
        self.quotas = quotas
    }
}

/// A super administrator suspends or reactivates a tenant.
public struct SetTenantStatusV1: IdentityCommand, Equatable {
    public typealias Reply = TenantV1
    public static let messageType = MessageType("identity.set-tenant-status", version: 1)
    public static let summary = "Suspends (its API keys stop at once) or reactivates a tenant; super_admin only; announced."
    public static let example = SetTenantStatusV1(tenantId: "acme", status: "suspended", reason: "unpaid invoice")

    /// `active` or `suspended`.
    public var tenantId: String
    public var status: String
    public var reason: String?

    public init(tenantId: String, status: String, reason: String? = nil) {
        self.tenantId = tenantId
        self.status = status
        self.reason = reason
    }
}

/// A tenant's applications.
public struct ApplicationListV1: Message, Equatable {
    public static let messageType = MessageType("identity.application-list", version: 1)
    public static let summary = "A tenant's applications, oldest first."
    public static let example = ApplicationListV1(applications: [ApplicationV1.example])

    public var applications: [ApplicationV1]

    public init(applications: [ApplicationV1]) { self.applications = applications }
}

/// An administrator lists a tenant's applications.
public struct ListApplicationsV1: IdentityCommand, Equatable {
    public typealias Reply = ApplicationListV1
    public static let messageType = MessageType("identity.list-applications", version: 1)
    public static let summary = "Lists a tenant's applications, oldest first; administrators."
    public static let example = ListApplicationsV1(tenantId: "acme")

    public var tenantId: String

    public init(tenantId: String) { self.tenantId = tenantId }
}

/// A tenant was suspended or reactivated.
public struct TenantStatusChangedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.tenant-status-changed", version: 1)
    public static let summary = "A tenant was suspended (its API keys stop working) or reactivated."
    public static let example = TenantStatusChangedV1(tenantId: "acme", status: "suspended", reason: "unpaid invoice")

    public var tenantId: String
    public var status: String
    public var reason: String?

    public init(tenantId: String, status: String, reason: String?) {
        self.tenantId = tenantId
        self.status = status
        self.reason = reason
    }
}

/// A tenant's quotas changed.
public struct TenantQuotasChangedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.tenant-quotas-changed", version: 1)
    public static let summary = "A tenant's quotas as they are now (nil is unlimited), for the services that enforce them."
    public static let example = TenantQuotasChangedV1(tenantId: "acme", plan: "business", quotas: TenantQuotasV1.example, version: 3)

    public var tenantId: String
    public var plan: String?
    public var quotas: TenantQuotasV1
    /// Grows with every change of the tenant's quotas or plan: a read model keeps the highest, so a late
    /// event changes nothing.
    public var version: Int?

    public init(tenantId: String, plan: String?, quotas: TenantQuotasV1, version: Int? = nil) {
        self.tenantId = tenantId
        self.plan = plan
        self.quotas = quotas
        self.version = version
    }
}
