import Foundation

// Commands of the business-ai service. The caller is `envelope.actor` (set by the gateway from a
// verified token); every command on a business checks the caller's active membership and the
// permission flag it needs, and a business the caller is not a member of is `not_found`.

private let exampleBusiness = BusinessV1.example.id

/// Creates a business; the caller becomes its owner.
public struct CreateBusinessV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessV1
    public static let messageType = MessageType("business-ai.create-business", version: 1)
    public static let summary = "Creates a business with a unique name and a slug made from it; the caller becomes its owner."
    public static let example = CreateBusinessV1(
        businessName: "Luxury Salon & Spa", businessType: "salon", industry: "beauty", description: "Premium hair and beauty treatments.",
        phone: "+1-555-0123", email: "info@luxurysalon.com", website: "https://luxurysalon.com", address: .example)

    /// 2–100 characters, unique (ignoring case).
    public var businessName: String
    public var businessType: String?
    public var industry: String?
    /// At most 2,000 characters.
    public var description: String?
    public var phone: String?
    public var email: String?
    /// http or https.
    public var website: String?
    public var address: BusinessAddressV1?

    public init(
        businessName: String, businessType: String? = nil, industry: String? = nil, description: String? = nil, phone: String? = nil,
        email: String? = nil, website: String? = nil, address: BusinessAddressV1? = nil
    ) {
        self.businessName = businessName
        self.businessType = businessType
        self.industry = industry
        self.description = description
        self.phone = phone
        self.email = email
        self.website = website
        self.address = address
    }
}

/// Changes a business's profile, branding and chat settings; absent fields keep their value.
public struct UpdateBusinessV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessV1
    public static let messageType = MessageType("business-ai.update-business", version: 1)
    public static let summary = "Changes a business's profile, branding or chat settings (canManageSettings); a new name makes a new slug."
    public static let example = UpdateBusinessV1(
        businessId: exampleBusiness, primaryColor: "#FF1493", chatSettings: ChatSettingsPatchV1(rateLimitPerIP: 20, showSources: true))

    public var businessId: String
    public var businessName: String?
    public var businessType: String?
    public var industry: String?
    public var description: String?
    public var phone: String?
    public var email: String?
    public var website: String?
    public var address: BusinessAddressV1?
    public var logo: String?
    /// `#RRGGBB`.
    public var primaryColor: String?
    /// `#RRGGBB`.
    public var secondaryColor: String?
    public var chatSettings: ChatSettingsPatchV1?

    public init(
        businessId: String, businessName: String? = nil, businessType: String? = nil, industry: String? = nil, description: String? = nil,
        phone: String? = nil, email: String? = nil, website: String? = nil, address: BusinessAddressV1? = nil, logo: String? = nil,
        primaryColor: String? = nil, secondaryColor: String? = nil, chatSettings: ChatSettingsPatchV1? = nil
    ) {
        self.businessId = businessId
        self.businessName = businessName
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
    }
}

/// Deactivates a business (owners only): its public chat closes; members keep read access.
public struct DeactivateBusinessV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessV1
    public static let messageType = MessageType("business-ai.deactivate-business", version: 1)
    public static let summary = "Deactivates a business (owners only); its public chat refuses questions from then on."
    public static let example = DeactivateBusinessV1(businessId: exampleBusiness)
    public var businessId: String
    public init(businessId: String) { self.businessId = businessId }
}

/// Deletes a business and everything it owns (owners only).
public struct DeleteBusinessV1: BusinessAICommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("business-ai.delete-business", version: 1)
    public static let summary = "Deletes a business (owners only) with its members, roles, ingestion records, chat logs and vector collection."
    public static let example = DeleteBusinessV1(businessId: exampleBusiness)
    public var businessId: String
    public init(businessId: String) { self.businessId = businessId }
}

/// A business the caller is a member of.
public struct GetBusinessV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessV1
    public static let messageType = MessageType("business-ai.get-business", version: 1)
    public static let summary = "A business the caller is an active member of (not_found otherwise)."
    public static let example = GetBusinessV1(businessId: exampleBusiness)
    public var businessId: String
    public init(businessId: String) { self.businessId = businessId }
}

/// The caller's businesses.
public struct ListMyBusinessesV1: BusinessAICommand, Equatable {
    public typealias Reply = MyBusinessesV1
    public static let messageType = MessageType("business-ai.list-my-businesses", version: 1)
    public static let summary = "The businesses the caller is an active member of, with the caller's role in each."
    public static let example = ListMyBusinessesV1()
    public init() {}
}

