import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SeedBus
import SeedContracts
import SeedRedis
import SeedRuntime
import Synchronization

/// Request budgets per client and per route, counted in Redis so that every gateway instance shares
/// them (sliding window, `RedisRateLimiter`). Budgets of 200 requests a window or more are counted in
/// batches reserved ahead of a busy client's requests, within one batch of exact (`PermitLeases`,
/// decision 0014).
///
/// The client is the signed-in user, or else the caller's IP address (the socket's peer). Failed
/// authentications have a budget of their own, per IP address (``authenticationFailures``). When
/// Redis is down the gateway lets requests through and logs it: an outage of the cache must not take
/// the API down (decision 0008).
public struct RateLimitPolicy: Sendable {
    /// Requests per client per window across all routes.
    public var perClient: Int = 600
    /// Requests per client per window on one route, unless the route sets its own.
    public var perRoute: Int = 300
    public var window: Duration = .seconds(60)
    /// Failed authentications per IP address per ``authenticationFailureWindow``
    /// (`SEED_GATEWAY_AUTH_FAILURE_LIMIT`): refused access tokens and API keys, and 401 answers of the
    /// login, Google sign-in and refresh routes. Once it is spent, requests from that address that carry
    /// credentials are answered 429 before their credentials are checked, until the window has room.
    public var authenticationFailures: Int = 20
    /// The window of ``authenticationFailures`` (`SEED_GATEWAY_AUTH_FAILURE_WINDOW_SECONDS`).
    public var authenticationFailureWindow: Duration = .seconds(300)
    /// Multiplies every budget, the routes' own and the authentication failures' included
    /// (`SEED_GATEWAY_RATE_LIMIT_MULTIPLIER`): for load tests, or a deployment whose clients sit
    /// behind few addresses.
    public var multiplier: Int = 1

    public init() {}
}

struct RateLimiting: Sendable {
    let limiter: RedisRateLimiter
    let policy: RateLimitPolicy
    let logger: Logger
    /// Permits reserved ahead of busy clients' requests (decision 0014).
    let leases = PermitLeases()
    /// Addresses whose authentication-failure budget this instance found spent, until when.
    let blockedAddresses = BlockedAddresses()
    /// The tenant quota refusals this instance reported to identity (one per tenant and minute).
    let quotaNotices = QuotaNotices()

    /// Throws `rate_limited` (scope `authentication`) while `address` has spent its budget of failed
    /// authentications, as far as this instance has seen: no Redis round trip, so the check costs
    /// nothing on the way of a good request.
    func checkAuthenticationBudget(address: String) throws(ContractError) {
        if let retryAfter = blockedAddresses.remaining(address) {
            throw Self.limited(retryAfter: retryAfter, scope: "authentication")
        }
    }

    /// Counts a failed authentication of `address`. Returns the `rate_limited` error to answer instead
    /// of the 401 once the budget is spent (the failure is then not counted, and the address is refused
    /// by ``checkAuthenticationBudget(address:)`` until the window has room); `nil` otherwise, also when
    /// Redis is unavailable (fail open).
    ///
    /// Counting happens after the credentials were checked, so each instance may check one more
    /// credential of an address than the budget (the one that finds it spent), plus those in flight.
    func authenticationFailed(address: String) async -> ContractError? {
        let decision: RateLimitDecision
        do {
            decision = try await limiter.acquire(
                key: "authfail:\(address)", limit: policy.authenticationFailures * policy.multiplier, window: policy.authenticationFailureWindow)
        } catch {
            logger.warning("authentication failure not counted: Redis is unavailable", metadata: ["error": "\(error)"])
            return nil
        }
        guard !decision.allowed else { return nil }
        blockedAddresses.block(address, for: decision.retryAfter)
        logger.notice("authentication failures over budget", metadata: ["client.address": .string(address)])
        return Self.limited(retryAfter: decision.retryAfter, scope: "authentication")
    }

    /// Throws `rate_limited` (429 with `Retry-After`, `reason` `quota_exceeded`, quota
    /// `apiRequestsPerMinute`) when the tenant's API requests of the last 60 seconds, counted in Redis
    /// across instances, reached its quota; tells identity once per tenant and minute from this
    /// instance (decision 0035). Fails open when Redis is unavailable, as the other budgets do.
    func checkTenantQuota(tenant: String, limit: Int, bus: Bus) async throws(ContractError) {
        let decision: RateLimitDecision
        do {
            decision = try await limiter.acquire(key: "tenantquota:\(tenant)", limit: limit, window: .seconds(60))
        } catch {
            logger.warning("tenant quota not counted: Redis is unavailable", metadata: ["error": "\(error)"])
            return
        }
        guard !decision.allowed else { return }
        let period = TenantQuota.apiRequestsPerMinute.period(at: Date())
        if quotaNotices.first(tenant: tenant, period: period) {
            let report = ReportQuotaExceededV1(tenantId: tenant, quota: .apiRequestsPerMinute, limit: limit, period: period, service: "gateway")
            let logger = logger
            Task {
                do { try await bus.send(report, envelope: MessageEnvelope(type: ReportQuotaExceededV1.messageType, tenant: tenant, actor: "gateway")) } catch {
                    logger.warning("quota refusal not reported", metadata: ["error": "\(error)"])
                }
            }
        }
        let seconds = Int(decision.retryAfter.components.seconds) + (decision.retryAfter.components.attoseconds > 0 ? 1 : 0)
        throw ContractError.quotaExceeded(.apiRequestsPerMinute, limit: limit, tenantId: tenant, retryAfterSeconds: seconds)
    }

