import Foundation
import HTTPTypes
import SeedContracts

/// Bodies of routes whose command also takes values from the path or the token.
struct ChangeRolesBody: Codable, Sendable {
    var role: UserRole
    var roles: [String]?
}

struct ChangeStatusBody: Codable, Sendable {
    var status: UserStatus
    var reason: String?
}

struct NameBody: Codable, Sendable {
    var name: String
}

struct CreateAPIKeyBody: Codable, Sendable {
    var applicationId: String
    var name: String
    var scopes: [String]
    /// When the key stops working (optional; at most two years ahead).
    var expiresAt: Date?
}

struct TenantUserBody: Codable, Sendable {
    var displayName: String
    var avatarUrl: String?
    var customData: [String: String]?
}

struct LogoutBody: Codable, Sendable {
    /// The session to end; the caller's own session (from the access token) when absent.
    var sessionId: String?
    var allSessions: Bool?
}

/// The identity service's routes. Commands that serve as bodies as they are have their `client`
/// filled in by the gateway (``ClientStampedBody``), whatever the request said.
enum IdentityRoutes {
    /// Login, registration and refresh get tighter budgets: they are what a password guesser calls.
    static let credentialRateLimit = 30

    static let all: [APIRoute] = accountRoutes + relationshipRoutes + accountSecurityRoutes + keyDirectoryRoutes + tenantLifecycleRoutes + quotaRoutes

    /// Identity's commands that only services and the gateway send.
    static let internalCommands: [(command: any Command.Type, reason: String)] = [
        (ReportQuotaExceededV1.self, "services and the gateway report a refusal by a tenant's quota with it"),
        (RecordAPIKeyUseV1.self, "the gateway reports API keys' use with it, at most once a minute per key"),
        (RecordLastSeenV1.self, "the real-time edge reports it when a user's last connection closes"),
    ]

