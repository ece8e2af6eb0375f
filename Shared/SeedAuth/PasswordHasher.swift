import Crypto
import Dispatch
import Foundation
import HummingbirdBcrypt

/// Hashes and checks passwords. The domain depends on this protocol; ``BcryptPasswordHasher`` is the
/// production implementation.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async -> String
    func verify(_ password: String, against hash: String) async -> Bool
}

/// bcrypt (`$2b$`, cost ≥ 12) on a Dispatch queue, never on the cooperative thread pool: one hash at
/// cost 12 takes about a quarter of a second of one core.
///
/// bcrypt reads at most 72 bytes. A password of up to 72 bytes (UTF-8) is hashed as it is, so hashes
/// made by other bcrypt libraries verify; a longer one is first reduced to the base64 of its SHA-256
/// (44 bytes), so that no part of it is silently ignored. Which form applies follows from the
/// password's own length, so verifying needs no flag.
public struct BcryptPasswordHasher: PasswordHasher {
    /// The lowest cost the suite accepts.
    public static let minimumCost: UInt8 = 12

    public let cost: UInt8

    public init(cost: UInt8 = minimumCost) {
        precondition(cost >= Self.minimumCost && cost <= 31, "bcrypt cost must be 12...31")
        self.cost = cost
    }

    public func hash(_ password: String) async -> String {
        let cost = cost
        let input = Self.bcryptInput(password)
        return await Self.offPool { Bcrypt.hash(input, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        let input = Self.bcryptInput(password)
        return await Self.offPool { Bcrypt.verify(input, hash: hash) }
    }

    /// What bcrypt is given for `password`.
    static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
