import GatewayService
import SeedContracts
import SeedRedis
import SeedRuntime

// The gateway: the bus (for commands), Redis (for rate limits) and the HTTP routes.
await SeedServiceMain.run(.gateway) { host in
    let bus = try host.addBus()
    let redis = RedisClient(configuration: try RedisConfiguration(url: host.configuration.redisURL.absoluteString), logger: host.logger)
    Gateway.configure(host.router, bus: bus, redis: redis, logger: host.logger)
}