    static let accountRoutes: [APIRoute] = [
        .route(.post, "/api/v1/auth/register", operationId: "register", summary: "Create an account.", tag: "auth",
               security: .open, body: RegisterUserV1.self, reply: UserV1.self, status: .created, rateLimit: credentialRateLimit) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/auth/login", operationId: "login", summary: "Log in with email and password.", tag: "auth",
               security: .open, body: LoginV1.self, reply: SessionTokensV1.self, rateLimit: credentialRateLimit, credentialsInBody: true) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/auth/google", operationId: "loginWithGoogle", summary: "Log in with a Google ID token.", tag: "auth",
               security: .open, body: LoginWithGoogleV1.self, reply: SessionTokensV1.self, rateLimit: credentialRateLimit,
               credentialsInBody: true) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/auth/refresh", operationId: "refreshSession", summary: "Rotate the refresh token and get a new access token.",
               tag: "auth", security: .open, body: RefreshSessionV1.self, reply: SessionTokensV1.self, credentialsInBody: true) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/auth/logout", operationId: "logout", summary: "End this session, another session of the caller, or all of them.",
               tag: "auth", security: .bearer, sends: LogoutV1.self, body: LogoutBody.self, reply: Accepted.self) { body, call in
            let all = body.allSessions ?? false
            return try await call.send(LogoutV1(sessionId: all ? nil : (body.sessionId ?? call.user.sessionId), allSessions: all, client: call.client))
        },
        .route(.post, "/api/v1/auth/verify-email", operationId: "verifyEmail", summary: "Confirm an email address with its token.",
               tag: "auth", security: .open, body: VerifyEmailV1.self, reply: UserV1.self, rateLimit: credentialRateLimit) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/auth/phone/request-code", operationId: "requestPhoneCode", summary: "Send a verification code to the caller's phone.",
               tag: "auth", security: .bearer, sends: RequestPhoneVerificationV1.self, body: NoBody.self, reply: Accepted.self, status: .accepted, rateLimit: 10) { _, call in
            try await call.send(RequestPhoneVerificationV1())
        },
        .route(.post, "/api/v1/auth/phone/verify", operationId: "verifyPhone", summary: "Confirm the caller's phone with the code.",
               tag: "auth", security: .bearer, body: VerifyPhoneV1.self, reply: UserV1.self, rateLimit: credentialRateLimit) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/users/me", operationId: "getMe", summary: "The caller's account.", tag: "users",
               security: .bearer, sends: GetUserV1.self, body: NoBody.self, reply: UserV1.self) { _, call in
            try await call.send(GetUserV1(userId: call.user.id))
        },
        .route(.patch, "/api/v1/users/me", operationId: "updateMe", summary: "Change the caller's profile, preferences, username or phone.",
               tag: "users", security: .bearer, body: UpdateProfileV1.self, reply: UserV1.self) { body, call in
            try await call.send(body)
        },
        .route(.delete, "/api/v1/users/me", operationId: "deleteMe", summary: "Delete the caller's account.", tag: "users",
               security: .bearer, sends: DeleteUserV1.self, body: NoBody.self, reply: Accepted.self) { _, call in
            try await call.send(DeleteUserV1(userId: call.user.id, client: call.client))
        },
        .route(.get, "/api/v1/users/{userId}", operationId: "getUser", summary: "A user (administrators, or the user itself).", tag: "users",
               security: .bearer, sends: GetUserV1.self, body: NoBody.self, reply: UserV1.self) { _, call in
            try await call.send(GetUserV1(userId: call.parameter("userId")))
        },
        .route(.delete, "/api/v1/users/{userId}", operationId: "deleteUser", summary: "Delete a user (administrators, or the user itself).",
               tag: "users", security: .bearer, sends: DeleteUserV1.self, body: NoBody.self, reply: Accepted.self) { _, call in
            try await call.send(DeleteUserV1(userId: call.parameter("userId"), client: call.client))
        },
        .route(.put, "/api/v1/users/{userId}/roles", operationId: "changeUserRoles", summary: "Set a user's role and roles (administrators).",
               tag: "users", security: .bearer, sends: ChangeUserRolesV1.self, body: ChangeRolesBody.self, reply: UserV1.self) { body, call in
            try await call.send(ChangeUserRolesV1(userId: call.parameter("userId"), role: body.role, roles: body.roles ?? [], client: call.client))
        },
        .route(.put, "/api/v1/users/{userId}/status", operationId: "changeUserStatus", summary: "Set a user's status (administrators); suspending ends their sessions.",
               tag: "users", security: .bearer, sends: ChangeUserStatusV1.self, body: ChangeStatusBody.self, reply: UserV1.self) { body, call in
            try await call.send(ChangeUserStatusV1(userId: call.parameter("userId"), status: body.status, reason: body.reason, client: call.client))
        },
        .route(.get, "/api/v1/audit-log", operationId: "listAuditLog", summary: "Audit entries, newest first (administrators).", tag: "users",
               security: .bearer, sends: ListAuditLogV1.self, body: NoBody.self, reply: AuditLogPageV1.self,
               query: [QueryParameter(name: "userId", description: "Only this user's entries."),
                       QueryParameter(name: "action", description: "Only this action (login, login_failed, role_change, ...)."),
                       QueryParameter(name: "limit", description: "1 to 200, default 50.",
                                      schema: .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(200))])),
                       QueryParameter(name: "cursor", description: "nextCursor of the previous page.")]) { _, call in
            let rawLimit = call.queryParameters["limit"]
            guard let limit = rawLimit.map({ Int($0) }) ?? 50 else {
                throw GatewayError(ContractError.validation("limit must be a whole number", field: "limit"))
            }
            return try await call.send(ListAuditLogV1(
                userId: call.queryParameters["userId"], action: call.queryParameters["action"], limit: limit, cursor: call.queryParameters["cursor"]))
        },
        .route(.post, "/api/v1/tenants", operationId: "createTenant", summary: "Create a tenant of the chat platform (super_admin).", tag: "tenants",
               security: .bearer, body: CreateTenantV1.self, reply: TenantV1.self, status: .created) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/tenants/{tenantId}/applications", operationId: "createApplication", summary: "Create an application in a tenant (administrators).",
               tag: "tenants", security: .bearer, sends: CreateApplicationV1.self, body: NameBody.self, reply: ApplicationV1.self, status: .created) { body, call in
            try await call.send(CreateApplicationV1(tenantId: call.parameter("tenantId"), name: body.name))
        },
        .route(.post, "/api/v1/tenants/{tenantId}/api-keys", operationId: "createAPIKey", summary: "Create an API key; the key is shown only in this response.",
               tag: "tenants", security: .bearer, sends: CreateAPIKeyV1.self, body: CreateAPIKeyBody.self, reply: CreatedAPIKeyV1.self, status: .created) { body, call in
            try await call.send(CreateAPIKeyV1(
                tenantId: call.parameter("tenantId"), applicationId: body.applicationId, name: body.name, scopes: body.scopes, expiresAt: body.expiresAt))
        },
        .route(.get, "/api/v1/tenants/{tenantId}/api-keys", operationId: "listAPIKeys", summary: "A tenant's API keys, without secrets (administrators).",
               tag: "tenants", security: .bearer, sends: ListAPIKeysV1.self, body: NoBody.self, reply: APIKeyListV1.self) { _, call in
            try await call.send(ListAPIKeysV1(tenantId: call.parameter("tenantId")))
        },
        .route(.delete, "/api/v1/tenants/{tenantId}/api-keys/{keyId}", operationId: "revokeAPIKey", summary: "Revoke an API key (administrators).",
               tag: "tenants", security: .bearer, sends: RevokeAPIKeyV1.self, body: NoBody.self, reply: APIKeyV1.self) { _, call in
            let reply = try await call.send(RevokeAPIKeyV1(tenantId: call.parameter("tenantId"), keyId: call.parameter("keyId")))
            // Effective at once on this instance; other instances within the API-key cache's lifetime.
            call.authenticator.apiKeys.forget(keyId: call.parameter("keyId"))
            return reply
        },
        .route(.put, "/api/v1/platform/users/{externalId}", operationId: "upsertTenantUser", summary: "Create or update an end user of the API key's tenant.",
               tag: "platform", security: .apiKey(scope: "users:write"), sends: UpsertTenantUserV1.self, body: TenantUserBody.self, reply: UserV1.self) { body, call in
            try await call.send(UpsertTenantUserV1(
                externalId: call.parameter("externalId"), displayName: body.displayName, avatarUrl: body.avatarUrl, customData: body.customData))
        },
        .route(.get, "/api/v1/platform/users/{externalId}", operationId: "getTenantUser", summary: "An end user of the API key's tenant.",
               tag: "platform", security: .apiKey(scope: "users:read"), sends: GetTenantUserV1.self, body: NoBody.self, reply: UserV1.self) { _, call in
            try await call.send(GetTenantUserV1(externalId: call.parameter("externalId")))
        },
    ]
}

