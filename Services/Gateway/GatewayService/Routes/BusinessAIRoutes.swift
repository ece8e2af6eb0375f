import Foundation
import HTTPTypes
import SeedContracts

/// Bodies of business-ai routes whose command takes ids from the path.
struct UpdateBusinessBody: Codable, Sendable {
    var businessName: String?
    var businessType: String?
    var industry: String?
    var description: String?
    var phone: String?
    var email: String?
    var website: String?
    var address: BusinessAddressV1?
    var logo: String?
    var primaryColor: String?
    var secondaryColor: String?
    var chatSettings: ChatSettingsPatchV1?
}

struct InviteBusinessMemberBody: Codable, Sendable {
    var email: String
    var role: BusinessRole?
    var customRoleSlug: String?
}

struct ChangeBusinessMemberRoleBody: Codable, Sendable {
    var role: BusinessRole?
    var customRoleSlug: String?
}

struct CreateBusinessRoleBody: Codable, Sendable {
    var roleName: String
    var description: String?
    var baseRole: BusinessRole?
    var permissions: BusinessPermissionsV1
}

/// The business-ai service's routes (seed 002): businesses, their teams and custom roles. Every route
/// takes the user's bearer token; the service checks the caller's membership and permission flags.
enum BusinessAIRoutes {
    static let base = "/api/v1/businesses"
    static let business = ["businessId": MessagingRoutes.idSchema]
    static let member = ["businessId": MessagingRoutes.idSchema, "memberId": MessagingRoutes.idSchema]

