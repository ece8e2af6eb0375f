import Crypto
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

/// Unpadded base64url (RFC 4648 §5), as JOSE writes binary values.
///
/// Foundation's base64 with the two letters swapped byte by byte: refresh tokens are made on every
/// refresh, and `replacingOccurrences` goes through `NSString`.
public enum Base64URL {
    public static func encode(_ data: some DataProtocol) -> String {
        let base64 = Data(data).base64EncodedData()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(base64.count)
        for byte in base64 {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): break
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func decode(_ text: String) -> Data? {
        var bytes: [UInt8] = text.utf8.map { byte in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        bytes += repeatElement(UInt8(ascii: "="), count: (4 - bytes.count % 4) % 4)
        return Data(base64Encoded: Data(bytes))
    }
}
