import Foundation
import JWTKit
public import SeedContracts

/// Verifies access tokens locally against the identity service's published key set.
///
/// Install the key set with ``install(_:)`` (from `identity.get-signing-keys.v1`); when a token names
/// a key id the verifier does not know, ``verify(_:)`` throws ``AuthError/unknownKey(_:)`` so the
/// caller can fetch the key set again (keys rotate) and retry once.
public actor AccessTokenVerifier {
    private var keys = JWTKeyCollection()
    private var knownKeyIds: Set<String> = []

    public init() {}

    /// Whether a key set has been installed.
    public var hasKeys: Bool { !knownKeyIds.isEmpty }

    /// Replaces the trusted keys with `keySet`.
    public func install(_ keySet: SigningKeysV1) async throws {
        let collection = JWTKeyCollection()
        for key in keySet.keys where key.kty == "OKP" && key.crv == "Ed25519" {
            await collection.add(eddsa: try EdDSA.PublicKey(x: key.x, curve: .ed25519), kid: JWKIdentifier(string: key.keyId))
        }
        keys = collection
        knownKeyIds = Set(keySet.keys.map(\.keyId))
    }

    /// The claims of `token` once its signature, issuer, audience and expiry check out.
    public func verify(_ token: String) async throws(AuthError) -> AccessTokenClaims {
        guard !knownKeyIds.isEmpty else { throw AuthError.noKeys }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(String(parts[0])),
              let header = try? JSONDecoder().decode(Header.self, from: headerData)
        else { throw AuthError.malformed }
        guard let kid = header.kid, knownKeyIds.contains(kid) else { throw AuthError.unknownKey(header.kid) }
        do {
            return try await keys.verify(token, as: AccessTokenClaims.self)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure && error.failedClaim is ExpirationClaim {
            throw AuthError.expired
        } catch {
            throw AuthError.invalid("\(error)")
        }
    }

    private struct Header: Decodable { var kid: String? }
}
