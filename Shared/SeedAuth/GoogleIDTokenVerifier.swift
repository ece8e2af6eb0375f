import Foundation
import JWTKit

/// What a verified Google ID token says.
public struct VerifiedGoogleIdentity: Sendable, Equatable {
    /// Google's account id (`sub`).
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

/// Verifies Google ID tokens offline: the RS256 signature against Google's published keys (a JWK Set
/// the operator provides, from https://www.googleapis.com/oauth2/v3/certs), the issuer
/// (`accounts.google.com`), the expiry, and that the token was issued to this installation's OAuth
/// client id (`aud`).
public struct GoogleIDTokenVerifier: Sendable {
    private let keys: JWTKeyCollection
    private let clientId: String

    /// - Parameters:
    ///   - clientId: The OAuth client id tokens must be issued to.
    ///   - jwksJSON: Google's key set, `{"keys": [...]}`.
    public init(clientId: String, jwksJSON: String) async throws {
        let keys = JWTKeyCollection()
        try await keys.add(jwksJSON: jwksJSON)
        self.keys = keys
        self.clientId = clientId
    }

    /// The identity in `token`, or ``AuthError`` when any check fails.
    public func verify(_ token: String) async throws(AuthError) -> VerifiedGoogleIdentity {
        let payload: GoogleIdentityToken
        do {
            payload = try await keys.verify(token, as: GoogleIdentityToken.self, expectedAudience: clientId)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure && error.failedClaim is ExpirationClaim {
            throw AuthError.expired
        } catch {
            throw AuthError.invalid("\(error)")
        }
        guard let email = payload.email else { throw AuthError.invalid("the Google token carries no email address") }
        return VerifiedGoogleIdentity(
            googleId: payload.subject.value, email: email, emailVerified: payload.emailVerified?.value ?? false, name: payload.name)
    }
}
