import Foundation

// Commands of the identity service. Commands that act for a signed-in user take that user from
// `envelope.actor`, which the gateway sets from a verified access token (decision 0008).

/// Creates an account with email and password.
public struct RegisterUserV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.register-user", version: 1)
    public static let summary = "Creates an account (email unique, password ≥ 8 characters); sends an email verification token as an event."
    public static let example = RegisterUserV1(
        email: "ada@example.com", password: "correct horse battery", phone: "+15550123", username: "ada",
        profile: UserProfile(firstName: "Ada", lastName: "Lovelace"), client: ClientInfo(ipAddress: "203.0.113.7", userAgent: "curl/8.5"))

    public var email: String
    public var password: String
    public var phone: String?
    public var username: String?
    public var profile: UserProfile?
    public var client: ClientInfo?

    public init(email: String, password: String, phone: String? = nil, username: String? = nil, profile: UserProfile? = nil, client: ClientInfo? = nil) {
        self.email = email
        self.password = password
        self.phone = phone
        self.username = username
        self.profile = profile
        self.client = client
    }
}

/// Opens a session with email and password.
public struct LoginV1: IdentityCommand, Equatable {
    public typealias Reply = SessionTokensV1
    public static let messageType = MessageType("identity.login", version: 1)
    public static let summary = "Opens a session with email and password; locks the account for a while after repeated failures."
    public static let example = LoginV1(
        email: "ada@example.com", password: "correct horse battery", deviceId: "ios-4f2a", deviceInfo: "iPhone 15, iOS 18",
        client: ClientInfo(ipAddress: "203.0.113.7", userAgent: "SeedApp/1.2"))

    public var email: String
    public var password: String
    /// Names the device; one session per login.
    public var deviceId: String?
    public var deviceInfo: String?
    public var client: ClientInfo?

    public init(email: String, password: String, deviceId: String? = nil, deviceInfo: String? = nil, client: ClientInfo? = nil) {
        self.email = email
        self.password = password
        self.deviceId = deviceId
        self.deviceInfo = deviceInfo
        self.client = client
    }
}

/// Opens a session with a Google ID token.
public struct LoginWithGoogleV1: IdentityCommand, Equatable {
    public typealias Reply = SessionTokensV1
    public static let messageType = MessageType("identity.login-with-google", version: 1)
    public static let summary = "Opens a session with a Google ID token: links googleId to the account with the same verified email, or creates one."
    public static let example = LoginWithGoogleV1(idToken: "eyJhbGciOiJSUzI1NiIsImtpZCI6IjE2In0.eyJzdWIiOiIxMDk4In0.c2ln", deviceId: "web-77aa")

    public var idToken: String
    public var deviceId: String?
    public var deviceInfo: String?
    public var client: ClientInfo?

    public init(idToken: String, deviceId: String? = nil, deviceInfo: String? = nil, client: ClientInfo? = nil) {
        self.idToken = idToken
        self.deviceId = deviceId
        self.deviceInfo = deviceInfo
        self.client = client
    }
}

/// Exchanges a refresh token for new tokens.
public struct RefreshSessionV1: IdentityCommand, Equatable {
    public typealias Reply = SessionTokensV1
    public static let messageType = MessageType("identity.refresh-session", version: 1)
    public static let summary = "Rotates the refresh token and issues a new access token; presenting an already-rotated token revokes the whole session."
    public static let example = RefreshSessionV1(refreshToken: SessionTokensV1.example.refreshToken)

    public var refreshToken: String
    public var client: ClientInfo?

    public init(refreshToken: String, client: ClientInfo? = nil) {
        self.refreshToken = refreshToken
        self.client = client
    }
}

/// Ends the caller's session, or all of them.
public struct LogoutV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.logout", version: 1)
    public static let summary = "Revokes one session of the caller (envelope.actor), or every session with allSessions."
    public static let example = LogoutV1(sessionId: SessionTokensV1.example.sessionId, allSessions: false)

    public var sessionId: String?
    public var allSessions: Bool
    public var client: ClientInfo?

    public init(sessionId: String?, allSessions: Bool = false, client: ClientInfo? = nil) {
        self.sessionId = sessionId
        self.allSessions = allSessions
        self.client = client
    }
}