// MARK: - Relationships and privacy (issue 23)

/// A body that names another user.
struct OtherUserBody: Codable, Sendable {
    var userId: String
}

extension OtherUserBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["userId": [("minLength", .integer(1)), ("maxLength", .integer(64)), ("pattern", .string("\\S"))]]
    }
}

extension PrivacyAudience: OpenAPIEnumeration {}
extension RelationshipFilter: OpenAPIEnumeration {}
extension FriendshipState: OpenAPIEnumeration {}

extension IdentityRoutes {
    /// The caller's relationships with other users and privacy settings.
    static let relationshipRoutes: [APIRoute] = [
        .route(.get, "/api/v1/users/me/relationships", operationId: "listRelationships",
               summary: "The caller's relationships: friends, incoming or outgoing friend requests, blocked or muted users.", tag: "relationships",
               security: .bearer, sends: ListRelationshipsV1.self, body: NoBody.self, reply: RelationshipListV1.self,
               query: [QueryParameter(name: "filter", description: "all (default), friends, incoming, outgoing, blocked or muted.",
                                      schema: .object([("type", .string("string")), ("enum", .array(RelationshipFilter.allCases.map { .string($0.rawValue) }))]))]) { _, call in
            let raw = call.query("filter") ?? RelationshipFilter.all.rawValue
            guard let filter = RelationshipFilter(rawValue: raw) else {
                throw GatewayError(ContractError.validation("filter must be one of all, friends, incoming, outgoing, blocked, muted", field: "filter"))
            }
            return try await call.send(ListRelationshipsV1(filter: filter))
        },
        .route(.post, "/api/v1/users/me/friend-requests", operationId: "sendFriendRequest", summary: "Ask another user to be friends.",
               tag: "relationships", security: .bearer, sends: SendFriendRequestV1.self, body: OtherUserBody.self, reply: RelationshipV1.self,
               status: .created) { body, call in
            try await call.send(SendFriendRequestV1(userId: body.userId))
        },
        .route(.post, "/api/v1/users/me/friend-requests/{userId}/accept", operationId: "acceptFriendRequest",
               summary: "Accept the friend request that userId sent the caller.", tag: "relationships", security: .bearer,
               sends: RespondToFriendRequestV1.self, body: NoBody.self, reply: RelationshipV1.self) { _, call in
            try await call.send(RespondToFriendRequestV1(userId: call.parameter("userId"), accept: true))
        },
        .route(.post, "/api/v1/users/me/friend-requests/{userId}/decline", operationId: "declineFriendRequest",
               summary: "Decline the friend request that userId sent the caller.", tag: "relationships", security: .bearer,
               sends: RespondToFriendRequestV1.self, body: NoBody.self, reply: RelationshipV1.self) { _, call in
            try await call.send(RespondToFriendRequestV1(userId: call.parameter("userId"), accept: false))
        },
        .route(.delete, "/api/v1/users/me/friends/{userId}", operationId: "removeFriend",
               summary: "End a friendship, or withdraw the caller's open friend request.", tag: "relationships", security: .bearer,
               sends: RemoveFriendV1.self, body: NoBody.self, reply: RelationshipV1.self) { _, call in
            try await call.send(RemoveFriendV1(userId: call.parameter("userId")))
        },
        .route(.post, "/api/v1/users/me/blocks", operationId: "blockUser",
               summary: "Block a user: no friendship, no direct messages either way, no presence for them.", tag: "relationships",
               security: .bearer, sends: BlockUserV1.self, body: OtherUserBody.self, reply: RelationshipV1.self, status: .created) { body, call in
            try await call.send(BlockUserV1(userId: body.userId))
        },
        .route(.delete, "/api/v1/users/me/blocks/{userId}", operationId: "unblockUser", summary: "Lift a block.", tag: "relationships",
               security: .bearer, sends: UnblockUserV1.self, body: NoBody.self, reply: RelationshipV1.self) { _, call in
            try await call.send(UnblockUserV1(userId: call.parameter("userId")))
        },
        .route(.put, "/api/v1/users/me/mutes/{userId}", operationId: "muteUser", summary: "Mute a user (idempotent).", tag: "relationships",
               security: .bearer, sends: SetMuteV1.self, body: NoBody.self, reply: RelationshipV1.self) { _, call in
            try await call.send(SetMuteV1(userId: call.parameter("userId"), muted: true))
        },
        .route(.delete, "/api/v1/users/me/mutes/{userId}", operationId: "unmuteUser", summary: "Unmute a user (idempotent).", tag: "relationships",
               security: .bearer, sends: SetMuteV1.self, body: NoBody.self, reply: RelationshipV1.self) { _, call in
            try await call.send(SetMuteV1(userId: call.parameter("userId"), muted: false))
        },
        .route(.get, "/api/v1/users/me/privacy", operationId: "getPrivacySettings", summary: "The caller's privacy settings.",
               tag: "relationships", security: .bearer, sends: GetPrivacySettingsV1.self, body: NoBody.self, reply: PrivacySettingsV1.self) { _, call in
            try await call.send(GetPrivacySettingsV1())
        },
        .route(.patch, "/api/v1/users/me/privacy", operationId: "updatePrivacySettings",
               summary: "Change who may send the caller direct messages, see the caller's presence and last seen.", tag: "relationships",
               security: .bearer, body: UpdatePrivacySettingsV1.self, reply: PrivacySettingsV1.self) { body, call in
            try await call.send(body)
        },
    ]
}