/// Sets a business's subscription (sent by billing, never by clients).
public struct SetBusinessSubscriptionV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessV1
    public static let messageType = MessageType("business-ai.set-subscription", version: 1)
    public static let summary = "Sets a business's plan and limits (internal: sent by billing); limits below current use are refused."
    public static let example = SetBusinessSubscriptionV1(
        businessId: exampleBusiness,
        subscription: BusinessSubscriptionV1(plan: .pro, status: "active", expiresAt: Date(timeIntervalSince1970: 1_767_225_599), maxDocuments: 500, maxTeamMembers: 25))
    public var businessId: String
    public var subscription: BusinessSubscriptionV1
    public init(businessId: String, subscription: BusinessSubscriptionV1) {
        self.businessId = businessId
        self.subscription = subscription
    }
}

/// Invites someone by email (canManageTeam).
public struct InviteBusinessMemberV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessMemberV1
    public static let messageType = MessageType("business-ai.invite-member", version: 1)
    public static let summary = "Invites an email address with a role or custom role (canManageTeam; only owners invite owners); counts against maxTeamMembers."
    public static let example = InviteBusinessMemberV1(businessId: exampleBusiness, email: "sam@luxurysalon.com", role: .manager)
    public var businessId: String
    public var email: String
    /// Ignored when `customRoleSlug` is sent (the custom role's base role applies).
    public var role: BusinessRole?
    public var customRoleSlug: String?
    public init(businessId: String, email: String, role: BusinessRole? = nil, customRoleSlug: String? = nil) {
        self.businessId = businessId
        self.email = email
        self.role = role
        self.customRoleSlug = customRoleSlug
    }
}

/// Accepts the caller's invitation to a business.
public struct AcceptBusinessInvitationV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessMemberV1
    public static let messageType = MessageType("business-ai.accept-invitation", version: 1)
    public static let summary = "Accepts an invitation sent to the caller's account email; the membership becomes active."
    public static let example = AcceptBusinessInvitationV1(businessId: exampleBusiness)
    public var businessId: String
    public init(businessId: String) { self.businessId = businessId }
}

/// The members of a business.
public struct ListBusinessMembersV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessMembersV1
    public static let messageType = MessageType("business-ai.list-members", version: 1)
    public static let summary = "The members of a business (any active member may read them)."
    public static let example = ListBusinessMembersV1(businessId: exampleBusiness)
    public var businessId: String
    public init(businessId: String) { self.businessId = businessId }
}

/// Changes a member's role (canManageTeam).
public struct ChangeBusinessMemberRoleV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessMemberV1
    public static let messageType = MessageType("business-ai.change-member-role", version: 1)
    public static let summary = "Gives a member a system or custom role (canManageTeam; only owners make or unmake owners; the last owner stays)."
    public static let example = ChangeBusinessMemberRoleV1(businessId: exampleBusiness, memberId: BusinessMemberV1.example.id, role: .admin)
    public var businessId: String
    public var memberId: String
    public var role: BusinessRole?
    public var customRoleSlug: String?
    public init(businessId: String, memberId: String, role: BusinessRole? = nil, customRoleSlug: String? = nil) {
        self.businessId = businessId
        self.memberId = memberId
        self.role = role
        self.customRoleSlug = customRoleSlug
    }
}

/// Removes a member or withdraws an invitation (canManageTeam), or leaves (the member itself).
public struct RemoveBusinessMemberV1: BusinessAICommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("business-ai.remove-member", version: 1)
    public static let summary = "Removes a member or an invitation (canManageTeam, or the member itself leaving); the last owner cannot go."
    public static let example = RemoveBusinessMemberV1(businessId: exampleBusiness, memberId: BusinessMemberV1.example.id)
    public var businessId: String
    public var memberId: String
    public init(businessId: String, memberId: String) {
        self.businessId = businessId
        self.memberId = memberId
    }
}

/// Defines a custom role (canManageTeam).
public struct CreateBusinessRoleV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessCustomRoleV1
    public static let messageType = MessageType("business-ai.create-role", version: 1)
    public static let summary = "Defines a custom role with its own permission flags (canManageTeam); its slug is unique in the business."
    public static let example = CreateBusinessRoleV1(
        businessId: exampleBusiness, roleName: "Sales Manager", description: "Manages sales team and documentation", baseRole: .manager,
        permissions: BusinessCustomRoleV1.example.permissions)
    public var businessId: String
    /// 2–50 characters.
    public var roleName: String
    public var description: String?
    /// admin, manager or staff (default staff).
    public var baseRole: BusinessRole?
    public var permissions: BusinessPermissionsV1
    public init(businessId: String, roleName: String, description: String? = nil, baseRole: BusinessRole? = nil, permissions: BusinessPermissionsV1) {
        self.businessId = businessId
        self.roleName = roleName
        self.description = description
        self.baseRole = baseRole
        self.permissions = permissions
    }
}

/// The custom roles of a business.
public struct ListBusinessRolesV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessCustomRolesV1
    public static let messageType = MessageType("business-ai.list-roles", version: 1)
    public static let summary = "The custom roles of a business (any active member may read them)."
    public static let example = ListBusinessRolesV1(businessId: exampleBusiness)
    public var businessId: String
    public init(businessId: String) { self.businessId = businessId }
}
