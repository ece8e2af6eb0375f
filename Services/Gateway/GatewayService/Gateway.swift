public import Hummingbird
public import Logging
public import SeedBus
public import SeedRedis
public import SeedRuntime

/// The gateway: the HTTP edge that turns requests into commands on the bus. It holds no durable
/// state; rate-limit counters live in Redis.
public enum Gateway {
    /// Adds the gateway's middleware and routes to `router`. Without `redis` no rate limits apply
    /// (failed authentications are not counted either); `rateLimitNamespace` prefixes the Redis keys of
    /// the counters; `deadline` bounds every wait for a service's reply (503 with `Retry-After` after
    /// it); `admission` bounds the requests waiting on each service (503 with `Retry-After` beyond it);
    /// `apiKeyCache` says how long identity's answers about API keys are reused (the bound of a revocation).
    ///
    /// Returns the real-time edge (its WebSocket endpoint and fan-out, decision 0023): serve it with
    /// `RealTimeEdge.server()` as the application's server. It registers its subscriptions and its
    /// instance queue on `bus`, so call this before the bus starts.
    @discardableResult
    public static func configure(
        _ router: Router<SeedRequestContext>, bus: Bus, redis: RedisClient?, logger: Logger,
        rateLimitNamespace: String = "seed:gateway:ratelimit", rateLimits: RateLimitPolicy = RateLimitPolicy(),
        deadline: Duration = GatewayRoutes.defaultDeadline, admission: AdmissionPolicy = AdmissionPolicy(),
        apiKeyCache: APIKeyCachePolicy = APIKeyCachePolicy(), realTime: RealTimeOptions = RealTimeOptions()
    ) -> RealTimeEdge {
        let authenticator = GatewayAuthenticator(bus: bus, deadline: deadline, logger: logger, apiKeyCache: apiKeyCache)
        let rateLimiting = redis.map {
            RateLimiting(limiter: RedisRateLimiter(client: $0, namespace: rateLimitNamespace), policy: rateLimits, logger: logger)
        }
        GatewayHTTP.configure(router)
        GatewayRoutes(
            bus: bus, authenticator: authenticator, rateLimiting: rateLimiting, logger: logger, deadline: deadline,
            admission: ServiceAdmission(policy: admission))
            .register(on: router)
        return RealTimeEdge(bus: bus, redis: redis, authenticator: authenticator, options: realTime, deadline: deadline, logger: logger)
    }
}
