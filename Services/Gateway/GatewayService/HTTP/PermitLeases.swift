import SeedRedis
import Synchronization

/// Rate-limit permits that this gateway instance reserved in Redis ahead of its requests, one lease
/// per rate-limit key (client and route), so that a busy client's requests do not each cost a Redis
/// round trip (decision 0014).
///
/// A request that finds no usable lease reserves a batch of permits and spends the first; requests
/// that arrive meanwhile wait for that one reservation instead of making their own, and the requests
/// after it spend the rest without Redis, for at most ``lifetime`` after the reservation. The batch
/// doubles while a client spends whole batches within the lifetime and halves when permits are left
/// over; left-over permits are given back with the next reservation. Budgets below 200 requests a
/// window reserve one permit per request, every time, so small limits stay exact.
///
/// The price, bounded by one batch (at most 1 % of the smaller budget and at most ``maximumBatch``):
/// a permit is counted up to ``lifetime`` before its request is admitted, so an instance may admit up
/// to one batch more than a budget in some window; and the permits left over by a client that went
/// quiet keep counting until the window moves past them.
final class PermitLeases: Sendable {
    /// What a request does about its permit.
    enum Admission: Equatable, Sendable {
        /// It spent a leased permit: admitted without asking Redis.
        case leased
        /// It asks Redis for `size` permits, spends the first, and reports the answer with
        /// ``refilled(_:with:reservedAt:)`` or ``refillFailed(_:)``, giving back `leftover` meanwhile.
        case reserve(size: Int, leftover: PermitLeftover?)
        /// The reservation it waited for was refused.
        case refused(RateLimitDecision)
        /// The reservation it waited for got no answer from Redis.
        case unavailable
    }

    /// What a request waiting for another's reservation gets: `.leased`, `.refused` or `.unavailable`,
    /// or `nil` to try again (the reservation was too small for every waiter, was cancelled, or ended
    /// before this one waited).
    private typealias Waiter = CheckedContinuation<Admission?, Never>

    private struct Lease {
        var batch: PermitBatch?
        var spent = 0
        var expires: ContinuousClock.Instant
        var size = 1
        var refilling = false
        var waiters: [Waiter] = []

        func isIdle(at now: ContinuousClock.Instant) -> Bool {
            !refilling && now >= expires
        }
    }

    /// How long after its reservation a permit may still be spent.
    static let lifetime: Duration = .milliseconds(100)
    /// The largest batch, whatever the budgets.
    static let maximumBatch = 64
    /// Leases kept before idle ones are dropped (their left-over permits then stay counted).
    static let maximumLeases = 10_000

    private let leases = Mutex<[String: Lease]>([:])

    init() {}

    /// The largest batch for budgets with these limits: 1 % of the smallest, between 1 and
    /// ``maximumBatch``.
    static func batchCap(limits: [Int]) -> Int {
        min(maximumBatch, max(1, (limits.min() ?? 0) / 100))
    }

    /// Spends a leased permit of `key`, waits for a reservation in flight, or says what to reserve.
    /// `now` is read again after each wait.
    func admit(_ key: String, cap: Int, now: @autoclosure () -> ContinuousClock.Instant = .now) async -> Admission {
        guard cap > 1 else { return .reserve(size: 1, leftover: nil) }
        while true {
            if let admission = decide(key, cap: cap, now: now()) { return admission }
            if let admission = await waitForRefill(of: key) { return admission }
        }
    }

    /// Stores what a reservation reported by ``Admission/reserve(size:leftover:)`` got, reserved no
    /// earlier than `reservedAt`, and hands its permits to the requests waiting for it.
    func refilled(_ key: String, with reservation: PermitReservation, reservedAt: ContinuousClock.Instant) {
        let batch = reservation.batch
        let resumptions: [(Waiter, Admission?)] = leases.withLock { leases in
            guard var lease = leases[key], lease.refilling else { return [] }
            defer { leases[key] = lease }
            lease.refilling = false
            let waiters = lease.waiters
            lease.waiters = []
            guard batch.count > 0 else {
                lease.batch = nil
                lease.size = 1
                return waiters.map { ($0, .refused(reservation.decision)) }
            }
            lease.batch = batch
            lease.spent = 1
            lease.expires = reservedAt + Self.lifetime
            lease.size = min(lease.size, batch.count)
            return waiters.map { waiter in
                guard lease.spent < batch.count else { return (waiter, nil) }
                lease.spent += 1
                return (waiter, .leased)
            }
        }
        for (waiter, outcome) in resumptions { waiter.resume(returning: outcome) }
    }

    /// A reservation got no answer: the lease stays empty. The requests waiting for it learn that Redis
    /// is unavailable, or, when the reserving request was `cancelled` (its answer says nothing about
    /// Redis), try again: one of them reserves in its place.
    func refillFailed(_ key: String, cancelled: Bool = false) {
        let waiters: [Waiter] = leases.withLock { leases in
            guard let lease = leases[key], lease.refilling else { return [] }
            leases[key]?.refilling = false
            leases[key]?.waiters = []
            return lease.waiters
        }
        for waiter in waiters { waiter.resume(returning: cancelled ? nil : .unavailable) }
    }

    /// How many requests wait for the reservation in flight for `key`.
    func waiting(for key: String) -> Int {
        leases.withLock { $0[key]?.waiters.count ?? 0 }
    }

    /// Spends a leased permit or starts a reservation; `nil` while another request's is in flight.
    private func decide(_ key: String, cap: Int, now: ContinuousClock.Instant) -> Admission? {
        leases.withLock { leases in
            guard var lease = leases[key] else {
                if leases.count >= Self.maximumLeases {
                    leases = leases.filter { !$0.value.isIdle(at: now) }
                }
                leases[key] = Lease(expires: now, refilling: true)
                return .reserve(size: 1, leftover: nil)
            }
            if lease.refilling { return nil }
            defer { leases[key] = lease }
            if let batch = lease.batch, now < lease.expires, lease.spent < batch.count {
                lease.spent += 1
                return .leased
            }
            var leftover: PermitLeftover?
            if let batch = lease.batch {
                if lease.spent < batch.count {
                    leftover = PermitLeftover(batch: batch, spent: lease.spent)
                    lease.size = max(1, lease.size / 2)
                } else if now < lease.expires {
                    lease.size *= 2
                }
            }
            lease.size = min(lease.size, cap)
            lease.batch = nil
            lease.refilling = true
            return .reserve(size: lease.size, leftover: leftover)
        }
    }

    /// Waits for the reservation in flight for `key`; `nil` at once if it has just ended.
    private func waitForRefill(of key: String) async -> Admission? {
        await withCheckedContinuation { continuation in
            let waiting = leases.withLock { leases in
                guard leases[key]?.refilling == true else { return false }
                leases[key]?.waiters.append(continuation)
                return true
            }
            if !waiting { continuation.resume(returning: nil) }
        }
    }
}
