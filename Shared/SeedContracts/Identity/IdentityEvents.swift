import Foundation

/// A user account was created.
public struct UserRegisteredV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.user-registered", version: 1)
    public static let summary = "An account was created (by registration, Google sign-in or a tenant)."
    public static let example = UserRegisteredV1(user: UserV1.example)

    public var user: UserV1

    public init(user: UserV1) { self.user = user }
}

/// A user's profile, role or status changed.
public struct UserUpdatedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.user-updated", version: 1)
    public static let summary = "A user's profile, roles or status changed; carries the user as it is now and the names of the changed fields."
    public static let example = UserUpdatedV1(user: UserV1.example, changedFields: ["profile.displayName"])

    public var user: UserV1
    public var changedFields: [String]

    public init(user: UserV1, changedFields: [String]) {
        self.user = user
        self.changedFields = changedFields
    }
}

/// A user verified an email address or phone number.
public struct UserVerifiedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.user-verified", version: 1)
    public static let summary = "A user proved they own their email address or phone number."
    public static let example = UserVerifiedV1(userId: UserV1.example.id, channel: "email")

    public var userId: String
    /// `email` or `phone`.
    public var channel: String

    public init(userId: String, channel: String) {
        self.userId = userId
        self.channel = channel
    }
}

/// A user was suspended.
public struct UserSuspendedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.user-suspended", version: 1)
    public static let summary = "An administrator suspended a user; their sessions have ended."
    public static let example = UserSuspendedV1(userId: UserV1.example.id, reason: "chargeback", by: "65f1c2a9e4b0a1b2c3d4e000")

    public var userId: String
    public var reason: String?
    /// The administrator.
    public var by: String

    public init(userId: String, reason: String?, by: String) {
        self.userId = userId
        self.reason = reason
        self.by = by
    }
}

/// A user was deleted.
public struct UserDeletedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.user-deleted", version: 1)
    public static let summary = "An account was deleted; other services drop or anonymise what they keep of it."
    public static let example = UserDeletedV1(userId: UserV1.example.id)

    public var userId: String

    public init(userId: String) { self.userId = userId }
}

/// A session ended before its time.
public struct SessionRevokedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.session-revoked", version: 1)
    public static let summary = "A session ended (logout, reuse of a rotated refresh token, suspension, deletion); its access tokens should be refused."
    public static let example = SessionRevokedV1(
        userId: UserV1.example.id, sessionId: SessionTokensV1.example.sessionId, reason: "refresh_token_reuse",
        accessTokensValidUntil: Date(timeIntervalSince1970: 1_767_226_500))

    public var userId: String
    public var sessionId: String
    /// `logout`, `logout_all`, `refresh_token_reuse`, `suspended`, `deleted`.
    public var reason: String
    /// When the last access token of the session expires; a deny-list entry may go after that.
    public var accessTokensValidUntil: Date

    public init(userId: String, sessionId: String, reason: String, accessTokensValidUntil: Date) {
        self.userId = userId
        self.sessionId = sessionId
        self.reason = reason
        self.accessTokensValidUntil = accessTokensValidUntil
    }
}

/// An email verification token is to be delivered.
public struct EmailVerificationRequestedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.email-verification-requested", version: 1)
    public static let summary = "A notification sender should email this verification token to the address (valid 24 h)."
    public static let example = EmailVerificationRequestedV1(
        userId: UserV1.example.id, email: "ada@example.com", token: VerifyEmailV1.example.token, expiresAt: Date(timeIntervalSince1970: 1_767_225_600))

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

/// A phone verification code is to be delivered.
public struct PhoneVerificationRequestedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.phone-verification-requested", version: 1)
    public static let summary = "A notification sender should text this code to the phone (valid 10 min)."
    public static let example = PhoneVerificationRequestedV1(
        userId: UserV1.example.id, phone: "+15550123", code: VerifyPhoneV1.example.code, expiresAt: Date(timeIntervalSince1970: 1_767_140_000))

    public var userId: String
    public var phone: String
    public var code: String
    public var expiresAt: Date

    public init(userId: String, phone: String, code: String, expiresAt: Date) {
        self.userId = userId
        self.phone = phone
        self.code = code
        self.expiresAt = expiresAt
    }
}
