import Crypto
import Foundation
public import SeedContracts

/// One public key of one device (seed 001 `encryption.public_key` / `key_version`, kept per device in
/// a collection of its own so that rotation keeps the history: decision 0029).
public struct DeviceKey: Codable, Sendable, Equatable {
    /// `<userId>:<keyVersion>`.
    public var id: String
    public var userId: String
    public var deviceId: String
    public var algorithm: PublicKeyAlgorithm
    public var publicKey: String
    public var keyVersion: Int
    public var createdAt: Date
    public var retiredAt: Date?

    enum CodingKeys: String, CodingKey { case id = "_id", userId, deviceId, algorithm, publicKey, keyVersion, createdAt, retiredAt }

    public init(userId: String, deviceId: String, algorithm: PublicKeyAlgorithm, publicKey: String, keyVersion: Int, now: Date) {
        self.id = "\(userId):\(keyVersion)"
        self.userId = userId
        self.deviceId = deviceId
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.keyVersion = keyVersion
        self.createdAt = now
    }

    public var view: DeviceKeyV1 {
        DeviceKeyV1(userId: userId, deviceId: deviceId, algorithm: algorithm, publicKey: publicKey, keyVersion: keyVersion, createdAt: createdAt, retiredAt: retiredAt)
    }

    /// Current keys a user may have at once (one per device).
    public static let maximumDevices = 20
}

/// The checks a published key must pass: standard base64 of exactly the public key's size for its
/// algorithm (a P-256 point must lie on the curve). A private key has another size (Ed25519's 64-byte
/// expanded form, a P-256 scalar's 32 bytes) and is refused; a 32-byte Curve25519 private key cannot
/// be told from a public one by its bytes, which is why clients are told to send public keys only.
public enum DeviceKeyRules {
    /// 1 to 64 characters of letters, digits, `.`, `_`, `:` or `-`.
    public static func deviceId(_ raw: String) throws(ContractError) -> String {
        guard (1...64).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._:-".contains($0)) }) else {
            throw ContractError.validation("a deviceId has 1 to 64 letters, digits, '.', '_', ':' or '-'", field: "deviceId")
        }
        return raw
    }

    /// The key in canonical base64, or a validation error naming `publicKey`.
    public static func publicKey(_ raw: String, algorithm: PublicKeyAlgorithm) throws(ContractError) -> String {
        guard raw.count <= 128, let bytes = Data(base64Encoded: raw) else {
            throw ContractError.validation("publicKey must be standard base64 of at most 128 characters", field: "publicKey")
        }
        let valid: Bool
        switch algorithm {
        case .x25519: valid = bytes.count == 32 && (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: bytes)) != nil
        case .ed25519: valid = bytes.count == 32 && (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil
        case .p256:
            valid = (bytes.count == 65 && (try? P256.KeyAgreement.PublicKey(x963Representation: bytes)) != nil)
                || (bytes.count == 33 && (try? P256.KeyAgreement.PublicKey(compressedRepresentation: bytes)) != nil)
        }
        guard valid else {
            let size = algorithm == .p256 ? "a 65-byte uncompressed or 33-byte compressed point on the curve" : "32 bytes"
            throw ContractError.validation("a \(algorithm.rawValue) public key is \(size); this is \(bytes.count) bytes", field: "publicKey")
        }
        return bytes.base64EncodedString()
    }
}
