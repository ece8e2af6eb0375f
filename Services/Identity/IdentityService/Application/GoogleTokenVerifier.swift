public import SeedAuth
public import SeedContracts

/// Checks a Google ID token and says whose it is. Verifying one needs Google's current keys, so the
/// implementation is chosen by configuration: ``GoogleSignIn`` (a client id and Google's key file) or
/// ``GoogleSignInDisabled``.
public protocol GoogleTokenVerifier: Sendable {
    func verify(_ idToken: String) async throws(ContractError) -> VerifiedGoogleIdentity
}

/// The verifier of an installation without Google sign-in: every token is refused (403).
public struct GoogleSignInDisabled: GoogleTokenVerifier {
    public init() {}

    public func verify(_ idToken: String) async throws(ContractError) -> VerifiedGoogleIdentity {
        throw ContractError(.forbidden, "Google sign-in is not enabled on this installation", details: ["reason": "google_sign_in_disabled"])
    }
}

/// Google sign-in through ``GoogleIDTokenVerifier`` (configured with `SEED_IDENTITY_GOOGLE_CLIENT_ID`
/// and `SEED_IDENTITY_GOOGLE_JWKS_FILE`).
public struct GoogleSignIn: GoogleTokenVerifier {
    private let verifier: GoogleIDTokenVerifier

    public init(verifier: GoogleIDTokenVerifier) { self.verifier = verifier }

    public func verify(_ idToken: String) async throws(ContractError) -> VerifiedGoogleIdentity {
        do {
            return try await verifier.verify(idToken)
        } catch {
            throw ContractError(.unauthenticated, "the Google ID token is not valid: \(error)")
        }
    }
}
