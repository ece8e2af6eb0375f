import Foundation

/// The identity service's own settings, read from `SEED_IDENTITY_*` variables (see docs/configuration.md).
public struct IdentitySettings: Sendable, Equatable {
    /// How long an access token is valid (`SEED_IDENTITY_ACCESS_TOKEN_SECONDS`, default 900).
    public var accessTokenLifetime: TimeInterval = 15 * 60
    /// How long a session lives without a refresh (`SEED_IDENTITY_REFRESH_TOKEN_DAYS`, default 30).
    public var refreshTokenLifetime: TimeInterval = 30 * 24 * 3600
    /// How long an email verification token is valid.
    public var emailTokenLifetime: TimeInterval = 24 * 3600
    /// How long a phone code is valid, and how many wrong codes it tolerates.
    public var phoneCodeLifetime: TimeInterval = 10 * 60
    public var phoneCodeMaximumAttempts = 5
    /// How long a password reset token is valid.
    public var passwordResetLifetime: TimeInterval = 3600
    /// How long after a refresh the same (now rotated) refresh token may be presented again and gets
    /// the same new pair, for two tabs refreshing at once (decision 0029); after it, reuse revokes the session.
    public var refreshGraceWindow: TimeInterval = 10
    /// Lockout after failed logins.
    public var loginPolicy = LoginPolicy()
    /// The account registered with this email becomes `super_admin` while there is none
    /// (`SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL`): how a new installation gets its first administrator.
    public var bootstrapAdminEmail: String?

    public init() {}
}
