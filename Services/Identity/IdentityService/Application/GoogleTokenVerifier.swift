public import SeedContracts

/// What a verified Google ID token says about its holder.
public struct GoogleIdentity: Sendable, Equatable {
    public var googleId: String
    public var email: String
    public var emailVerified: Bool
    public var name: String?

    public init(googleId: String, email: String, emailVerified: Bool, name: String?) {
        self.googleId = googleId
        self.email = email
        self.emailVerified = emailVerified
        self.name = name
    }
}

/// Checks a Google ID token. Verifying one needs Google's current keys, so the implementation is
/// chosen by configuration (``GoogleIDTokenVerifier`` with a key file, or none).
public protocol GoogleTokenVerifier: Sendable {
    func verify(_ idToken: String) async throws(ContractError) -> GoogleIdentity
}

/// The verifier of an installation without Google sign-in: every token is refused (403).
public struct GoogleSignInDisabled: GoogleTokenVerifier {
    public init() {}

    public func verify(_ idToken: String) async throws(ContractError) -> GoogleIdentity {
        throw ContractError(.forbidden, "Google sign-in is not enabled on this installation", details: ["reason": "google_sign_in_disabled"])
    }
}
