import Foundation

// Values of the business-ai service (seed 002): businesses with their profile, branding, chat
// settings and subscription; members with a role and the seed's permission flags; custom roles; and
// the public assistant's answers. See docs/business-ai.md.

/// A member's role in a business (seed 002 `role`). A custom role keeps one of these as its base.
public enum BusinessRole: String, Codable, Sendable, CaseIterable {
    /// Everything, including deactivating and deleting the business; at least one remains.
    case owner
    /// Everything except what only owners do (deactivate, delete, make or unmake owners).
    case admin
    /// Uploads documents and reads analytics.
    case manager
    /// Uploads documents and chats.
    case staff

    /// Seed 002's permission flags of the role.
    public var permissions: BusinessPermissionsV1 {
        switch self {
        case .owner, .admin: BusinessPermissionsV1(
            canUploadDocuments: true, canDeleteDocuments: true, canManageTeam: true, canViewAnalytics: true, canManageSettings: true, canChat: true)
        case .manager: BusinessPermissionsV1(
            canUploadDocuments: true, canDeleteDocuments: false, canManageTeam: false, canViewAnalytics: true, canManageSettings: false, canChat: true)
        case .staff: BusinessPermissionsV1(
            canUploadDocuments: true, canDeleteDocuments: false, canManageTeam: false, canViewAnalytics: false, canManageSettings: false, canChat: true)
        }
    }
}

/// Where a membership is (seed 002 `status`).
public enum BusinessMemberStatus: String, Codable, Sendable, CaseIterable {
    /// Invited by email; becomes `active` when the user with that email accepts.
    case invited
    case active
    case suspended
}

/// What a member may do (seed 002 `permissions`). `custom` names a custom role's extra flags that
/// are granted (seed 002 `canAccessSalesData: true` is `custom: ["canAccessSalesData"]`).
public struct BusinessPermissionsV1: Codable, Sendable, Equatable {
    public var canUploadDocuments: Bool
    public var canDeleteDocuments: Bool
    public var canManageTeam: Bool
    public var canViewAnalytics: Bool
    public var canManageSettings: Bool
    public var canChat: Bool
    public var custom: [String]?

    public init(
        canUploadDocuments: Bool, canDeleteDocuments: Bool, canManageTeam: Bool, canViewAnalytics: Bool, canManageSettings: Bool, canChat: Bool,
        custom: [String]? = nil
    ) {
        self.canUploadDocuments = canUploadDocuments
        self.canDeleteDocuments = canDeleteDocuments
        self.canManageTeam = canManageTeam
        self.canViewAnalytics = canViewAnalytics
        self.canManageSettings = canManageSettings
        self.canChat = canChat
        self.custom = custom
    }
}

/// Map coordinates of an address.
public struct CoordinatesV1: Codable, Sendable, Equatable {
    /// −90…90.
    public var lat: Decimal
    /// −180…180.
    public var lng: Decimal
    public init(lat: Decimal, lng: Decimal) {
        self.lat = lat
        self.lng = lng
    }
}

/// A business's postal address (seed 002 `address`).
public struct BusinessAddressV1: Codable, Sendable, Equatable {
    public var street: String?
    public var city: String?
    public var state: String?
    public var country: String?
    public var zipCode: String?
    public var coordinates: CoordinatesV1?
    public init(street: String? = nil, city: String? = nil, state: String? = nil, country: String? = nil, zipCode: String? = nil, coordinates: CoordinatesV1? = nil) {
        self.street = street
        self.city = city
        self.state = state
        self.country = country
        self.zipCode = zipCode
        self.coordinates = coordinates
    }

    public static let example = BusinessAddressV1(
        street: "123 Main Street", city: "New York", state: "NY", country: "USA", zipCode: "10001", coordinates: CoordinatesV1(lat: Decimal(string: "40.7128")!, lng: Decimal(string: "-74.006")!))
}

/// How the public assistant of a business behaves (seed 002 `chatSettings`).
public struct ChatSettingsV1: Codable, Sendable, Equatable {
    /// 1–500 characters.
    public var welcomeMessage: String
    /// `false`: the public chat refuses every question.
    public var isPublic: Bool
    /// Questions per hour from one visitor address, 1–10,000.
    public var rateLimitPerIP: Int
    /// Whether answers name the documents they came from.
    public var showSources: Bool
    /// Whether a visitor must give an email address before asking.
    public var requireEmail: Bool

    public init(welcomeMessage: String, isPublic: Bool, rateLimitPerIP: Int, showSources: Bool, requireEmail: Bool) {
        self.welcomeMessage = welcomeMessage
        self.isPublic = isPublic
        self.rateLimitPerIP = rateLimitPerIP
        self.showSources = showSources
        self.requireEmail = requireEmail
    }

    /// Seed 002's defaults.
    public static let defaults = ChatSettingsV1(
        welcomeMessage: "Hi! Ask me anything about us.", isPublic: true, rateLimitPerIP: 10, showSources: false, requireEmail: false)
}

