import Foundation
import JWTKit

/// Signs access tokens with the newest ``AccessTokenSigningKey``.
public struct AccessTokenIssuer: Sendable {
    private let keys: JWTKeyCollection
    private let keyId: String
    /// How long an access token is valid.
    public let lifetime: TimeInterval

    public init(signingKey: AccessTokenSigningKey, lifetime: TimeInterval) async throws {
        let keys = JWTKeyCollection()
        let privateKey = try EdDSA.PrivateKey(d: Base64URL.encode(signingKey.privateKey), curve: .ed25519)
        await keys.add(eddsa: privateKey, kid: JWKIdentifier(string: signingKey.keyId))
        self.keys = keys
        self.keyId = signingKey.keyId
        self.lifetime = lifetime
    }

    /// A signed compact JWT of `claims`.
    public func sign(_ claims: AccessTokenClaims) async throws -> String {
        try await keys.sign(claims, kid: JWKIdentifier(string: keyId))
    }
}
