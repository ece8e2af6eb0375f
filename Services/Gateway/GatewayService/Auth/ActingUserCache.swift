import HTTPTypes
import Synchronization

/// The `X-Acting-User` header: with an `X-API-Key`, the end user of the key's tenant whom the
/// tenant's backend acts for (``RouteSecurity/bearerOrAPIKey(scope:)``, decision 0019).
enum HTTPActingUser {
    static let header = "X-Acting-User"
}

extension HTTPField.Name {
    /// `X-Acting-User`: the tenant user an API-key call acts for.
    static let actingUser = HTTPField.Name(HTTPActingUser.header)!
}

/// Users identity recently confirmed as active users of a tenant (``GatewayAuthenticator/actingUser(_:for:requestID:)``),
/// so that a tenant's backend does not cost a second bus round trip per request. Only confirmations
/// are remembered, for the API-key cache's lifetime counted from the moment the gateway asked: a user
/// suspended or deleted meanwhile is refused by the owning service itself (messaging keeps the
/// account state from identity's events) and by the gateway within that lifetime.
final class ActingUserCache: Sendable {
    private let policy: APIKeyCachePolicy
    private let entries = Mutex<[String: ContinuousClock.Instant]>([:])

    init(policy: APIKeyCachePolicy) {
        self.policy = policy
    }

    private static func key(_ userId: String, _ tenant: String) -> String { "\(tenant)\u{0}\(userId)" }

    /// Whether `userId` was confirmed as a user of `tenant` less than the lifetime ago.
    func confirmed(_ userId: String, tenant: String, now: ContinuousClock.Instant = .now) -> Bool {
        guard policy.lifetime > .zero else { return false }
        return entries.withLock { entries in
            let key = Self.key(userId, tenant)
            guard let expires = entries[key] else { return false }
            guard now < expires else {
                entries[key] = nil
                return false
            }
            return true
        }
    }

    /// Remembers a confirmation that was asked for at `askedAt`.
    func store(_ userId: String, tenant: String, askedAt: ContinuousClock.Instant, now: ContinuousClock.Instant = .now) {
        let expires = askedAt + policy.lifetime
        guard policy.lifetime > .zero, policy.capacity > 0, now < expires else { return }
        entries.withLock { entries in
            if entries.count >= policy.capacity {
                entries = entries.filter { now < $0.value }
                // Still full: start over rather than pick victims; a confirmation costs one round trip.
                if entries.count >= policy.capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[Self.key(userId, tenant)] = expires
        }
    }

    /// How many confirmations are remembered.
    var count: Int { entries.withLock { $0.count } }
}
