import SeedRedis
import Testing

/// Runs against a private `redis-server` that the tests stop and start, and against the shared
/// server for timeouts.
@Suite("Redis outages, timeouts and recovery", .serialized)
struct RedisOutageTests {
    @Test("with Redis stopped every call fails with RedisError.unavailable, and the pool recovers when it starts again")
    func stopAndRestart() async throws {
        let server = try PrivateRedisServer()
        try await server.start()
        // Long timeouts: getting `.unavailable` rather than `.timeout` shows the failure did not wait for one.
        let redis = RedisClient(
            configuration: try RedisConfiguration(
                url: server.url,
                poolSize: 3,
                connectTimeout: .seconds(30),
                commandTimeout: .seconds(30)
            )
        )
        try await openEveryConnection(of: redis)
        try await redis.set("before-outage", to: [1])

        server.stop()
        for _ in 0..<5 {
            let error = await #expect(throws: RedisError.self) { try await redis.ping() }
            guard case .unavailable(let endpoint, _) = error else {
                Issue.record("expected .unavailable, got \(String(describing: error))")
                continue
            }
            #expect(endpoint == "127.0.0.1:\(server.port)/0")
        }

        let cache = RedisCache(client: redis, namespace: "outage")
        var loads = 0
        await #expect(throws: RedisError.self) {
            _ = try await cache.value(for: "k", ttl: .seconds(1)) { loads += 1; return loads }
        }
        #expect(loads == 0, "the cache surfaces the outage instead of deciding for the caller")
        let limiter = RedisRateLimiter(client: redis)
        await #expect(throws: RedisError.self) {
            try await limiter.acquire(key: "k", limit: 1, window: .seconds(1))
        }

        try await server.start()
        try await openEveryConnection(of: redis)
        #expect(try await redis.get("before-outage") == nil, "a restarted server without persistence is empty")
        #expect(try await limiter.acquire(key: "k", limit: 1, window: .seconds(1)).allowed)

        await redis.shutdown()
        server.stop()
    }

    @Test("a reply slower than the command timeout fails with RedisError.timeout and the next command reconnects")
    func commandTimeout() async throws {
        try await TestRedis.withClient(poolSize: 1, commandTimeout: .milliseconds(200)) { redis in
            let error = await #expect(throws: RedisError.self) {
                try await redis.send("BLPOP", RedisArgument(TestRedis.uniqueKey("never-pushed")), 2)
            }
            guard case .timeout(_, let operation, let limit) = error else {
                Issue.record("expected .timeout, got \(String(describing: error))")
                return
            }
            #expect(operation == "BLPOP")
            #expect(limit == .milliseconds(200))
            try await redis.ping()
        }
    }

    @Test("a wrong password fails with RedisError.authenticationFailed")
    func wrongPassword() async throws {
        var configuration = try TestRedis.configuration()
        configuration.password = "not-the-password"
        let redis = RedisClient(configuration: configuration)
        let error = await #expect(throws: RedisError.self) { try await redis.ping() }
        guard case .authenticationFailed(_, let message) = error else {
            Issue.record("expected .authenticationFailed, got \(String(describing: error))")
            await redis.shutdown()
            return
        }
        #expect(message.hasPrefix("AUTH"))
        await redis.shutdown()
    }

    /// Holds every pooled connection at once, so each of them is opened (or proven open).
    private func openEveryConnection(of redis: RedisClient) async throws {
        let size = redis.configuration.poolSize
        try await withThrowingTaskGroup(of: RedisValue.self) { group in
            for _ in 0..<size {
                group.addTask { try await redis.send("BLPOP", RedisArgument(TestRedis.uniqueKey("hold")), "0.2") }
            }
            for try await reply in group { #expect(reply == .null) }
        }
    }
}
