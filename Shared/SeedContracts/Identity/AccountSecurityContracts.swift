import Foundation

// Sessions a user can see, password reset and change, and a new verification email (issue 23).

/// One of the caller's sessions as the caller sees it.
public struct SessionV1: Codable, Sendable, Equatable {
    public var sessionId: String
    public var deviceId: String?
    public var deviceInfo: String?
    public var userAgent: String?
    public var ipAddress: String?
    public var createdAt: Date
    /// The last login or refresh of the session.
    public var lastUsedAt: Date
    public var expiresAt: Date
    /// The session of the access token that asked.
    public var current: Bool

    public init(
        sessionId: String, deviceId: String?, deviceInfo: String?, userAgent: String?, ipAddress: String?, createdAt: Date, lastUsedAt: Date,
        expiresAt: Date, current: Bool
    ) {
        self.sessionId = sessionId
        self.deviceId = deviceId
        self.deviceInfo = deviceInfo
        self.userAgent = userAgent
        self.ipAddress = ipAddress
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.current = current
    }
}

/// The caller's live sessions.
public struct SessionListV1: Message, Equatable {
    public static let messageType = MessageType("identity.session-list", version: 1)
    public static let summary = "The caller's live sessions, most recently used first, the asking one marked current."
    public static let example = SessionListV1(sessions: [SessionV1(
        sessionId: SessionTokensV1.example.sessionId, deviceId: "ios-4f2a", deviceInfo: "iPhone 15, iOS 18", userAgent: "SeedApp/1.2",
        ipAddress: "203.0.113.7", createdAt: Date(timeIntervalSince1970: 1_767_225_600), lastUsedAt: Date(timeIntervalSince1970: 1_767_229_200),
        expiresAt: Date(timeIntervalSince1970: 1_769_821_200), current: true)])

    public var sessions: [SessionV1]

    public init(sessions: [SessionV1]) { self.sessions = sessions }
}

/// The caller lists its sessions.
public struct ListSessionsV1: IdentityCommand, Equatable {
    public typealias Reply = SessionListV1
    public static let messageType = MessageType("identity.list-sessions", version: 1)
    public static let summary = "Lists the caller's live sessions (device, created, last used); currentSessionId, set by the gateway from the access token, is marked current."
    public static let example = ListSessionsV1(currentSessionId: SessionTokensV1.example.sessionId)

    public var currentSessionId: String?

    public init(currentSessionId: String?) { self.currentSessionId = currentSessionId }
}

/// Someone forgot a password.
public struct RequestPasswordResetV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.request-password-reset", version: 1)
    public static let summary = "Makes a single-use reset token (valid 1 h) for the account with this email, delivered by event; the answer is the same whether the email is known or not."
    public static let example = RequestPasswordResetV1(email: "ada@example.com")

    public var email: String
    public var client: ClientInfo?

    public init(email: String, client: ClientInfo? = nil) {
        self.email = email
        self.client = client
    }
}

/// Sets a new password with the token from `identity.password-reset-requested.v1`.
public struct ResetPasswordV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.reset-password", version: 1)
    public static let summary = "Sets a new password when the reset token matches and has not expired or been used; every session of the account ends."
    public static let example = ResetPasswordV1(token: "Rk2v9sPq1Lm8Xw3Nb7Tc0Yd5Ue6Fg4Hj2Ka1Lb0Mc", newPassword: "a much better passphrase")

    public var token: String
    public var newPassword: String
    public var client: ClientInfo?

    public init(token: String, newPassword: String, client: ClientInfo? = nil) {
        self.token = token
        self.newPassword = newPassword
        self.client = client
    }
}

/// The caller changes its password.
public struct ChangePasswordV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.change-password", version: 1)
    public static let summary = "Changes the caller's password given the current one; every other session ends (currentSessionId, set by the gateway, stays)."
    public static let example = ChangePasswordV1(
        currentPassword: "correct horse battery", newPassword: "a much better passphrase", currentSessionId: SessionTokensV1.example.sessionId)

    public var currentPassword: String
    public var newPassword: String
    public var currentSessionId: String?
    public var client: ClientInfo?

    public init(currentPassword: String, newPassword: String, currentSessionId: String? = nil, client: ClientInfo? = nil) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
        self.currentSessionId = currentSessionId
        self.client = client
    }
}

/// The caller asks for a new email verification token.
public struct ResendVerificationEmailV1: IdentityCommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("identity.resend-verification-email", version: 1)
    public static let summary = "Makes a new email verification token for the caller (the old one stops working), delivered as email-verification-requested."
    public static let example = ResendVerificationEmailV1()

    public init() {}
}

/// A password reset token is to be delivered.
public struct PasswordResetRequestedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.password-reset-requested", version: 1)
    public static let summary = "A notification sender should email this single-use password reset token to the address (valid 1 h)."
    public static let example = PasswordResetRequestedV1(
        userId: UserV1.example.id, email: "ada@example.com", token: ResetPasswordV1.example.token, expiresAt: Date(timeIntervalSince1970: 1_767_229_200))

    public var userId: String
    public var email: String
    public var token: String
    public var expiresAt: Date

    public init(userId: String, email: String, token: String, expiresAt: Date) {
        self.userId = userId
        self.email = email
        self.token = token
        self.expiresAt = expiresAt
    }
}

/// A user's password changed (by change or reset).
public struct PasswordChangedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.password-changed", version: 1)
    public static let summary = "A user's password changed (how: change or reset); a notification sender may tell the user."
    public static let example = PasswordChangedV1(userId: UserV1.example.id, how: "reset")

    public var userId: String
    /// `change` or `reset`.
    public var how: String

    public init(userId: String, how: String) {
        self.userId = userId
        self.how = how
    }
}
