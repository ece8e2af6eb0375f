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

    static let all: [APIRoute] = [
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
            try await call.send(CreateAPIKeyV1(tenantId: call.parameter("tenantId"), applicationId: body.applicationId, name: body.name, scopes: body.scopes))
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
