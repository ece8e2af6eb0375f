import Foundation

// The key directory for end-to-end encryption (seed 001 `encryption.public_key`, `key_version`): each
// device of a user publishes a public key; others fetch a user's current keys to encrypt for every
// device; a rotated key stays in the history so that old messages can still be read. Only public
// keys ever reach the server.

/// Which kind of public key a device publishes.
public enum PublicKeyAlgorithm: String, Codable, Sendable, CaseIterable {
    /// Curve25519 key agreement: 32 bytes.
    case x25519
    /// Ed25519 signatures: 32 bytes.
    case ed25519
    /// NIST P-256 key agreement: an uncompressed (65 bytes, `04…`) or compressed (33 bytes) point.
    case p256
}

/// One public key of one device of a user.
public struct DeviceKeyV1: Message, Equatable {
    public static let messageType = MessageType("identity.device-key", version: 1)
    public static let summary = "A public key of one device of a user, with the user's key version; retiredAt is set once the device rotated to a newer key."
    public static let example = DeviceKeyV1(
        userId: UserV1.example.id, deviceId: "ios-4f2a", algorithm: .x25519, publicKey: "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=",
        keyVersion: 3, createdAt: Date(timeIntervalSince1970: 1_767_225_600), retiredAt: nil)

    public var userId: String
    public var deviceId: String
    public var algorithm: PublicKeyAlgorithm
    /// Standard base64 of the raw public key.
    public var publicKey: String
    /// Grows by one with every key the user publishes (any device).
    public var keyVersion: Int
    public var createdAt: Date
    public var retiredAt: Date?

    public init(
        userId: String, deviceId: String, algorithm: PublicKeyAlgorithm, publicKey: String, keyVersion: Int, createdAt: Date, retiredAt: Date?
    ) {
        self.userId = userId
        self.deviceId = deviceId
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.keyVersion = keyVersion
        self.createdAt = createdAt
        self.retiredAt = retiredAt
    }
}

/// A user's keys.
public struct UserKeysV1: Message, Equatable {
    public static let messageType = MessageType("identity.user-keys", version: 1)
    public static let summary = "A user's device keys: the current ones, or the whole history (newest first)."
    public static let example = UserKeysV1(userId: UserV1.example.id, keys: [DeviceKeyV1.example])

    public var userId: String
    public var keys: [DeviceKeyV1]

    public init(userId: String, keys: [DeviceKeyV1]) {
        self.userId = userId
        self.keys = keys
    }
}

/// The caller publishes (or rotates) the public key of one of its devices.
public struct PublishDeviceKeyV1: IdentityCommand, Equatable {
    public typealias Reply = DeviceKeyV1
    public static let messageType = MessageType("identity.publish-device-key", version: 1)
    public static let summary = "Publishes the public key of one of the caller's devices with the next key version; the device's previous key is retired but kept. A key of the wrong size or format is refused."
    public static let example = PublishDeviceKeyV1(deviceId: "ios-4f2a", algorithm: .x25519, publicKey: DeviceKeyV1.example.publicKey)

    public var deviceId: String
    public var algorithm: PublicKeyAlgorithm
    public var publicKey: String

    public init(deviceId: String, algorithm: PublicKeyAlgorithm, publicKey: String) {
        self.deviceId = deviceId
        self.algorithm = algorithm
        self.publicKey = publicKey
    }
}

/// A signed-in user fetches another user's keys.
public struct GetUserKeysV1: IdentityCommand, Equatable {
    public typealias Reply = UserKeysV1
    public static let messageType = MessageType("identity.get-user-keys", version: 1)
    public static let summary = "Returns a user's current device keys (one per device), or with includeHistory every key ever published, newest first."
    public static let example = GetUserKeysV1(userId: UserV1.example.id, includeHistory: false)

    public var userId: String
    public var includeHistory: Bool

    public init(userId: String, includeHistory: Bool = false) {
        self.userId = userId
        self.includeHistory = includeHistory
    }
}

/// A device published a new public key.
public struct DeviceKeyPublishedV1: IdentityEvent, Equatable {
    public static let messageType = MessageType("identity.device-key-published", version: 1)
    public static let summary = "A device of a user published a new public key (its previous one, if any, is retired): encrypt for it from now on."
    public static let example = DeviceKeyPublishedV1(key: DeviceKeyV1.example, retiredKeyVersion: 2)

    public var key: DeviceKeyV1
    /// The device's previous key version, now retired.
    public var retiredKeyVersion: Int?

    public init(key: DeviceKeyV1, retiredKeyVersion: Int?) {
        self.key = key
        self.retiredKeyVersion = retiredKeyVersion
    }
}
