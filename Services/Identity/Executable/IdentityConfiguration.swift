import Foundation
import IdentityService
import SeedAuth
import SeedRuntime

/// Reads the identity service's own `SEED_IDENTITY_*` variables (docs/configuration.md).
enum IdentityConfiguration {
    static let accessTokenSeconds = ConfigurationVariable(name: "SEED_IDENTITY_ACCESS_TOKEN_SECONDS", example: "900")
    static let refreshTokenDays = ConfigurationVariable(name: "SEED_IDENTITY_REFRESH_TOKEN_DAYS", example: "30")
    static let bcryptCost = ConfigurationVariable(name: "SEED_IDENTITY_BCRYPT_COST", example: "12")
    static let bootstrapAdminEmail = ConfigurationVariable(name: "SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL", example: "owner@example.com")
    static let loginMaxFailures = ConfigurationVariable(name: "SEED_IDENTITY_LOGIN_MAX_FAILURES", example: "5")
    static let lockMinutes = ConfigurationVariable(name: "SEED_IDENTITY_LOCK_MINUTES", example: "15")
    static let googleClientId = ConfigurationVariable(name: "SEED_IDENTITY_GOOGLE_CLIENT_ID", example: "1234-abc.apps.googleusercontent.com")
    static let googleJWKSFile = ConfigurationVariable(name: "SEED_IDENTITY_GOOGLE_JWKS_FILE", example: "/etc/seed/google-certs.json")

    /// Google sign-in: enabled when both the client id and Google's key file are configured.
    static func google(_ environment: [String: String]) async throws -> any GoogleTokenVerifier {
        var reader = EnvironmentReader(environment: environment)
        let clientId = reader.read(googleClientId, default: nil) { raw throws(RejectedValue) -> String? in raw }
        let file = reader.read(googleJWKSFile, default: nil) { raw throws(RejectedValue) -> String? in
            guard FileManager.default.isReadableFile(atPath: raw) else { throw RejectedValue(reason: "is not a readable file") }
            return raw
        }
        if (clientId == nil) != (file == nil) {
            throw ConfigurationError(executable: "seed-identity", problems: [ConfigurationProblem(
                variable: clientId == nil ? googleClientId : googleJWKSFile, value: "",
                reason: "must be set together with \(clientId == nil ? googleJWKSFile.name : googleClientId.name)")])
        }
        guard reader.problems.isEmpty else { throw ConfigurationError(executable: "seed-identity", problems: reader.problems) }
        guard let clientId, let file else { return GoogleSignInDisabled() }
        let jwks = try String(contentsOfFile: file, encoding: .utf8)
        return GoogleSignIn(verifier: try await GoogleIDTokenVerifier(clientId: clientId, jwksJSON: jwks))
    }

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
