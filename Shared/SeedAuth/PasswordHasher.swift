import Dispatch
import HummingbirdBcrypt

/// Hashes and checks passwords. The domain depends on this protocol; ``BcryptPasswordHasher`` is the
/// production implementation.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async -> String
    func verify(_ password: String, against hash: String) async -> Bool
}

/// bcrypt (`$2b$`, cost ≥ 12) on a Dispatch queue, never on the cooperative thread pool: one hash at
/// cost 12 takes about a quarter of a second of one core.
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
        return await Self.offPool { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        await Self.offPool { Bcrypt.verify(password, hash: hash) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
