import SeedAuth
import SeedContracts
import Synchronization

/// How long the gateway reuses identity's answer about an API key (``APIKeyCache``).
public struct APIKeyCachePolicy: Sendable {
    /// How long an answer is reused, counted from the moment the gateway asked identity
    /// (`SEED_GATEWAY_API_KEY_CACHE_SECONDS`). It is the bound of a revocation: a revoked key stops
    /// working within this long on every gateway instance (at once on the instance that served the
    /// revocation). Zero asks identity on every request.
    public var lifetime: Duration = .seconds(30)
    /// Keys remembered at most (valid and refused together); past it, expired answers are dropped
    /// first, then refused ones, then arbitrary ones.
    public var capacity: Int = 10_000

    public init() {}
}

/// Identity's answers about API keys (`identity.authenticate-api-key.v1`), reused for
/// ``APIKeyCachePolicy/lifetime`` so that a tenant's backend does not cost a bus round trip per
/// request. Valid keys are remembered with their principal, refused keys (`unauthenticated`) with
/// the refusal; failures of the bus or of identity are never remembered.
///
/// Entries are keyed by the SHA-256 of the key, so the gateway's memory holds no usable key. An
/// entry expires ``APIKeyCachePolicy/lifetime`` after the gateway *asked*, not after the answer came,
/// so identity's view of a key is never older than the lifetime. ``forget(keyId:)`` drops a key at
/// once (the revocation route calls it), and an answer to a question asked before the latest
/// ``forget(keyId:)`` is not stored, so a revocation cannot be undone by a reply that was in flight.
final class APIKeyCache: Sendable {
    /// What identity said about a key.
    enum Answer: Sendable {
        case valid(APIKeyPrincipalV1)
        case refused(ContractError)
    }

    /// Taken before asking identity; stores the answer if nothing was forgotten since.
    struct Ticket: Sendable {
        fileprivate let generation: UInt64
        fileprivate let askedAt: ContinuousClock.Instant
    }

    private struct Entry {
        var answer: Answer
        var expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Counts ``forget(keyId:)`` calls.
        var generation: UInt64 = 0
    }

    let policy: APIKeyCachePolicy
    private let state = Mutex(State())

    init(policy: APIKeyCachePolicy) {
        self.policy = policy
    }

    /// The key's digest, which entries are keyed by.
    static func digest(of key: String) -> String { SecretDigest.sha256(key) }

    /// The remembered answer for the key with this digest, unless it has expired.
    func answer(for digest: String, now: ContinuousClock.Instant = .now) -> Answer? {
        guard policy.lifetime > .zero else { return nil }
        return state.withLock { state in
            guard let entry = state.entries[digest] else { return nil }
            guard now < entry.expires else {
                state.entries[digest] = nil
                return nil
            }
            return entry.answer
        }
    }

    /// Call just before asking identity; pass the ticket to ``store(_:for:ticket:now:)``.
    func ticket(now: ContinuousClock.Instant = .now) -> Ticket {
        Ticket(generation: state.withLock { $0.generation }, askedAt: now)
    }

    /// Remembers identity's answer for the key with this digest until the ticket's time plus the
    /// lifetime. A valid key is not remembered when a key was forgotten since the ticket was taken.
    func store(_ answer: Answer, for digest: String, ticket: Ticket, now: ContinuousClock.Instant = .now) {
        let expires = ticket.askedAt + policy.lifetime
        guard policy.lifetime > .zero, policy.capacity > 0, now < expires else { return }
        state.withLock { state in
            if case .valid = answer, state.generation != ticket.generation { return }
            if state.entries[digest] == nil, state.entries.count >= policy.capacity {
                Self.makeRoom(in: &state.entries, capacity: policy.capacity, now: now)
            }
            state.entries[digest] = Entry(answer: answer, expires: expires)
        }
    }

    /// Drops the key with this id (it was revoked), and keeps answers already in flight from
    /// bringing it back.
    func forget(keyId: String) {
        state.withLock { state in
            state.generation &+= 1
            state.entries = state.entries.filter { _, entry in
                if case .valid(let principal) = entry.answer { return principal.keyId != keyId }
                return true
            }
        }
    }

    /// Drops every key of the tenant (it was suspended), and keeps answers already in flight from
    /// bringing one back.
    func forget(tenantId: String) {
        state.withLock { state in
            state.generation &+= 1
            state.entries = state.entries.filter { _, entry in
                if case .valid(let principal) = entry.answer { return principal.tenantId != tenantId }
                return true
            }
        }
    }

    /// Drops every remembered refusal (a tenant was reactivated: its keys are valid again).
    func forgetRefusals() {
        state.withLock { state in
            state.entries = state.entries.filter { _, entry in
                if case .valid = entry.answer { return true }
                return false
            }
        }
    }

    /// How many answers are remembered (expired ones included until they are met or pushed out).
    var count: Int { state.withLock { $0.entries.count } }

    /// Frees at least one place: expired entries go first, then refusals, then arbitrary entries
    /// down to three quarters of the capacity. Runs only when the cache is full.
    private static func makeRoom(in entries: inout [String: Entry], capacity: Int, now: ContinuousClock.Instant) {
        entries = entries.filter { now < $0.value.expires }
        if entries.count >= capacity {
            entries = entries.filter { if case .valid = $0.value.answer { return true } else { return false } }
        }
        if entries.count >= capacity {
            let victims = Array(entries.keys.prefix(entries.count - capacity * 3 / 4 + 1))
            for key in victims { entries[key] = nil }
        }
    }
}
