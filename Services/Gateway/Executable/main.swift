import Foundation
import GatewayService
import SeedContracts
import SeedRedis
import SeedRuntime

/// `SEED_GATEWAY_DEADLINE_MS`: how long a route waits for a service's reply before answering 503 with `Retry-After`.
let deadlineVariable = ConfigurationVariable(name: "SEED_GATEWAY_DEADLINE_MS", example: "5000")
/// `SEED_GATEWAY_RATE_LIMIT_MULTIPLIER`: multiplies every rate-limit budget.
let multiplierVariable = ConfigurationVariable(name: "SEED_GATEWAY_RATE_LIMIT_MULTIPLIER", example: "1")
/// `SEED_GATEWAY_AUTH_FAILURE_LIMIT`: failed authentications per client address per window before 429.
let authFailureLimitVariable = ConfigurationVariable(name: "SEED_GATEWAY_AUTH_FAILURE_LIMIT", example: "20")
/// `SEED_GATEWAY_AUTH_FAILURE_WINDOW_SECONDS`: the window of the failed-authentication budget.
let authFailureWindowVariable = ConfigurationVariable(name: "SEED_GATEWAY_AUTH_FAILURE_WINDOW_SECONDS", example: "300")
/// `SEED_GATEWAY_MAX_IN_FLIGHT_PER_SERVICE`: requests that may wait on one service at once; the next
/// is answered 503 with `Retry-After` at once.
let maxInFlightVariable = ConfigurationVariable(name: "SEED_GATEWAY_MAX_IN_FLIGHT_PER_SERVICE", example: "512")
/// `SEED_GATEWAY_API_KEY_CACHE_SECONDS`: how long identity's answer about an API key is reused; a
/// revoked key stops working within this long. 0 asks identity on every request.
let apiKeyCacheVariable = ConfigurationVariable(name: "SEED_GATEWAY_API_KEY_CACHE_SECONDS", example: "30")

// The gateway: the bus (for commands), Redis (for rate limits) and the HTTP routes.
await SeedServiceMain.run(.gateway) { host in
    var reader = EnvironmentReader(environment: ProcessInfo.processInfo.environment)
    let deadline = reader.read(deadlineVariable, default: 5000) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 100...120_000) }
    var rateLimits = RateLimitPolicy()
    rateLimits.multiplier = reader.read(multiplierVariable, default: 1) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 1...1_000_000) }
    rateLimits.authenticationFailures = reader.read(authFailureLimitVariable, default: 20) { raw throws(RejectedValue) in
        try ValueParsers.integer(raw, in: 1...100_000)
    }
    let failureWindow = reader.read(authFailureWindowVariable, default: 300) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 1...86_400) }
    rateLimits.authenticationFailureWindow = .seconds(failureWindow)
    var apiKeyCache = APIKeyCachePolicy()
    apiKeyCache.lifetime = .seconds(reader.read(apiKeyCacheVariable, default: 30) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 0...300) })
    var admission = AdmissionPolicy()
    admission.maxInFlightPerService = reader.read(maxInFlightVariable, default: 512) { raw throws(RejectedValue) in
        try ValueParsers.integer(raw, in: 1...100_000)
    }
    guard reader.problems.isEmpty else { throw ConfigurationError(executable: "seed-gateway", problems: reader.problems) }
    let bus = try host.addBus()
    let redis = RedisClient(configuration: try RedisConfiguration(url: host.configuration.redisURL.absoluteString), logger: host.logger)
    let realTime = Gateway.configure(
        host.router, bus: bus, redis: redis, logger: host.logger, rateLimits: rateLimits, deadline: .milliseconds(deadline),
        admission: admission, apiKeyCache: apiKeyCache)
    host.server = realTime.server()
    // Unbinds the edge shards no connected user needs any more, every minute, until shutdown.
    host.addService(RealTimeSweep(edge: realTime))
}
