import Crypto
public import Foundation
public import SeedContracts

/// Seals the fitness provider's OAuth tokens for storage: AES-256-GCM with a key from configuration
/// (`SEED_NUTRITION_TOKEN_KEYS`), the user id as associated data (a sealed token copied to another
/// user's profile does not open). Decision 0020 describes the format and key rotation.
///
/// A sealed token reads `v1.<keyId>.<base64 of nonce ‖ ciphertext ‖ tag>`. The first key seals; every
/// key opens, so after a rotation (a new key put first, the old one kept after it) old tokens still
/// open and are sealed again with the new key the next time the service touches them
/// (``needsResealing(_:)``); once no token names the old key it can be removed.
public struct TokenCipher: Sendable {
    /// One key of the ring.
    public struct Key: Sendable {
        public let id: String
        let key: SymmetricKey

        /// A 256-bit key named `id` (letters, digits, `-` and `_`).
        public init(id: String, bytes: some DataProtocol) throws(ContractError) {
            guard bytes.count == 32 else { throw ContractError(.internal, "token key \(id) must be 32 bytes") }
            guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ContractError(.internal, "a token key id is letters, digits, - and _")
            }
            self.id = id
            self.key = SymmetricKey(data: Data(bytes))
        }
    }

    /// The ring, the sealing key first.
    public let keys: [Key]

    public init(keys: [Key]) {
        self.keys = keys
    }

    /// A cipher without keys: the fitness link is unavailable.
    public static let none = TokenCipher(keys: [])

    /// Parses `id:base64key[,id:base64key…]` (the configuration's format), the sealing key first.
    public static func parse(_ text: String) throws(ContractError) -> TokenCipher {
        var keys: [Key] = []
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let bytes = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
                throw ContractError(.internal, "each token key is id:base64 of 32 bytes")
            }
            keys.append(try Key(id: String(parts[0]).trimmingCharacters(in: .whitespaces), bytes: bytes))
        }
        guard Set(keys.map(\.id)).count == keys.count else { throw ContractError(.internal, "token key ids must differ") }
        return TokenCipher(keys: keys)
    }

    public var isConfigured: Bool { !keys.isEmpty }

    /// `token` sealed with the first key, bound to `user`.
    public func seal(_ token: String, user: String) throws(ContractError) -> String {
        guard let current = keys.first else { throw ContractError(.unavailable, "the fitness link is not configured (no token key)") }
        do {
            let box = try AES.GCM.seal(Data(token.utf8), using: current.key, authenticating: Data(user.utf8))
            guard let combined = box.combined else { throw ContractError(.internal, "sealing produced no output") }
            return "v1.\(current.id).\(combined.base64EncodedString())"
        } catch let error as ContractError {
            throw error
        } catch {
            throw ContractError(.internal, "a token could not be sealed")
        }
    }

    /// The token in `sealed`, which must have been sealed for `user` with a key of the ring.
    public func open(_ sealed: String, user: String) throws(ContractError) -> String {
        let parts = sealed.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0] == "v1", let data = Data(base64Encoded: String(parts[2])) else {
            throw ContractError(.internal, "a stored token is not in the sealed format")
        }
        guard let key = keys.first(where: { $0.id == parts[1] }) else {
            throw ContractError(.internal, "a stored token was sealed with key \(parts[1]), which is no longer configured")
        }
        do {
            let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key.key, authenticating: Data(user.utf8))
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw ContractError(.internal, "a stored token does not open with key \(key.id)")
        }
    }

    /// Whether `sealed` was sealed with another key than the current one.
    public func needsResealing(_ sealed: String) -> Bool {
        let parts = sealed.split(separator: ".", maxSplits: 2)
        return parts.count < 2 || parts[1] != keys.first.map({ Substring($0.id) }) ?? ""
    }
}