    /// Throws `rate_limited` (429 with `Retry-After`) when the client or route budget is spent. Both
    /// budgets are checked and counted together, in one Redis round trip or with a permit reserved
    /// earlier (``PermitLeases``); a refused request counts against neither.
    func check(client: String, route: String, routeLimit: Int?) async throws(ContractError) {
        let clientKey = "client:\(client)"
        let routeKey = "route:\(route):\(client)"
        let budgets = [
            RateLimitBudget(key: clientKey, limit: policy.perClient * policy.multiplier),
            RateLimitBudget(key: routeKey, limit: (routeLimit ?? policy.perRoute) * policy.multiplier),
        ]
        let reservation: PermitReservation
        switch await leases.admit(routeKey, cap: PermitLeases.batchCap(limits: budgets.map(\.limit))) {
        case .leased:
            return
        case .refused(let decision):
            throw Self.limited(decision, clientKey: clientKey)
        case .unavailable:
            logger.warning("rate limiting skipped: Redis is unavailable")
            return
        case .reserve(let size, let leftover):
            let reservedAt = ContinuousClock.now
            do {
                reservation = try await limiter.reserve(budgets, window: policy.window, upTo: size, returning: leftover)
            } catch {
                leases.refillFailed(routeKey, cancelled: error == .cancelled)
                logger.warning("rate limiting skipped: Redis is unavailable", metadata: ["error": "\(error)"])
                return
            }
            leases.refilled(routeKey, with: reservation, reservedAt: reservedAt)
        }
        guard reservation.decision.allowed else { throw Self.limited(reservation.decision, clientKey: clientKey) }
    }

    private static func limited(_ decision: RateLimitDecision, clientKey: String) -> ContractError {
        limited(retryAfter: decision.retryAfter, scope: decision.refusedKey == clientKey ? "client" : "route")
    }

    /// `rate_limited` with `Retry-After` in whole seconds (at least 1) and the budget that refused:
    /// `client`, `route` or `authentication`.
    private static func limited(retryAfter: Duration, scope: String) -> ContractError {
        let seconds = GatewayError.wholeSeconds(retryAfter)
        let message = scope == "authentication"
            ? "too many failed authentications from this address; retry in \(seconds) seconds"
            : "too many requests; retry in \(seconds) seconds"
        return ContractError(.rateLimited, message, details: ["retryAfterSeconds": String(seconds), "scope": scope])
    }
}

/// IP addresses that spent their budget of failed authentications, each until the sliding window in
/// Redis has room again. Bounded: past ``capacity`` the expired blocks are dropped, then all of them
/// (a dropped block costs one more checked credential before Redis refuses again).
final class BlockedAddresses: Sendable {
    static let capacity = 10_000
    private let blocks = Mutex<[String: ContinuousClock.Instant]>([:])

    init() {}

    func block(_ address: String, for duration: Duration, now: ContinuousClock.Instant = .now) {
        blocks.withLock { blocks in
            if blocks[address] == nil, blocks.count >= Self.capacity {
                blocks = blocks.filter { now < $0.value }
                if blocks.count >= Self.capacity { blocks = [:] }
            }
            blocks[address] = now + duration
        }
    }

    /// How long `address` stays blocked, or `nil` when it is not.
    func remaining(_ address: String, now: ContinuousClock.Instant = .now) -> Duration? {
        blocks.withLock { blocks in
            guard let until = blocks[address] else { return nil }
            guard now < until else {
                blocks[address] = nil
                return nil
            }
            return now.duration(to: until)
        }
    }
}

/// The last period in which this instance reported each tenant's used-up API quota, so that a flood
/// of refused requests costs identity one report per tenant and minute. Bounded like
/// ``BlockedAddresses``.
final class QuotaNotices: Sendable {
    static let capacity = 10_000
    private let periods = Mutex<[String: String]>([:])

    init() {}

    /// Whether this is the first refusal of `tenant` in `period` (and remembers it).
    func first(tenant: String, period: String) -> Bool {
        periods.withLock { periods in
            guard periods[tenant] != period else { return false }
            if periods[tenant] == nil, periods.count >= Self.capacity { periods = [:] }
            periods[tenant] = period
            return true
        }
    }
}
