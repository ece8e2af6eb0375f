import Foundation

/// An account role (seed 000 `role`). Seed 004's free-form `roles[]` travel beside it.
public enum UserRole: String, Codable, Sendable, CaseIterable {
    case client
    case admin
    case superAdmin = "super_admin"

    /// Whether the role may administer users (change roles and status, read audit logs).
    public var isAdministrator: Bool { self != .client }
}

/// An account status (seed 000 `status`). Only `active` accounts can log in.
public enum UserStatus: String, Codable, Sendable, CaseIterable {
    case active
    case inactive
    case suspended
}

/// Notification channels a user accepts (seed 000 `profile.preferences.notifications`).
public struct NotificationPreferences: Codable, Sendable, Equatable {
    public var email: Bool
    public var sms: Bool
    public var push: Bool

    public init(email: Bool = true, sms: Bool = false, push: Bool = true) {
        self.email = email
        self.sms = sms
        self.push = push
    }
}

/// Display preferences (seed 000 `profile.preferences`).
public struct UserPreferences: Codable, Sendable, Equatable {
    public var notifications: NotificationPreferences
    /// `light` or `dark`.
    public var theme: String

    public init(notifications: NotificationPreferences = NotificationPreferences(), theme: String = "light") {
        self.notifications = notifications
        self.theme = theme
    }
}

/// A user's profile: seed 000 `profile`, seed 002 `fullName`/`avatar`, seed 001 `display_name`.
public struct UserProfile: Codable, Sendable, Equatable {
    public var firstName: String?
    public var lastName: String?
    /// What others see; defaults to first and last name, or the email's local part.
    public var displayName: String?
    public var company: String?
    /// URL of the profile image.
    public var avatar: String?
    /// IANA time zone, e.g. `Europe/Berlin`.
    public var timezone: String?
    public var preferences: UserPreferences
    /// Seed 002 `fullName`: 2 to 50 characters when given.
    public var fullName: String?

    public init(
        firstName: String? = nil, lastName: String? = nil, displayName: String? = nil, company: String? = nil,
        avatar: String? = nil, timezone: String? = nil, preferences: UserPreferences = UserPreferences(), fullName: String? = nil
    ) {
        self.fullName = fullName
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.company = company
        self.avatar = avatar
        self.timezone = timezone
        self.preferences = preferences
    }
}

/// Where a request came from, for the audit log.
public struct ClientInfo: Codable, Sendable, Equatable {
    public var ipAddress: String?
    public var userAgent: String?

    public init(ipAddress: String? = nil, userAgent: String? = nil) {
        self.ipAddress = ipAddress
        self.userAgent = userAgent
    }
}

/// A user as other services and clients see it: never the password hash, tokens or codes.
public struct UserV1: Message, Equatable {
    public static let messageType = MessageType("identity.user", version: 1)
    public static let summary = "A user account as clients see it (no secrets)."
    public static let example = UserV1(
        id: "65f1c2a9e4b0a1b2c3d4e5f6", email: "ada@example.com", phone: "+15550123", username: "ada",
        profile: UserProfile(firstName: "Ada", lastName: "Lovelace", displayName: "Ada Lovelace", timezone: "Europe/London"),
        role: .client, roles: [], status: .active, emailVerified: true, phoneVerified: false, googleLinked: false,
        tenantId: nil, externalId: nil, lastLoginAt: Date(timeIntervalSince1970: 1_767_225_600),
        createdAt: Date(timeIntervalSince1970: 1_767_139_200), updatedAt: Date(timeIntervalSince1970: 1_767_225_600))

    public var id: String
    public var email: String?
    public var phone: String?
    public var username: String?
    public var profile: UserProfile
    public var role: UserRole
    public var roles: [String]
    public var status: UserStatus
    public var emailVerified: Bool
    public var phoneVerified: Bool
    public var googleLinked: Bool
    /// The tenant of an end user of the chat platform (seed 001); absent for platform accounts.
    public var tenantId: String?
    /// The end user's id in the tenant's own application (seed 001 `external_id`).
    public var externalId: String?
    public var lastLoginAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, email: String?, phone: String?, username: String?, profile: UserProfile, role: UserRole,
        roles: [String], status: UserStatus, emailVerified: Bool, phoneVerified: Bool, googleLinked: Bool,
        tenantId: String?, externalId: String?, lastLoginAt: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.email = email
        self.phone = phone
        self.username = username
        self.profile = profile
        self.role = role
        self.roles = roles
        self.status = status
        self.emailVerified = emailVerified
        self.phoneVerified = phoneVerified
        self.googleLinked = googleLinked
        self.tenantId = tenantId
        self.externalId = externalId
        self.lastLoginAt = lastLoginAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The tokens of a session, returned by login and refresh.
public struct SessionTokensV1: Message, Equatable {
    public static let messageType = MessageType("identity.session-tokens", version: 1)
    public static let summary = "An access token (EdDSA JWT) and a refresh token for one session; the refresh token is shown only here."
    public static let example = SessionTokensV1(
        tokenType: "Bearer", accessToken: "eyJhbGciOiJFZERTQSIsImtpZCI6ImVkMjU1MTktM2Y5YTFjMmIiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiI2NWYxIn0.c2ln",
        accessTokenExpiresAt: Date(timeIntervalSince1970: 1_767_226_500),
        refreshToken: "8b9c0d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e.q3Yt0c8m4rX2w9ZJb6N1VvKp7Hs5Lg0Ue3Df8Ai2Bo4",
        refreshTokenExpiresAt: Date(timeIntervalSince1970: 1_769_817_600), sessionId: "8b9c0d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
        user: UserV1.example)

    public var tokenType: String
    public var accessToken: String
    public var accessTokenExpiresAt: Date
    /// `<sessionId>.<secret>`; stored by identity only as a SHA-256 digest, rotated on every refresh.
    public var refreshToken: String
    public var refreshTokenExpiresAt: Date
    public var sessionId: String
    public var user: UserV1

    public init(
        tokenType: String = "Bearer", accessToken: String, accessTokenExpiresAt: Date, refreshToken: String,
        refreshTokenExpiresAt: Date, sessionId: String, user: UserV1
    ) {
        self.tokenType = tokenType
        self.accessToken = accessToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshToken = refreshToken
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
        self.sessionId = sessionId
        self.user = user
    }
}

/// The public half of an access-token signing key as a JSON Web Key (RFC 8037).
public struct PublicSigningKey: Codable, Sendable, Equatable {
    public var kty: String
    public var crv: String
    /// The Ed25519 public key, base64url.
    public var x: String
    public var keyId: String
    public var alg: String
    public var use: String

    public init(keyId: String, x: String) {
        self.kty = "OKP"
        self.crv = "Ed25519"
        self.x = x
        self.keyId = keyId
        self.alg = "EdDSA"
        self.use = "sig"
    }

    enum CodingKeys: String, CodingKey { case kty, crv, x, keyId = "kid", alg, use }
}

/// The keys that verify access tokens: a JWK Set (`{"keys": [...]}`), also served by the gateway at
/// `/.well-known/jwks.json`.
public struct SigningKeysV1: Message, Equatable {
    public static let messageType = MessageType("identity.signing-keys", version: 1)
    public static let summary = "The JWK Set whose keys verify access tokens."
    public static let example = SigningKeysV1(keys: [PublicSigningKey(keyId: "ed25519-3f9a1c2b", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")])

    public var keys: [PublicSigningKey]

    public init(keys: [PublicSigningKey]) { self.keys = keys }
}