/// Partial chat settings: absent fields keep their value.
public struct ChatSettingsPatchV1: Codable, Sendable, Equatable {
    public var welcomeMessage: String?
    public var isPublic: Bool?
    public var rateLimitPerIP: Int?
    public var showSources: Bool?
    public var requireEmail: Bool?
    public init(welcomeMessage: String? = nil, isPublic: Bool? = nil, rateLimitPerIP: Int? = nil, showSources: Bool? = nil, requireEmail: Bool? = nil) {
        self.welcomeMessage = welcomeMessage
        self.isPublic = isPublic
        self.rateLimitPerIP = rateLimitPerIP
        self.showSources = showSources
        self.requireEmail = requireEmail
    }
}

/// A subscription plan (seed 002 `subscription.plan`).
public enum BusinessPlan: String, Codable, Sendable, CaseIterable {
    case free, starter, pro
}

/// A business's subscription and the limits it sets (seed 002 `subscription`).
public struct BusinessSubscriptionV1: Codable, Sendable, Equatable {
    public var plan: BusinessPlan
    /// `active` or `suspended`.
    public var status: String
    public var expiresAt: Date?
    /// Ingested documents at most.
    public var maxDocuments: Int
    /// Members (active and invited) at most.
    public var maxTeamMembers: Int

    public init(plan: BusinessPlan, status: String, expiresAt: Date?, maxDocuments: Int, maxTeamMembers: Int) {
        self.plan = plan
        self.status = status
        self.expiresAt = expiresAt
        self.maxDocuments = maxDocuments
        self.maxTeamMembers = maxTeamMembers
    }

    /// The free plan of a new business (seed 002's example: 50 documents, 5 members).
    public static let free = BusinessSubscriptionV1(plan: .free, status: "active", expiresAt: nil, maxDocuments: 50, maxTeamMembers: 5)
}

/// Counters kept with a business (seed 002 `stats`).
public struct BusinessStatsV1: Codable, Sendable, Equatable {
    public var totalDocuments: Int
    public var totalChats: Int
    public var totalTeamMembers: Int
    public init(totalDocuments: Int, totalChats: Int, totalTeamMembers: Int) {
        self.totalDocuments = totalDocuments
        self.totalChats = totalChats
        self.totalTeamMembers = totalTeamMembers
    }
}

/// A business as its members see it (seed 002 `businesses`).
public struct BusinessV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.business", version: 1)
    public static let summary = "A business: profile, contact, branding, chat settings, subscription, counters."
    public static let example = BusinessV1(
        id: "6650a1b2c3d4e5f6a7b8c9d0", businessName: "Luxury Salon & Spa", businessSlug: "luxury-salon-spa", businessType: "salon",
        industry: "beauty", description: "Premium hair and beauty treatments.", phone: "+1-555-0123", email: "info@luxurysalon.com",
        website: "https://luxurysalon.com", address: .example, logo: "https://cdn.example.com/logo.png", primaryColor: "#FF69B4",
        secondaryColor: "#FFB6C1", chatSettings: .defaults, subscription: .free,
        stats: BusinessStatsV1(totalDocuments: 6, totalChats: 1240, totalTeamMembers: 3), createdBy: "65f1c2a9e4b0a1b2c3d4e5f6",
        chromaCollectionId: "business_6650a1b2c3d4e5f6a7b8c9d0", isActive: true,
        createdAt: Date(timeIntervalSince1970: 1_704_067_200), updatedAt: Date(timeIntervalSince1970: 1_735_468_200))

    public var id: String
    public var businessName: String
    public var businessSlug: String
    public var businessType: String?
    public var industry: String?
    public var description: String?
    public var phone: String?
    public var email: String?
    public var website: String?
    public var address: BusinessAddressV1?
    public var logo: String?
    public var primaryColor: String?
    public var secondaryColor: String?
    public var chatSettings: ChatSettingsV1
    public var subscription: BusinessSubscriptionV1
    public var stats: BusinessStatsV1
    public var createdBy: String
    /// The Chroma collection of its document vectors: `business_{id}`.
    public var chromaCollectionId: String
    public var isActive: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, businessName: String, businessSlug: String, businessType: String?, industry: String?, description: String?, phone: String?,
        email: String?, website: String?, address: BusinessAddressV1?, logo: String?, primaryColor: String?, secondaryColor: String?,
        chatSettings: ChatSettingsV1, subscription: BusinessSubscriptionV1, stats: BusinessStatsV1, createdBy: String, chromaCollectionId: String,
        isActive: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.businessName = businessName
        self.businessSlug = businessSlug
        self.businessType = businessType
        self.industry = industry
        self.description = description
        self.phone = phone
        self.email = email
        self.website = website
        self.address = address
        self.logo = logo
        self.primaryColor = primaryColor
        self.secondaryColor = secondaryColor
        self.chatSettings = chatSettings
        self.subscription = subscription
        self.stats = stats
        self.createdBy = createdBy
        self.chromaCollectionId = chromaCollectionId
        self.isActive = isActive
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One of the caller's businesses with the caller's role in it.
public struct MyBusinessV1: Codable, Sendable, Equatable {
    public var business: BusinessV1
    public var role: BusinessRole
    public var customRoleName: String?
    public var permissions: BusinessPermissionsV1
    public init(business: BusinessV1, role: BusinessRole, customRoleName: String?, permissions: BusinessPermissionsV1) {
        self.business = business
        self.role = role
        self.customRoleName = customRoleName
        self.permissions = permissions
    }
}

