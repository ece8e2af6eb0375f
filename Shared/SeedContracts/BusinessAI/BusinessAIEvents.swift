import Foundation

// Events of the business-ai service.

/// A business was created.
public struct BusinessCreatedV1: BusinessAIEvent, Equatable {
    public static let messageType = MessageType("business-ai.business-created", version: 1)
    public static let summary = "A business was created; its creator is its owner."
    public static let example = BusinessCreatedV1(business: .example)
    public var business: BusinessV1
    public init(business: BusinessV1) { self.business = business }
}

/// A business's profile, branding, chat settings, subscription or state changed.
public struct BusinessUpdatedV1: BusinessAIEvent, Equatable {
    public static let messageType = MessageType("business-ai.business-updated", version: 1)
    public static let summary = "A business changed; carries it as it is now and the names of the changed fields."
    public static let example = BusinessUpdatedV1(business: .example, changedFields: ["primaryColor", "chatSettings.rateLimitPerIP"])
    public var business: BusinessV1
    public var changedFields: [String]
    public init(business: BusinessV1, changedFields: [String]) {
        self.business = business
        self.changedFields = changedFields
    }
}

/// A business was deleted with everything it owned.
public struct BusinessDeletedV1: BusinessAIEvent, Equatable {
    public static let messageType = MessageType("business-ai.business-deleted", version: 1)
    public static let summary = "A business was deleted with its members, roles, ingestion records, chat logs and vectors."
    public static let example = BusinessDeletedV1(businessId: BusinessV1.example.id, deletedBy: BusinessV1.example.createdBy)
    public var businessId: String
    public var deletedBy: String
    public init(businessId: String, deletedBy: String) {
        self.businessId = businessId
        self.deletedBy = deletedBy
    }
}

/// Someone was invited to a business (notifications send the email).
public struct BusinessMemberInvitedV1: BusinessAIEvent, Equatable {
    public static let messageType = MessageType("business-ai.member-invited", version: 1)
    public static let summary = "An email address was invited to a business with a role."
    public static let example = BusinessMemberInvitedV1(member: .example, businessName: BusinessV1.example.businessName)
    public var member: BusinessMemberV1
    public var businessName: String
    public init(member: BusinessMemberV1, businessName: String) {
        self.member = member
        self.businessName = businessName
    }
}

/// A membership changed: joined, role changed, or removed.
public struct BusinessMemberChangedV1: BusinessAIEvent, Equatable {
    public static let messageType = MessageType("business-ai.member-changed", version: 1)
    public static let summary = "A member joined (accepted), got another role, or was removed (change: joined, role-changed, removed)."
    public static let example = BusinessMemberChangedV1(member: .example, change: "joined", by: BusinessMemberV1.example.userId!)
    public var member: BusinessMemberV1
    /// `joined`, `role-changed` or `removed`.
    public var change: String
    public var by: String
    public init(member: BusinessMemberV1, change: String, by: String) {
        self.member = member
        self.change = change
        self.by = by
    }
}