// MARK: - Sessions and passwords (issue 23)

extension RequestPasswordResetV1: ClientStampedBody {}
extension ResetPasswordV1: ClientStampedBody {}

/// The client and the caller's own session come from the connection and the access token.
extension ChangePasswordV1: GatewayStampedBody {
    static var openAPIInternalMembers: Set<String> { ["client", "currentSessionId"] }

    func stamped(by call: RouteCall) -> ChangePasswordV1 {
        var body = self
        body.client = call.client
        body.currentSessionId = call.user.sessionId.isEmpty ? nil : call.user.sessionId
        return body
    }
}

private let passwordRule: [(String, JSONValue)] = [("minLength", .integer(8)), ("maxLength", .integer(128)), ("pattern", .string("\\S"))]

extension RequestPasswordResetV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["email": [("format", .string("email")), ("maxLength", .integer(254))]]
    }
}

extension ResetPasswordV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["token": [("minLength", .integer(1)), ("maxLength", .integer(200))], "newPassword": passwordRule]
    }
}

extension ChangePasswordV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["currentPassword": [("minLength", .integer(1)), ("maxLength", .integer(128))], "newPassword": passwordRule]
    }
}

extension IdentityRoutes {
    /// The caller's sessions, passwords and verification email.
    static let accountSecurityRoutes: [APIRoute] = [
        .route(.get, "/api/v1/users/me/sessions", operationId: "listSessions",
               summary: "The caller's live sessions: device, created, last used; the one of this access token marked current.", tag: "auth",
               security: .bearer, sends: ListSessionsV1.self, body: NoBody.self, reply: SessionListV1.self) { _, call in
            try await call.send(ListSessionsV1(currentSessionId: call.user.sessionId))
        },
        .route(.delete, "/api/v1/users/me/sessions/{sessionId}", operationId: "revokeSession", summary: "End one of the caller's sessions.",
               tag: "auth", security: .bearer, sends: LogoutV1.self, body: NoBody.self, reply: Accepted.self) { _, call in
            try await call.send(LogoutV1(sessionId: call.parameter("sessionId"), client: call.client))
        },
        .route(.post, "/api/v1/auth/password/forgot", operationId: "requestPasswordReset",
               summary: "Email a single-use password reset token (valid 1 h); the answer does not say whether the email is known.", tag: "auth",
               security: .open, body: RequestPasswordResetV1.self, reply: Accepted.self, status: .accepted, rateLimit: credentialRateLimit) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/auth/password/reset", operationId: "resetPassword",
               summary: "Set a new password with a reset token; every session of the account ends.", tag: "auth",
               security: .open, body: ResetPasswordV1.self, reply: Accepted.self, rateLimit: credentialRateLimit, credentialsInBody: true) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/users/me/password", operationId: "changePassword",
               summary: "Change the caller's password given the current one; every other session ends.", tag: "auth",
               security: .bearer, body: ChangePasswordV1.self, reply: Accepted.self, rateLimit: credentialRateLimit, credentialsInBody: true) { body, call in
            try await call.send(body)
        },
        .route(.post, "/api/v1/auth/verify-email/resend", operationId: "resendVerificationEmail",
               summary: "Send the caller a new email verification token.", tag: "auth", security: .bearer,
               sends: ResendVerificationEmailV1.self, body: NoBody.self, reply: Accepted.self, status: .accepted, rateLimit: 10) { _, call in
            try await call.send(ResendVerificationEmailV1())
        },
    ]
}