/// The businesses the caller is an active member of.
public struct MyBusinessesV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.my-businesses", version: 1)
    public static let summary = "The businesses the caller is an active member of, each with the caller's role and permissions."
    public static let example = MyBusinessesV1(businesses: [
        MyBusinessV1(business: .example, role: .owner, customRoleName: nil, permissions: BusinessRole.owner.permissions),
    ])
    public var businesses: [MyBusinessV1]
    public init(businesses: [MyBusinessV1]) { self.businesses = businesses }
}

/// A member of a business (seed 002 `businessMembers`).
public struct BusinessMemberV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.member", version: 1)
    public static let summary = "A member of a business: user (once known), invited email, role, permissions, status."
    public static let example = BusinessMemberV1(
        id: "6650a1b2c3d4e5f6a7b8c9e1", businessId: BusinessV1.example.id, userId: "65f1c2a9e4b0a1b2c3d4e5f7", email: "sam@luxurysalon.com",
        role: .manager, customRoleName: nil, permissions: BusinessRole.manager.permissions, status: .active, invitedBy: BusinessV1.example.createdBy,
        invitedAt: Date(timeIntervalSince1970: 1_704_844_800), joinedAt: Date(timeIntervalSince1970: 1_705_276_800),
        createdAt: Date(timeIntervalSince1970: 1_704_844_800), updatedAt: Date(timeIntervalSince1970: 1_735_468_200))

    public var id: String
    public var businessId: String
    /// `nil` while invited by an email no account has yet.
    public var userId: String?
    public var email: String?
    public var role: BusinessRole
    public var customRoleName: String?
    public var permissions: BusinessPermissionsV1
    public var status: BusinessMemberStatus
    public var invitedBy: String?
    public var invitedAt: Date?
    public var joinedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, businessId: String, userId: String?, email: String?, role: BusinessRole, customRoleName: String?, permissions: BusinessPermissionsV1,
        status: BusinessMemberStatus, invitedBy: String?, invitedAt: Date?, joinedAt: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.businessId = businessId
        self.userId = userId
        self.email = email
        self.role = role
        self.customRoleName = customRoleName
        self.permissions = permissions
        self.status = status
        self.invitedBy = invitedBy
        self.invitedAt = invitedAt
        self.joinedAt = joinedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A business's members.
public struct BusinessMembersV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.members", version: 1)
    public static let summary = "The members of a business (active, invited and suspended), owners first."
    public static let example = BusinessMembersV1(members: [.example])
    public var members: [BusinessMemberV1]
    public init(members: [BusinessMemberV1]) { self.members = members }
}

/// A custom role of a business (seed 002 `roles`).
public struct BusinessCustomRoleV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.custom-role", version: 1)
    public static let summary = "A custom role of a business: name, slug (unique in the business), base role and permission flags."
    public static let example = BusinessCustomRoleV1(
        id: "6650a1b2c3d4e5f6a7b8c9f2", businessId: BusinessV1.example.id, roleName: "Sales Manager", roleSlug: "sales-manager",
        description: "Manages sales team and documentation", baseRole: .manager,
        permissions: BusinessPermissionsV1(
            canUploadDocuments: true, canDeleteDocuments: false, canManageTeam: true, canViewAnalytics: true, canManageSettings: false, canChat: true,
            custom: ["canAccessSalesData", "canExportReports"]),
        isSystemRole: false, isActive: true, createdBy: BusinessV1.example.createdBy, createdAt: Date(timeIntervalSince1970: 1_705_708_800),
        updatedAt: Date(timeIntervalSince1970: 1_735_468_200))

    public var id: String
    public var businessId: String
    public var roleName: String
    public var roleSlug: String
    public var description: String?
    /// The system role members with this role have (`role` of the membership); never `owner`.
    public var baseRole: BusinessRole
    public var permissions: BusinessPermissionsV1
    public var isSystemRole: Bool
    public var isActive: Bool
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, businessId: String, roleName: String, roleSlug: String, description: String?, baseRole: BusinessRole,
        permissions: BusinessPermissionsV1, isSystemRole: Bool, isActive: Bool, createdBy: String, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.businessId = businessId
        self.roleName = roleName
        self.roleSlug = roleSlug
        self.description = description
        self.baseRole = baseRole
        self.permissions = permissions
        self.isSystemRole = isSystemRole
        self.isActive = isActive
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A business's custom roles.
public struct BusinessCustomRolesV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.custom-roles", version: 1)
    public static let summary = "The custom roles of a business, by name."
    public static let example = BusinessCustomRolesV1(roles: [.example])
    public var roles: [BusinessCustomRoleV1]
    public init(roles: [BusinessCustomRoleV1]) { self.roles = roles }
}
