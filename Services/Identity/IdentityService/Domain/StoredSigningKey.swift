import Foundation

/// An access-token signing key as identity stores it (collection `signing_keys`). The private key
/// never leaves the identity service; see docs/operations.md for protecting and rotating it.
public struct StoredSigningKey: Codable, Sendable, Equatable {
    public var id: String
    /// The 32-byte Ed25519 seed.
    public var privateKey: Data
    public var createdAt: Date

    enum CodingKeys: String, CodingKey { case id = "_id", privateKey, createdAt }
}
