import Foundation
import JWTKit
import SeedContracts

/// Signs access tokens with the newest ``AccessTokenSigningKey``.
public struct AccessTokenIssuer: Sendable {
    private let keys: JWTKeyCollection
    private let keyId: String
    /// How long an access token is valid.
    public let lifetime: TimeInterval

    public init(signingKey: AccessTokenSigningKey, lifetime: TimeInterval) async throws {
        let keys = JWTKeyCollection()
        let privateKey = try EdDSA.PrivateKey(d: Base64URL.encode(signingKey.privateKey), curve: .ed25519)
        // The serializer is the key's own: jwt-kit signs with the one given here, not the collection's default.
        await keys.add(eddsa: privateKey, kid: JWKIdentifier(string: signingKey.keyId), serializer: DefaultJWTSerializer(jsonEncoder: WireJWTEncoder()))
        self.keys = keys
        self.keyId = signingKey.keyId
        self.lifetime = lifetime
    }

    /// A signed compact JWT of `claims`.
    public func sign(_ claims: AccessTokenClaims) async throws -> String {
        try await keys.sign(claims, kid: JWKIdentifier(string: keyId))
    }
}

/// jwt-kit's JSON encoder for the header and claims of access tokens: the wire coder, which makes the
/// same JSON as Foundation's `JSONEncoder` for them at a fraction of its CPU (`JSONEncoder` and the
/// claims' encoding were 4 % of the identity service's CPU per token refresh). The claims hold no
/// `Date` (``AccessTokenClaims/encode(to:)``), so the wire coder's date format never applies.
struct WireJWTEncoder: JWTJSONEncoder {
    func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try WireCoding.encode(value: value))
    }
}
