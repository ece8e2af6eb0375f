import Foundation
public import SeedContracts

/// One user account: the fields that all five seeds give a user, in one model (design brief).
///
/// Platform accounts (seed 000, 002, 003, 004) sign in with email and password or Google; tenant end
/// users (seed 001) belong to a tenant, are named by the tenant's `externalId` and have no password.
public struct User: Codable, Sendable, Equatable {
    public var id: String
    /// Lower-case; unique among accounts that have one.
    public var email: String?
    /// E.164 (`+` and digits); unique among accounts that have one.
    public var phone: String?
    /// Lower-case; unique among accounts that have one.
    public var username: String?
    /// bcrypt `$2b$` hash; absent for Google-only and tenant accounts.
    public var passwordHash: String?
    public var googleId: String?
    public var profile: UserProfile
    public var verification: Verification
    public var authentication: Authentication
    public var role: UserRole
    public var roles: [String]
    public var status: UserStatus
    public var tenantId: String?
    public var externalId: String?
    /// Seed 001 `custom_data`: the tenant's own fields.
    public var customData: [String: String]?
    /// Seed 001 `last_seen`.
    public var lastSeenAt: Date?
    /// The pending password reset (only the token's digest), if any.
    public var passwordReset: PasswordReset?
    /// Seed 001 `settings` (privacy); absent until the user changes them (everything `everyone`).
    public var settings: UserSettings?
    public var deletedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// Seed 000 `verification`. Secrets are kept only as SHA-256 digests.
    public struct Verification: Codable, Sendable, Equatable {
        public var email: EmailVerification
        public var phone: PhoneVerification

        public init(email: EmailVerification = EmailVerification(), phone: PhoneVerification = PhoneVerification()) {
            self.email = email
            self.phone = phone
        }
    }

    public struct EmailVerification: Codable, Sendable, Equatable {
        public var isVerified: Bool = false
        public var tokenHash: String?
        public var tokenExpiresAt: Date?
        public var verifiedAt: Date?

        public init() {}
    }

    public struct PhoneVerification: Codable, Sendable, Equatable {
        public var isVerified: Bool = false
        public var codeHash: String?
        public var codeExpiresAt: Date?
        public var verifiedAt: Date?
        /// Wrong codes entered against the current code.
        public var attempts: Int = 0

        public init() {}
    }

    /// Seed 000 `authentication` (its refresh tokens live in `refresh_tokens`, seed 004).
    public struct Authentication: Codable, Sendable, Equatable {
        public var lastLoginAt: Date?
        /// Failed password logins since the last success.
        public var loginAttempts: Int = 0
        public var lockedUntil: Date?

        public init() {}
    }

    /// A forgotten password's single-use reset token, kept as a SHA-256 digest.
    public struct PasswordReset: Codable, Sendable, Equatable {
        public var tokenHash: String
        public var expiresAt: Date
    }

    public init(
        id: String, email: String?, phone: String? = nil, username: String? = nil, passwordHash: String? = nil,
        googleId: String? = nil, profile: UserProfile = UserProfile(), role: UserRole = .client, roles: [String] = [],
        status: UserStatus = .active, tenantId: String? = nil, externalId: String? = nil, now: Date
    ) {
        self.id = id
        self.email = email
        self.phone = phone
        self.username = username
        self.passwordHash = passwordHash
        self.googleId = googleId
        self.profile = profile
        self.verification = Verification()
        self.authentication = Authentication()
        self.role = role
        self.roles = roles
        self.status = status
        self.tenantId = tenantId
        self.externalId = externalId
        self.createdAt = now
        self.updatedAt = now
    }

    enum CodingKeys: String, CodingKey {
        case id = "_id", email, phone, username, passwordHash, googleId, profile, verification, authentication, role, roles,
             status, tenantId, externalId, customData, lastSeenAt, passwordReset, settings, deletedAt, createdAt, updatedAt
    }

    /// The user as clients and other services see it.
    public var view: UserV1 {
        UserV1(
            id: id, email: email, phone: phone, username: username, profile: profile, role: role, roles: roles, status: status,
            emailVerified: verification.email.isVerified, phoneVerified: verification.phone.isVerified, googleLinked: googleId != nil,
            tenantId: tenantId, externalId: externalId, lastLoginAt: authentication.lastLoginAt, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// Whether the user may administer other users.
    public var isAdministrator: Bool { role.isAdministrator && deletedAt == nil && status == .active }

    /// The name others see: the profile's display name, else first and last name, else the email's
    /// local part, else the username.
    public static func displayName(for profile: UserProfile, email: String?, username: String?) -> String {
        if let name = profile.displayName, !name.isEmpty { return name }
        let full = [profile.firstName, profile.lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        if !full.isEmpty { return full }
        return email.map { String($0.prefix { $0 != "@" }) } ?? username ?? ""
    }
}