/// Confirms an email address with the token from `identity.email-verification-requested.v1`.
public struct VerifyEmailV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.verify-email", version: 1)
    public static let summary = "Marks the email verified when the token matches and has not expired (24 h)."
    public static let example = VerifyEmailV1(token: "Xq8v3kR0bZp1s7Lm2Nw9Yc4Td6Ue5Fg0Hj1Ka2Lb3Mc")

    public var token: String

    public init(token: String) { self.token = token }
}

/// Sends a new phone verification code to the caller's phone.
public struct RequestPhoneVerificationV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.request-phone-verification", version: 1)
    public static let summary = "Makes a 6-digit code for the caller's phone (valid 10 min, 5 attempts), delivered by event."
    public static let example = RequestPhoneVerificationV1()

    public init() {}
}

/// Confirms the caller's phone with the code.
public struct VerifyPhoneV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.verify-phone", version: 1)
    public static let summary = "Marks the caller's phone verified when the code matches; wrong codes count against 5 attempts."
    public static let example = VerifyPhoneV1(code: "493027")

    public var code: String

    public init(code: String) { self.code = code }
}

/// Reads one user.
public struct GetUserV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.get-user", version: 1)
    public static let summary = "Returns a user: the caller itself, or anyone for an administrator."
    public static let example = GetUserV1(userId: UserV1.example.id)

    public var userId: String

    public init(userId: String) { self.userId = userId }
}

/// Changes the caller's profile, preferences, username or phone.
public struct UpdateProfileV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.update-profile", version: 1)
    public static let summary = "Replaces the fields given (absent fields stay); a new phone must be verified again."
    public static let example = UpdateProfileV1(
        firstName: "Ada", lastName: "King", company: "Analytical Engines Ltd", timezone: "Europe/London",
        preferences: UserPreferences(notifications: NotificationPreferences(email: true, sms: false, push: false), theme: "dark"))

    public var firstName: String?
    public var lastName: String?
    public var displayName: String?
    public var company: String?
    public var avatar: String?
    public var timezone: String?
    public var preferences: UserPreferences?
    public var username: String?
    public var phone: String?
    /// Seed 002 `fullName`: 2 to 50 characters.
    public var fullName: String?

    public init(
        firstName: String? = nil, lastName: String? = nil, displayName: String? = nil, company: String? = nil, avatar: String? = nil,
        timezone: String? = nil, preferences: UserPreferences? = nil, username: String? = nil, phone: String? = nil, fullName: String? = nil
    ) {
        self.fullName = fullName
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.company = company
        self.avatar = avatar
        self.timezone = timezone
        self.preferences = preferences
        self.username = username
        self.phone = phone
    }
}

/// An administrator changes a user's role and roles.
public struct ChangeUserRolesV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.change-user-roles", version: 1)
    public static let summary = "Sets a user's role and roles[]; only a super_admin grants or removes admin and super_admin."
    public static let example = ChangeUserRolesV1(userId: UserV1.example.id, role: .admin, roles: ["support"])

    public var userId: String
    public var role: UserRole
    public var roles: [String]
    public var client: ClientInfo?

    public init(userId: String, role: UserRole, roles: [String] = [], client: ClientInfo? = nil) {
        self.userId = userId
        self.role = role
        self.roles = roles
        self.client = client
    }
}

/// An administrator changes a user's status.
public struct ChangeUserStatusV1: IdentityCommand, Equatable {
    public typealias Reply = UserV1
    public static let messageType = MessageType("identity.change-user-status", version: 1)
    public static let summary = "Sets a user's status; suspending ends every session of the user."
    public static let example = ChangeUserStatusV1(userId: UserV1.example.id, status: .suspended, reason: "chargeback")

    public var userId: String
    public var status: UserStatus
    public var reason: String?
    public var client: ClientInfo?

    public init(userId: String, status: UserStatus, reason: String? = nil, client: ClientInfo? = nil) {
        self.userId = userId
        self.status = status
        self.reason = reason
        self.client = client
    }
}

