import Foundation
import SeedRedis
import Testing

/// The shared Redis server the suite runs against, named by `SEED_TEST_REDIS_URL`.
enum TestRedis {
    static let urlVariable = "SEED_TEST_REDIS_URL"

    /// The configuration for `SEED_TEST_REDIS_URL`; records a failure and throws when it is unset.
    static func configuration(
        poolSize: Int = 4,
        commandTimeout: Duration = .seconds(5)
    ) throws -> RedisConfiguration {
        let url = try #require(
            ProcessInfo.processInfo.environment[urlVariable],
            """
            \(urlVariable) is not set. Start Redis and name it, e.g.: \
            source scripts/lib/infra.sh && seed_start_redis 6391 /tmp/seedredis; \
            \(urlVariable)=redis://127.0.0.1:6391 swift test --filter SeedRedisTests
            """
        )
        return try RedisConfiguration(url: url, poolSize: poolSize, commandTimeout: commandTimeout)
    }

    /// Waits (up to 10 s) until `CLIENT LIST`, asked through `observer`, shows a connection running
    /// `command` (lowercase, e.g. `bzpopmin`); records a failure and throws when none does.
    static func waitUntilBlocked(on command: String, observer: RedisClient) async throws {
        var blocked = false
        for _ in 0..<500 where !blocked {
            blocked = (try await observer.send("CLIENT", "LIST").string ?? "").contains("cmd=\(command)")
            if !blocked { try await Task.sleep(for: .milliseconds(20)) }
        }
        try #require(blocked, "no connection ever blocked on \(command)")
    }

    /// Runs `body` with a client of the shared server and shuts the client down afterwards.
    @discardableResult
    static func withClient<Result>(
        poolSize: Int = 4,
        commandTimeout: Duration = .seconds(5),
        _ body: (RedisClient) async throws -> Result
    ) async throws -> Result {
        let client = RedisClient(configuration: try configuration(poolSize: poolSize, commandTimeout: commandTimeout))
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// A key no other test (or earlier run) uses.
    static func uniqueKey(_ name: String) -> String {
        "seed-test:\(UUID().uuidString):\(name)"
    }
}