// MARK: - Key directory (issue 23)

extension PublicKeyAlgorithm: OpenAPIEnumeration {}

extension PublishDeviceKeyV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["deviceId": [("pattern", .string("^[A-Za-z0-9._:-]{1,64}$"))],
         "publicKey": [("maxLength", .integer(128)), ("pattern", .string("^[A-Za-z0-9+/]+={0,2}$"))]]
    }
}

extension IdentityRoutes {
    /// Public keys for end-to-end encryption.
    static let keyDirectoryRoutes: [APIRoute] = [
        .route(.put, "/api/v1/users/me/keys", operationId: "publishDeviceKey",
               summary: "Publish (or rotate) the public key of one of the caller's devices; the previous key is kept in the history.",
               tag: "keys", security: .bearer, body: PublishDeviceKeyV1.self, reply: DeviceKeyV1.self) { body, call in
            try await call.send(body)
        },
        .route(.get, "/api/v1/users/{userId}/keys", operationId: "getUserKeys",
               summary: "A user's current device public keys, or with history=true every key ever published.", tag: "keys",
               security: .bearer, sends: GetUserKeysV1.self, body: NoBody.self, reply: UserKeysV1.self,
               query: [QueryParameter(name: "history", description: "true for every key ever published (to read old messages).",
                                      schema: .object([("type", .string("boolean"))]))]) { _, call in
            try await call.send(GetUserKeysV1(userId: call.parameter("userId"), includeHistory: try call.booleanQuery("history") ?? false))
        },
    ]
}

