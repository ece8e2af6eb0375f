import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SeedContracts
import SeedRedis
import SeedRuntime

/// Request budgets per client and per route, counted in Redis so that every gateway instance shares
/// them (sliding window, `RedisRateLimiter`).
///
/// The client is the caller's IP address (the socket's peer). When Redis is down the gateway lets
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

    /// Throws `rate_limited` (429 with `Retry-After`) when the client or route budget is spent. Both
    /// budgets are checked and counted in one Redis round trip; a refused request counts against neither.
    func check(client: String, route: String, routeLimit: Int?) async throws(ContractError) {
        let clientKey = "client:\(client)"
        do {
            let decision = try await limiter.acquire([
                RateLimitBudget(key: clientKey, limit: policy.perClient * policy.multiplier),
                RateLimitBudget(key: "route:\(route):\(client)", limit: (routeLimit ?? policy.perRoute) * policy.multiplier),
            ], window: policy.window)
            guard decision.allowed else { throw Self.limited(decision.retryAfter, scope: decision.refusedKey == clientKey ? "client" : "route") }
        } catch let error as ContractError {
            throw error
        } catch {
            logger.warning("rate limiting skipped: Redis is unavailable", metadata: ["error": "\(error)"])
        }
    }

    private static func limited(_ retryAfter: Duration, scope: String) -> ContractError {
        let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
        return ContractError(.rateLimited, "too many requests; retry in \(seconds) seconds",
                             details: ["retryAfterSeconds": String(seconds), "scope": scope])
    }
}
