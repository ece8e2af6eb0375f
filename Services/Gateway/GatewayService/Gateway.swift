public import Logging
public import SeedBus
public import SeedRedis
public import SeedRuntime

/// The gateway: the HTTP edge that turns requests into commands on the bus. It holds no durable
/// state; rate-limit counters live in Redis.
public enum Gateway {
    /// Adds the gateway's middleware and routes to the runtime's host. Without `redis` no rate limits apply.
    public static func configure(_ host: ServiceHost, bus: Bus, redis: RedisClient?, logger: Logger) {
        let authenticator = GatewayAuthenticator(bus: bus, logger: logger)
        let rateLimiting = redis.map {
            RateLimiting(limiter: RedisRateLimiter(client: $0, namespace: "seed:gateway:ratelimit"), policy: RateLimitPolicy(), logger: logger)
        }
        GatewayHTTP.configure(host.router)
        GatewayRoutes(bus: bus, authenticator: authenticator, rateLimiting: rateLimiting, logger: logger).register(on: host.router)
    }
}
