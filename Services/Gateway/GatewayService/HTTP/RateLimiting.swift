import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SeedContracts
import SeedRedis
import SeedRuntime

/// Request budgets per client and per route, counted in Redis so that every gateway instance shares
/// them (sliding window, `RedisRateLimiter`). Budgets of 200 requests a window or more are counted in
/// batches reserved ahead of a busy client's requests, within one batch of exact (`PermitLeases`,
/// decision 0014).
///
/// The client is the signed-in user, or else the caller's IP address (the socket's peer). When Redis is down the gateway lets
/// requests through and logs it: an outage of the cache must not take the API down (decision 0006).
public struct RateLimitPolicy: Sendable {
    /// Requests per client per window across all routes.
    public var perClient: Int = 600
    /// Requests per client per window on one route, unless the route sets its own.
    public var perRoute: Int = 300
    public var window: Duration = .seconds(60)
    /// Multiplies every budget, the routes' own included (`SEED_GATEWAY_RATE_LIMIT_MULTIPLIER`): for
    /// load tests, or a deployment whose clients sit behind few addresses.
    public var multiplier: Int = 1

    public init() {}
}

struct RateLimiting: Sendable {
    let limiter: RedisRateLimiter
    let policy: RateLimitPolicy
    let logger: Logger
    /// Permits reserved ahead of busy clients' requests (decision 0014).
    let leases = PermitLeases()

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
        let retryAfter = decision.retryAfter
        let scope = decision.refusedKey == clientKey ? "client" : "route"
        let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
        return ContractError(.rateLimited, "too many requests; retry in \(seconds) seconds",
                             details: ["retryAfterSeconds": String(seconds), "scope": scope])
    }
}
