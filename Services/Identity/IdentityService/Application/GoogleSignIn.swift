public import SeedAuth
public import SeedContracts

/// Google sign-in through ``GoogleIDTokenVerifier`` (configured with `SEED_IDENTITY_GOOGLE_CLIENT_ID`
/// and `SEED_IDENTITY_GOOGLE_JWKS_FILE`).
public struct GoogleSignIn: GoogleTokenVerifier {
    private let verifier: GoogleIDTokenVerifier

    public init(verifier: GoogleIDTokenVerifier) { self.verifier = verifier }

    public func verify(_ idToken: String) async throws(ContractError) -> GoogleIdentity {
        do {
            let identity = try await verifier.verify(idToken)
            return GoogleIdentity(googleId: identity.googleId, email: identity.email, emailVerified: identity.emailVerified, name: identity.name)
        } catch {
            throw ContractError(.unauthenticated, "the Google ID token is not valid: \(error)")
        }
    }
}
