import SeedRedis
import Testing

@Suite("Redis commands and typed replies")
struct RedisCommandTests {
    @Test("ping succeeds against a live server")
    func ping() async throws {
        try await TestRedis.withClient { redis in
            try await redis.ping()
        }
    }

    @Test("values and keys are binary-safe: every byte value, NUL included, round-trips")
    func binarySafety() async throws {
        try await TestRedis.withClient { redis in
            let value = (0..<3).flatMap { _ in (0...255).map(UInt8.init) }
            let key = TestRedis.uniqueKey("binary")
            try await redis.set(key, to: value)
            #expect(try await redis.get(key) == value)

            let binaryKey: [UInt8] = Array(key.utf8) + [0, 0xFF, 0x0D, 0x0A]
            #expect(try await redis.send("SET", .bytes(binaryKey), .bytes([0, 1, 2])) == .simpleString("OK"))
            #expect(try await redis.send("GET", .bytes(binaryKey)) == .bulkString([0, 1, 2]))
            #expect(try await redis.send("GET", .bytes(Array(key.utf8) + [0])) == .null)
        }
    }

    @Test("an empty value is stored and read back as empty, not as missing")
    func emptyValue() async throws {
        try await TestRedis.withClient { redis in
            let key = TestRedis.uniqueKey("empty")
            try await redis.set(key, to: [])
            #expect(try await redis.get(key) == [])
        }
    }

    @Test("replies keep their RESP types: status, integer, bulk, array, null and error")
    func replyTypes() async throws {
        try await TestRedis.withClient { redis in
            let key = TestRedis.uniqueKey("types")
            #expect(try await redis.send("SET", RedisArgument(key), "41") == .simpleString("OK"))
            #expect(try await redis.send("INCR", RedisArgument(key)) == .integer(42))
            #expect(try await redis.send("GET", RedisArgument(key)) == .bulkString(Array("42".utf8)))
            #expect(try await redis.send("GET", RedisArgument(key + ":missing")) == .null)

            let list = TestRedis.uniqueKey("list")
            _ = try await redis.send("RPUSH", RedisArgument(list), "a", "b")
            #expect(
                try await redis.send("LRANGE", RedisArgument(list), 0, -1)
                    == .array([.bulkString(Array("a".utf8)), .bulkString(Array("b".utf8))])
            )
            #expect(try await redis.send("LRANGE", RedisArgument(list + ":missing"), 0, -1) == .array([]))

            let error = try await redis.send("NOSUCHCOMMAND")
            #expect(error.errorMessage?.hasPrefix("ERR") == true)
        }
    }

    @Test("a typed helper turns an error reply into RedisError.server")
    func serverErrorFromHelper() async throws {
        try await TestRedis.withClient { redis in
            let list = TestRedis.uniqueKey("wrongtype")
            _ = try await redis.send("RPUSH", RedisArgument(list), "x")
            let error = await #expect(throws: RedisError.self) { try await redis.get(list) }
            guard case .server(let command, let message) = error else {
                Issue.record("expected a server error, got \(String(describing: error))")
                return
            }
            #expect(command == "GET")
            #expect(message.hasPrefix("WRONGTYPE"))
        }
    }

    @Test("set with a TTL gives the key an expiry no longer than the TTL; delete counts what existed")
    func ttlAndDelete() async throws {
        try await TestRedis.withClient { redis in
            let key = TestRedis.uniqueKey("ttl")
            try await redis.set(key, to: [1], ttl: .seconds(30))
            let ttl = try #require(try await redis.timeToLive(key))
            #expect(ttl > .zero && ttl <= .seconds(30))
            #expect(try await redis.delete([key, key + ":missing"]) == 1)
            #expect(try await redis.timeToLive(key) == nil)
        }
    }

    @Test("a TTL below one millisecond is rejected before anything is sent")
    func subMillisecondTTL() async throws {
        try await TestRedis.withClient { redis in
            await #expect(throws: RedisError.invalidArgument("ttl 0.0001 seconds is below one millisecond")) {
                try await redis.set(TestRedis.uniqueKey("ttl"), to: [1], ttl: .microseconds(100))
            }
        }
    }

    @Test("many concurrent callers share a pool of two connections and every command runs once")
    func concurrentCallersShareThePool() async throws {
        try await TestRedis.withClient(poolSize: 2) { redis in
            let key = TestRedis.uniqueKey("counter")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask { _ = try await redis.send("INCR", RedisArgument(key)) }
                }
                try await group.waitForAll()
            }
            #expect(try await redis.get(key) == Array("200".utf8))
        }
    }

    @Test("after shutdown every call fails with RedisError.shutdown")
    func shutdownRefusesCommands() async throws {
        let redis = RedisClient(configuration: try TestRedis.configuration())
        try await redis.ping()
        await redis.shutdown()
        await #expect(throws: RedisError.shutdown) { try await redis.ping() }
    }

    @Test("a caller waiting for a busy connection is released with RedisError.cancelled when its task is cancelled")
    func cancelledWaiter() async throws {
        // The blocker's command must outlive the polling below on a loaded machine: no 5 s timeout.
        try await TestRedis.withClient(poolSize: 1, commandTimeout: .seconds(60)) { redis in
            let key = TestRedis.uniqueKey("blocked")
            // BZPOPMIN is used by no other test, so CLIENT LIST shows when this blocker holds the only
            // connection; the observer releases it afterwards, so the test never waits out the 30 s.
            let blocker = Task { try await redis.send("BZPOPMIN", RedisArgument(key), 30) }
            try await TestRedis.withClient { observer in
                try await TestRedis.waitUntilBlocked(on: "bzpopmin", observer: observer)
                let waiter = Task { try await redis.ping() }
                waiter.cancel()
                await #expect(throws: RedisError.cancelled) { try await waiter.value }
                _ = try await observer.send("ZADD", RedisArgument(key), 1, "member")
            }
            #expect(try await blocker.value != .null)
        }
    }
}