// MARK: - Tenant lifecycle and quotas (issue 23)

struct UpdateTenantBody: Codable, Sendable {
    var name: String?
    var plan: String?
    var quotas: TenantQuotasV1?
}

struct TenantStatusBody: Codable, Sendable {
    var status: String
    var reason: String?
}

private let quotaRule: [(String, JSONValue)] = [("minimum", .integer(0)), ("maximum", .integer(1_000_000_000_000_000))]

extension TenantQuotasV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["users": quotaRule, "messagesPerDay": quotaRule, "storageBytes": quotaRule, "apiRequestsPerMinute": quotaRule]
    }
}

extension UpdateTenantBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["name": [("maxLength", .integer(100))], "plan": [("pattern", .string("^[A-Za-z0-9_-]{1,40}$"))]]
    }
}

extension TenantStatusBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["status": [("enum", .array([.string("active"), .string("suspended")]))], "reason": [("maxLength", .integer(500))]]
    }
}

extension IdentityRoutes {
    /// Tenants' lifecycle (super administrators) and applications.
    static let tenantLifecycleRoutes: [APIRoute] = [
        .route(.get, "/api/v1/tenants", operationId: "listTenants", summary: "Tenants by id (super_admin).", tag: "tenants",
               security: .bearer, sends: ListTenantsV1.self, body: NoBody.self, reply: TenantListV1.self,
               query: [QueryParameter(name: "status", description: "Only tenants with this status.",
                                      schema: .object([("type", .string("string")), ("enum", .array([.string("active"), .string("suspended")]))]))]) { _, call in
            try await call.send(ListTenantsV1(status: call.query("status")))
        },
        .route(.get, "/api/v1/tenants/{tenantId}", operationId: "getTenant", summary: "A tenant with its plan and quotas (administrators).",
               tag: "tenants", security: .bearer, sends: GetTenantV1.self, body: NoBody.self, reply: TenantV1.self) { _, call in
            try await call.send(GetTenantV1(tenantId: call.parameter("tenantId")))
        },
        .route(.patch, "/api/v1/tenants/{tenantId}", operationId: "updateTenant",
               summary: "Change a tenant's name, plan or quotas (super_admin); a users quota below current use is refused.", tag: "tenants",
               security: .bearer, sends: UpdateTenantV1.self, body: UpdateTenantBody.self, reply: TenantV1.self) { body, call in
            let reply = try await call.send(UpdateTenantV1(tenantId: call.parameter("tenantId"), name: body.name, plan: body.plan, quotas: body.quotas))
            // A new API quota applies at once on this instance (the keys' principals carry it), on
            // others within the API-key cache's lifetime.
            if body.quotas != nil { call.authenticator.apiKeys.forget(tenantId: call.parameter("tenantId")) }
            return reply
        },
        .route(.put, "/api/v1/tenants/{tenantId}/status", operationId: "setTenantStatus",
               summary: "Suspend (its API keys stop at once) or reactivate a tenant (super_admin).", tag: "tenants",
               security: .bearer, sends: SetTenantStatusV1.self, body: TenantStatusBody.self, reply: TenantV1.self) { body, call in
            let reply = try await call.send(SetTenantStatusV1(tenantId: call.parameter("tenantId"), status: body.status, reason: body.reason))
            // At once on this instance; other instances within the API-key cache's lifetime (decision 0029).
            if body.status == "suspended" {
                call.authenticator.apiKeys.forget(tenantId: call.parameter("tenantId"))
            } else {
                call.authenticator.apiKeys.forgetRefusals()
            }
            return reply
        },
        .route(.get, "/api/v1/tenants/{tenantId}/applications", operationId: "listApplications", summary: "A tenant's applications (administrators).",
               tag: "tenants", security: .bearer, sends: ListApplicationsV1.self, body: NoBody.self, reply: ApplicationListV1.self) { _, call in
            try await call.send(ListApplicationsV1(tenantId: call.parameter("tenantId")))
        },
    ]
}