/// Deletes an account (soft delete).
public struct DeleteUserV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.delete-user", version: 1)
    public static let summary = "Deletes the caller's account, or any account for an administrator: sessions end, personal data is erased, the id stays reserved."
    public static let example = DeleteUserV1(userId: UserV1.example.id)

    public var userId: String
    public var client: ClientInfo?

    public init(userId: String, client: ClientInfo? = nil) {
        self.userId = userId
        self.client = client
    }
}

/// Asks for the keys that verify access tokens.
public struct GetSigningKeysV1: IdentityCommand, Equatable {
    public typealias Reply = SigningKeysV1
    public static let messageType = MessageType("identity.get-signing-keys", version: 1)
    public static let summary = "Returns the JWK Set that verifies access tokens; services cache it and ask again for an unknown kid."
    public static let example = GetSigningKeysV1()

    public init() {}
}

/// An administrator reads the audit log.
public struct ListAuditLogV1: IdentityCommand, Equatable {
    public typealias Reply = AuditLogPageV1
    public static let messageType = MessageType("identity.list-audit-log", version: 1)
    public static let summary = "Returns audit entries, newest first, optionally of one user or action; paginated by cursor."
    public static let example = ListAuditLogV1(userId: UserV1.example.id, action: "login", limit: 50)

    public var userId: String?
    public var action: String?
    public var limit: Int
    public var cursor: String?

    public init(userId: String? = nil, action: String? = nil, limit: Int = 50, cursor: String? = nil) {
        self.userId = userId
        self.action = action
        self.limit = limit
        self.cursor = cursor
    }
}

/// One entry of the audit log (seed 000 `audit_logs`).
public struct AuditEntryV1: Codable, Sendable, Equatable {
    public var id: String
    public var userId: String?
    public var userEmail: String?
    public var userRole: String?
    /// Who did it, when not the user itself (an administrator).
    public var actorId: String?
    /// `register`, `login`, `login_failed`, `logout`, `refresh_reuse`, `role_change`, `status_change`, `delete`, ...
    public var action: String
    public var resource: String
    public var resourceId: String?
    public var ipAddress: String?
    public var userAgent: String?
    public var sessionId: String?
    public var success: Bool
    public var errorMessage: String?
    public var before: [String: String]?
    public var after: [String: String]?
    /// Seed 004 `metadata` (for example the other user of a relationship change, a suspension's reason).
    public var metadata: [String: String]?
    public var timestamp: Date

    public init(
        id: String, userId: String?, userEmail: String?, userRole: String?, actorId: String?, action: String, resource: String,
        resourceId: String?, ipAddress: String?, userAgent: String?, sessionId: String?, success: Bool, errorMessage: String?,
        before: [String: String]?, after: [String: String]?, metadata: [String: String]? = nil, timestamp: Date
    ) {
        self.metadata = metadata
        self.id = id
        self.userId = userId
        self.userEmail = userEmail
        self.userRole = userRole
        self.actorId = actorId
        self.action = action
        self.resource = resource
        self.resourceId = resourceId
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.sessionId = sessionId
        self.success = success
        self.errorMessage = errorMessage
        self.before = before
        self.after = after
        self.timestamp = timestamp
    }
}

/// A page of the audit log.
public struct AuditLogPageV1: Message, Equatable {
    public static let messageType = MessageType("identity.audit-log-page", version: 1)
    public static let summary = "Audit entries, newest first, and the cursor of the next page."
    public static let example = AuditLogPageV1(
        entries: [AuditEntryV1(
            id: "65f1c2b0e4b0a1b2c3d4e601", userId: UserV1.example.id, userEmail: "ada@example.com", userRole: "client", actorId: nil,
            action: "login", resource: "user", resourceId: UserV1.example.id, ipAddress: "203.0.113.7", userAgent: "SeedApp/1.2",
            sessionId: SessionTokensV1.example.sessionId, success: true, errorMessage: nil, before: nil, after: nil,
            timestamp: Date(timeIntervalSince1970: 1_767_225_600))],
        nextCursor: nil)

    public var entries: [AuditEntryV1]
    public var nextCursor: String?

    public init(entries: [AuditEntryV1], nextCursor: String?) {
        self.entries = entries
        self.nextCursor = nextCursor
    }
}
