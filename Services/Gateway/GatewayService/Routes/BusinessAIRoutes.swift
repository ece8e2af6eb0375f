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

struct IngestBusinessDocumentBody: Codable, Sendable {
    /// The documents service's id of a document uploaded for this business.
    var documentId: String
}

struct AskPublicAssistantBody: Codable, Sendable {
    var question: String
    var sessionId: String?
    var visitorEmail: String?
}

struct RatePublicAnswerBody: Codable, Sendable {
    var sessionId: String
    var wasHelpful: Bool
    var feedbackText: String?
}

extension IngestBusinessDocumentBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["documentId": [("pattern", .string(OpenAPIDocument.objectIdPattern))]] }
}

extension AskPublicAssistantBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        [
            "question": [("minLength", .integer(1)), ("maxLength", .integer(2000)), ("pattern", .string("\\S"))],
            "sessionId": [("pattern", .string("^[A-Za-z0-9_-]{8,64}$"))],
            "visitorEmail": [("format", .string("email")), ("maxLength", .integer(254))],
        ]
    }
}

extension RatePublicAnswerBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["sessionId": [("pattern", .string("^[A-Za-z0-9_-]{8,64}$"))], "feedbackText": [("maxLength", .integer(1000))]]
    }
}

/// The business-ai service's routes (seed 002): businesses, their teams and custom roles. Every route
/// takes the user's bearer token; the service checks the caller's membership and permission flags.
enum BusinessAIRoutes {
    static let base = "/api/v1/businesses"
    static let business = ["businessId": MessagingRoutes.idSchema]
    static let member = ["businessId": MessagingRoutes.idSchema, "memberId": MessagingRoutes.idSchema]
    static let document = ["businessId": MessagingRoutes.idSchema, "documentId": MessagingRoutes.idSchema]
    static let publicBase = "/api/v1/public/businesses"
    static let slug = ["businessSlug": JSONValue.object([("type", .string("string")), ("pattern", .string("^[a-z0-9-]{1,90}$"))])]
    static let publicChat = ["businessSlug": JSONValue.object([("type", .string("string")), ("pattern", .string("^[a-z0-9-]{1,90}$"))]), "chatId": MessagingRoutes.idSchema]

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

        // MARK: Knowledge
        .route(.get, "\(base)/{businessId}/documents", operationId: "listBusinessDocuments", summary: "A business's documents and their ingestion state.",
               tag: "business-ai", security: .bearer, sends: ListBusinessDocumentsV1.self, body: NoBody.self, reply: BusinessDocumentsV1.self,
               pathParameters: business) { _, call in
            try await call.send(ListBusinessDocumentsV1(businessId: call.parameter("businessId")))
        },
        .route(.post, "\(base)/{businessId}/documents", operationId: "ingestBusinessDocument",
               summary: "Learn (again) from a document uploaded for this business (canUploadDocuments); unchanged chunks keep their vectors.",
               tag: "business-ai", security: .bearer, sends: IngestBusinessDocumentV1.self, body: IngestBusinessDocumentBody.self, reply: BusinessDocumentV1.self,
               status: .accepted, pathParameters: business) { body, call in
            try await call.send(IngestBusinessDocumentV1(businessId: call.parameter("businessId"), documentId: body.documentId))
        },
        .route(.delete, "\(base)/{businessId}/documents/{documentId}", operationId: "removeBusinessDocument",
               summary: "Remove a document and its vectors from the business's knowledge (canDeleteDocuments).",
               tag: "business-ai", security: .bearer, sends: RemoveBusinessDocumentV1.self, body: NoBody.self, reply: Accepted.self, pathParameters: document) { _, call in
            try await call.send(RemoveBusinessDocumentV1(businessId: call.parameter("businessId"), documentId: call.parameter("documentId")))
        },
        .route(.post, "\(base)/{businessId}/reindex", operationId: "reindexBusiness",
               summary: "Re-embed every document with the current embedder (canManageSettings).",
               tag: "business-ai", security: .bearer, sends: ReindexBusinessV1.self, body: NoBody.self, reply: Accepted.self, status: .accepted,
               pathParameters: business) { _, call in
            try await call.send(ReindexBusinessV1(businessId: call.parameter("businessId")))
        },
        .route(.get, "\(base)/{businessId}/analytics", operationId: "getBusinessAnalytics",
               summary: "Chats per day, most-asked and unanswered questions, helpfulness (canViewAnalytics).",
               tag: "business-ai", security: .bearer, sends: GetBusinessAnalyticsV1.self, body: NoBody.self, reply: BusinessAnalyticsV1.self,
               query: [QueryParameter(name: "days", description: "1–90 days back (default 30).",
                                      schema: .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(90))]))],
               pathParameters: business) { _, call in
            try await call.send(GetBusinessAnalyticsV1(businessId: call.parameter("businessId"), days: try call.integerQuery("days")))
        },

        // MARK: Public assistant (no account)
        .route(.get, "\(publicBase)/{businessSlug}", operationId: "getPublicAssistant",
               summary: "A public business's assistant: name, branding, welcome message (no account).",
               tag: "business-ai", security: .open, sends: GetPublicAssistantV1.self, body: NoBody.self, reply: PublicAssistantV1.self,
               pathParameters: slug) { _, call in
            try await call.send(GetPublicAssistantV1(businessSlug: call.parameter("businessSlug")))
        },
        .route(.post, "\(publicBase)/{businessSlug}/questions", operationId: "askPublicAssistant",
               summary: "Ask a public business's assistant (no account); 429 with Retry-After past its questions per hour per visitor.",
               tag: "business-ai", security: .open, sends: AskPublicAssistantV1.self, body: AskPublicAssistantBody.self, reply: PublicAnswerV1.self,
               pathParameters: slug) { body, call in
            try await call.send(AskPublicAssistantV1(
                businessSlug: call.parameter("businessSlug"), question: body.question, sessionId: body.sessionId, visitorEmail: body.visitorEmail,
                client: call.client))
        },
        .route(.post, "\(publicBase)/{businessSlug}/questions/{chatId}/feedback", operationId: "ratePublicAnswer",
               summary: "Say whether an answer helped (the session that asked it).",
               tag: "business-ai", security: .open, sends: RatePublicAnswerV1.self, body: RatePublicAnswerBody.self, reply: Accepted.self,
               pathParameters: publicChat) { body, call in
            try await call.send(RatePublicAnswerV1(
                businessSlug: call.parameter("businessSlug"), chatId: call.parameter("chatId"), sessionId: body.sessionId, wasHelpful: body.wasHelpful,
                feedbackText: body.feedbackText))
        },
    ]

    /// Commands only other services send.
    static let internalCommands: [(command: any Command.Type, reason: String)] = [
        (SetBusinessSubscriptionV1.self, "billing sets a business's plan and limits; no client route changes them"),
    ]
}