// MARK: - Usage record and API key rotation (issue 23, decisions 0035 and 0036)

/// How long a rotated key keeps working.
struct RotateAPIKeyBody: Codable, Sendable {
    /// 0 to 10080 minutes; 60 when absent.
    var overlapMinutes: Int?
}

extension IdentityRoutes {
    static let quotaRoutes: [APIRoute] = [
        .route(.get, "/api/v1/tenants/{tenantId}/usage", operationId: "getTenantUsage",
               summary: "A tenant's usage record of one UTC month (messages sent, storage, active users, quota refusals) for billing: platform administrators, or the tenant's own API key with the usage:read scope.",
               tag: "tenants", security: .bearerOrTenantAPIKey(scope: "usage:read"), sends: GetTenantUsageV1.self, body: NoBody.self, reply: TenantUsageV1.self,
               query: [QueryParameter(name: "month", description: "YYYY-MM; the current month when absent.",
                                      schema: .object([("type", .string("string")), ("pattern", .string("^[0-9]{4}-(0[1-9]|1[0-2])$"))]))]) { _, call in
            try await call.send(GetTenantUsageV1(tenantId: call.parameter("tenantId"), month: call.query("month")))
        },
        .route(.post, "/api/v1/tenants/{tenantId}/api-keys/{keyId}/rotate", operationId: "rotateAPIKey",
               summary: "Make a new key with the same scopes; the old one keeps working for overlapMinutes (default 60), then stops. The new key is shown only in this response.",
               tag: "tenants", security: .bearer, sends: RotateAPIKeyV1.self, body: RotateAPIKeyBody.self, reply: CreatedAPIKeyV1.self,
               status: .created) { body, call in
            let reply = try await call.send(RotateAPIKeyV1(tenantId: call.parameter("tenantId"), keyId: call.parameter("keyId"), overlapMinutes: body.overlapMinutes))
            // This instance asks identity again, and learns the old key's new end at once.
            call.authenticator.apiKeys.forget(keyId: call.parameter("keyId"))
            return reply
        },
    ]
}
