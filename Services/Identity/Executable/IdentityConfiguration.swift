import Foundation
import IdentityService
import SeedRuntime

/// Reads the identity service's own `SEED_IDENTITY_*` variables (docs/configuration.md).
enum IdentityConfiguration {
    static let accessTokenSeconds = ConfigurationVariable(name: "SEED_IDENTITY_ACCESS_TOKEN_SECONDS", example: "900")
    static let refreshTokenDays = ConfigurationVariable(name: "SEED_IDENTITY_REFRESH_TOKEN_DAYS", example: "30")
    static let bcryptCost = ConfigurationVariable(name: "SEED_IDENTITY_BCRYPT_COST", example: "12")
    static let bootstrapAdminEmail = ConfigurationVariable(name: "SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL", example: "owner@example.com")
    static let loginMaxFailures = ConfigurationVariable(name: "SEED_IDENTITY_LOGIN_MAX_FAILURES", example: "5")
    static let lockMinutes = ConfigurationVariable(name: "SEED_IDENTITY_LOCK_MINUTES", example: "15")

    static func read(_ environment: [String: String]) throws(ConfigurationError) -> (IdentitySettings, bcryptCost: UInt8) {
        var reader = EnvironmentReader(environment: environment)
        var settings = IdentitySettings()
        settings.accessTokenLifetime = TimeInterval(reader.read(accessTokenSeconds, default: 900) { raw throws(RejectedValue) in
            try ValueParsers.integer(raw, in: 60...86_400)
        })
        settings.refreshTokenLifetime = TimeInterval(reader.read(refreshTokenDays, default: 30) { raw throws(RejectedValue) in
            try ValueParsers.integer(raw, in: 1...365)
        } * 86_400)
        let cost = reader.read(bcryptCost, default: 12) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 12...16) }
        settings.bootstrapAdminEmail = reader.read(bootstrapAdminEmail, default: nil) { raw throws(RejectedValue) -> String? in
            do { return try CredentialRules.email(raw) } catch { throw RejectedValue(reason: "is not an email address") }
        }
        settings.loginPolicy.maximumFailures = reader.read(loginMaxFailures, default: 5) { raw throws(RejectedValue) in
            try ValueParsers.integer(raw, in: 1...100)
        }
        settings.loginPolicy.lockDuration = TimeInterval(reader.read(lockMinutes, default: 15) { raw throws(RejectedValue) in
            try ValueParsers.integer(raw, in: 1...1440)
        } * 60)
        guard reader.problems.isEmpty else { throw ConfigurationError(executable: "seed-identity", problems: reader.problems) }
        return (settings, UInt8(cost))
    }
}