    static let all: [APIRoute] = [
        // MARK: Businesses
        .route(.post, base, operationId: "createBusiness", summary: "Create a business; the caller becomes its owner.",
               tag: "business-ai", security: .bearer, body: CreateBusinessV1.self, reply: BusinessV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.get, base, operationId: "listMyBusinesses", summary: "The businesses the caller is an active member of.",
               tag: "business-ai", security: .bearer, sends: ListMyBusinessesV1.self, body: NoBody.self, reply: MyBusinessesV1.self) { _, call in
            try await call.send(ListMyBusinessesV1())
        },
        .route(.get, "\(base)/{businessId}", operationId: "getBusiness", summary: "A business the caller is a member of.",
               tag: "business-ai", security: .bearer, sends: GetBusinessV1.self, body: NoBody.self, reply: BusinessV1.self, pathParameters: business) { _, call in
            try await call.send(GetBusinessV1(businessId: call.parameter("businessId")))
        },
        .route(.patch, "\(base)/{businessId}", operationId: "updateBusiness", summary: "Change a business's profile, branding or chat settings.",
               tag: "business-ai", security: .bearer, sends: UpdateBusinessV1.self, body: UpdateBusinessBody.self, reply: BusinessV1.self,
               pathParameters: business) { body, call in
            try await call.send(UpdateBusinessV1(
                businessId: call.parameter("businessId"), businessName: body.businessName, businessType: body.businessType, industry: body.industry,
                description: body.description, phone: body.phone, email: body.email, website: body.website, address: body.address, logo: body.logo,
                primaryColor: body.primaryColor, secondaryColor: body.secondaryColor, chatSettings: body.chatSettings))
        },
        .route(.post, "\(base)/{businessId}/deactivate", operationId: "deactivateBusiness", summary: "Deactivate a business (owners only).",
               tag: "business-ai", security: .bearer, sends: DeactivateBusinessV1.self, body: NoBody.self, reply: BusinessV1.self, pathParameters: business) { _, call in
            try await call.send(DeactivateBusinessV1(businessId: call.parameter("businessId")))
        },
        .route(.delete, "\(base)/{businessId}", operationId: "deleteBusiness", summary: "Delete a business and everything it owns (owners only).",
               tag: "business-ai", security: .bearer, sends: DeleteBusinessV1.self, body: NoBody.self, reply: Accepted.self, pathParameters: business) { _, call in
            try await call.send(DeleteBusinessV1(businessId: call.parameter("businessId")))
        },

        // MARK: Team
        .route(.get, "\(base)/{businessId}/members", operationId: "listBusinessMembers", summary: "The members of a business.",
               tag: "business-ai", security: .bearer, sends: ListBusinessMembersV1.self, body: NoBody.self, reply: BusinessMembersV1.self,
               pathParameters: business) { _, call in
            try await call.send(ListBusinessMembersV1(businessId: call.parameter("businessId")))
        },
        .route(.post, "\(base)/{businessId}/members", operationId: "inviteBusinessMember", summary: "Invite an email address with a role (canManageTeam).",
               tag: "business-ai", security: .bearer, sends: InviteBusinessMemberV1.self, body: InviteBusinessMemberBody.self, reply: BusinessMemberV1.self,
               status: .created, pathParameters: business) { body, call in
            try await call.send(InviteBusinessMemberV1(
                businessId: call.parameter("businessId"), email: body.email, role: body.role, customRoleSlug: body.customRoleSlug))
        },
        .route(.post, "\(base)/{businessId}/invitation/accept", operationId: "acceptBusinessInvitation",
               summary: "Accept the invitation sent to the caller's account email.",
               tag: "business-ai", security: .bearer, sends: AcceptBusinessInvitationV1.self, body: NoBody.self, reply: BusinessMemberV1.self,
               pathParameters: business) { _, call in
            try await call.send(AcceptBusinessInvitationV1(businessId: call.parameter("businessId")))
        },
        .route(.patch, "\(base)/{businessId}/members/{memberId}", operationId: "changeBusinessMemberRole", summary: "Give a member a role or custom role.",
               tag: "business-ai", security: .bearer, sends: ChangeBusinessMemberRoleV1.self, body: ChangeBusinessMemberRoleBody.self,
               reply: BusinessMemberV1.self, pathParameters: member) { body, call in
            try await call.send(ChangeBusinessMemberRoleV1(
                businessId: call.parameter("businessId"), memberId: call.parameter("memberId"), role: body.role, customRoleSlug: body.customRoleSlug))
        },
        .route(.delete, "\(base)/{businessId}/members/{memberId}", operationId: "removeBusinessMember", summary: "Remove a member, withdraw an invitation, or leave.",
               tag: "business-ai", security: .bearer, sends: RemoveBusinessMemberV1.self, body: NoBody.self, reply: Accepted.self, pathParameters: member) { _, call in
            try await call.send(RemoveBusinessMemberV1(businessId: call.parameter("businessId"), memberId: call.parameter("memberId")))
        },

        // MARK: Custom roles
        .route(.get, "\(base)/{businessId}/roles", operationId: "listBusinessRoles", summary: "The custom roles of a business.",
               tag: "business-ai", security: .bearer, sends: ListBusinessRolesV1.self, body: NoBody.self, reply: BusinessCustomRolesV1.self,
               pathParameters: business) { _, call in
            try await call.send(ListBusinessRolesV1(businessId: call.parameter("businessId")))
        },
        .route(.post, "\(base)/{businessId}/roles", operationId: "createBusinessRole", summary: "Define a custom role (canManageTeam).",
               tag: "business-ai", security: .bearer, sends: CreateBusinessRoleV1.self, body: CreateBusinessRoleBody.self, reply: BusinessCustomRoleV1.self,
               status: .created, pathParameters: business) { body, call in
            try await call.send(CreateBusinessRoleV1(
                businessId: call.parameter("businessId"), roleName: body.roleName, description: body.description, baseRole: body.baseRole,
                permissions: body.permissions))
        },
    ]

    /// Commands only other services send.
    static let internalCommands: [(command: any Command.Type, reason: String)] = [
        (SetBusinessSubscriptionV1.self, "billing sets a business's plan and limits; no client route changes them"),
    ]
}
