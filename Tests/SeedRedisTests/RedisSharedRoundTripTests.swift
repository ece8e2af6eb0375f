import Testing
@testable import SeedRedis

@Suite("Pipelines of concurrent callers sharing round trips")
struct RedisSharedRoundTripTests {
    @Test("concurrent callers on one connection share round trips and each gets exactly its own replies")
    func sharedRoundTripsKeepRepliesApart() async throws {
        try await TestRedis.withClient(poolSize: 1) { redis in
            let prefix = TestRedis.uniqueKey("shared")
            let calls = 200
            let before = redis.roundTrips
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<calls {
                    group.addTask {
                        let key = RedisArgument("\(prefix):\(index)")
                        let replies = try await redis.pipeline([
                            RedisCommand("SET", key, .integer(index)), RedisCommand("INCR", key), RedisCommand("GET", key),
                        ])
                        #expect(replies == [.simpleString("OK"), .integer(Int64(index + 1)), .bulkString(Array(String(index + 1).utf8))])
                    }
                }
                try await group.waitForAll()
            }
            let roundTrips = redis.roundTrips - before
            #expect(roundTrips < calls, "\(calls) pipelines took \(roundTrips) round trips")
        }
    }

    @Test("a caller's MULTI … EXEC stays whole when its round trip is shared")
    func transactionsStayWhole() async throws {
        try await TestRedis.withClient(poolSize: 1) { redis in
            let key = RedisArgument(TestRedis.uniqueKey("counter"))
            let results = try await withThrowingTaskGroup(of: RedisValue.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        try await redis.pipeline([
                            RedisCommand("MULTI"), RedisCommand("INCR", key), RedisCommand("INCR", key), RedisCommand("EXEC"),
                        ])[3]
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Each EXEC saw its two increments back to back: an odd value, then the next one.
            let pairs = results.compactMap { $0.array?.compactMap(\.integer) }
            #expect(pairs.count == 100)
            #expect(pairs.allSatisfy { $0.count == 2 && $0[0] % 2 == 1 && $0[1] == $0[0] + 1 })
            #expect(Set(pairs.map { $0[0] }).count == 100)
        }
    }

    @Test("a blocking command travels alone and does not hold up callers on other connections")
    func blockingCommandTravelsAlone() async throws {
        try await TestRedis.withClient(poolSize: 2, commandTimeout: .seconds(60)) { redis in
            let list = RedisArgument(TestRedis.uniqueKey("blocked"))
            // BRPOP is used by no other test, so CLIENT LIST shows when this blocker holds its connection.
            let blocker = Task { try await redis.send("BRPOP", list, 30) }
            // Once the blocker holds a connection, 50 pings go through the other one while it still waits.
            try await TestRedis.withClient { observer in
                try await TestRedis.waitUntilBlocked(on: "brpop", observer: observer)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<50 { group.addTask { try await redis.ping() } }
                    try await group.waitForAll()
                }
                _ = try await observer.send("LPUSH", list, "done")
            }
            #expect(try await blocker.value == .array([.bulkString(Array(list.bytes)), .bulkString(Array("done".utf8))]))
        }
    }

    @Test("blocking commands are recognised by name, XREAD only with BLOCK")
    func blockingCommandNames() {
        #expect(RedisCommand("blpop", "k", 1).blocksConnection)
        #expect(RedisCommand("BZPOPMIN", "k", 1).blocksConnection)
        #expect(RedisCommand("psubscribe", "news.*").blocksConnection)
        #expect(RedisCommand("WAIT", 1, 0).blocksConnection)
        #expect(RedisCommand("XREAD", "block", 100, "STREAMS", "s", "$").blocksConnection)
        #expect(!RedisCommand("XREAD", "COUNT", 1, "STREAMS", "s", "0").blocksConnection)
        #expect(!RedisCommand("GET", "BLOCK").blocksConnection)
        #expect(!RedisCommand("EVALSHA", "abc", 0).blocksConnection)
    }
}
