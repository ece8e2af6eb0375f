import Crypto
import ExtrasBase64
public import Foundation
import JWTKit
public import SeedContracts

/// An Ed25519 key pair that signs access tokens, named by its key id (`kid`).
///
/// The identity service keeps the private part in its own database; everyone else sees only the
/// public part, as a JWK in ``SigningKeysV1``.
public struct AccessTokenSigningKey: Sendable, Equatable {
    /// The JWT `kid` header of tokens it signs.
    public let keyId: String
    /// The 32-byte Ed25519 seed.
    public let privateKey: Data
    /// When it was made; the newest key signs, older ones still verify until they are retired.
    public let createdAt: Date

    /// A new random key.
    public static func generate(now: Date = Date()) -> AccessTokenSigningKey {
        let key = Curve25519.Signing.PrivateKey()
        return AccessTokenSigningKey(
            keyId: "ed25519-" + String(UUID().uuidString.lowercased().prefix(8)), privateKey: key.rawRepresentation, createdAt: now)
    }

    public init(keyId: String, privateKey: Data, createdAt: Date) {
        self.keyId = keyId
        self.privateKey = privateKey
        self.createdAt = createdAt
    }

    /// The public half as a JSON Web Key (RFC 8037: `kty` OKP, `crv` Ed25519).
    public func publicJWK() throws -> PublicSigningKey {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey)
        return PublicSigningKey(keyId: keyId, x: Base64URL.encode(key.publicKey.rawRepresentation))
    }
}

/// Unpadded base64url (RFC 4648 §5), as JOSE writes binary values (swift-extras-base64).
public enum Base64URL {
    public static func encode(_ data: some DataProtocol) -> String {
        Base64.encodeToString(bytes: Array(data), options: [.base64UrlAlphabet, .omitPaddingCharacter])
    }

    public static func decode(_ text: String) -> Data? {
        (try? Base64.decode(string: text, options: [.base64UrlAlphabet, .omitPaddingCharacter])).map { Data($0) }
    }
}
