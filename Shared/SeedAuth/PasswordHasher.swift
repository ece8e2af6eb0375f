import Crypto
import Foundation
import HummingbirdBcrypt
import SeedWorkPool

/// Hashes and checks passwords. The domain depends on this protocol; ``BcryptPasswordHasher`` is the
/// production implementation.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async -> String
    func verify(_ password: String, against hash: String) async -> Bool
}

/// bcrypt (`$2b$`, cost ≥ 12) on a bounded ``SeedWorkPool/BlockingWorkPool``, never on the cooperative
/// thread pool nor on a bus connection's thread: one hash at cost 12 takes about a quarter of a second
/// of one core. By default every hasher shares ``defaultPool`` (one thread per core, threads
/// `bcrypt-<n>`), so a burst of sign-ins queues there instead of starting a thread per hash.
///
/// bcrypt reads at most 72 bytes. A password of up to 72 bytes (UTF-8) is hashed as it is, so hashes
/// made by other bcrypt libraries verify; a longer one is first reduced to the base64 of its SHA-256
/// (44 bytes), so that no part of it is silently ignored. Which form applies follows from the
/// password's own length, so verifying needs no flag.
public struct BcryptPasswordHasher: PasswordHasher {
    /// The lowest cost the suite accepts.
    public static let minimumCost: UInt8 = 12

    /// The threads every hasher made without a pool of its own shares: one per core, named `bcrypt-<n>`.
    public static let defaultPool = BlockingWorkPool(name: "bcrypt")

    public let cost: UInt8
    /// Where the hashes run; at most its ``SeedWorkPool/BlockingWorkPool/threadCount`` at once.
    public let pool: BlockingWorkPool

    /// - Parameters:
    ///   - cost: bcrypt's cost, 12...31.
    ///   - pool: the threads that hash; ``defaultPool`` unless the process wants hashing bounded
    ///     more tightly (e.g. `BlockingWorkPool(threadCount: 2, name: "bcrypt")` beside heavier work).
    public init(cost: UInt8 = minimumCost, pool: BlockingWorkPool = defaultPool) {
        precondition(cost >= Self.minimumCost && cost <= 31, "bcrypt cost must be 12...31")
        self.cost = cost
        self.pool = pool
    }

    public func hash(_ password: String) async -> String {
        let cost = cost
        let input = Self.bcryptInput(password)
        return await pool.run { Bcrypt.hash(input, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        let input = Self.bcryptInput(password)
        return await pool.run { Bcrypt.verify(input, hash: hash) }
    }

    /// What bcrypt is given for `password`.
    static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
