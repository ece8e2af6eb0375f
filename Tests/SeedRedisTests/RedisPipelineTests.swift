import SeedRedis
import Testing

@Suite("Redis pipelining")
struct RedisPipelineTests {
    @Test("a pipeline returns one reply per command, in the order sent")
    func repliesInOrder() async throws {
        try await TestRedis.withClient { redis in
            let list = TestRedis.uniqueKey("pipeline")
            let pushes = (1...500).map { RedisCommand("RPUSH", RedisArgument(list), .integer($0)) }
            let replies = try await redis.pipeline(pushes + [RedisCommand("LRANGE", RedisArgument(list), 0, -1)])

            #expect(replies.count == 501)
            #expect(Array(replies.prefix(500)) == (1...500).map { RedisValue.integer(Int64($0)) })
            #expect(replies[500] == .array((1...500).map { .bulkString(Array(String($0).utf8)) }))
        }
    }

    @Test("an error reply stays in its place and the commands after it still run")
    func errorInThePipeline() async throws {
        try await TestRedis.withClient { redis in
            let key = TestRedis.uniqueKey("mixed")
            let replies = try await redis.pipeline([
                RedisCommand("SET", RedisArgument(key), "1"),
                RedisCommand("INCRBY", RedisArgument(key), "not-a-number"),
                RedisCommand("INCR", RedisArgument(key)),
            ])
            #expect(replies.count == 3)
            #expect(replies[0] == .simpleString("OK"))
            #expect(replies[1].errorMessage?.hasPrefix("ERR") == true)
            #expect(replies[2] == .integer(2))
        }
    }

    @Test("an empty pipeline returns no replies")
    func emptyPipeline() async throws {
        try await TestRedis.withClient { redis in
            let replies = try await redis.pipeline([])
            #expect(replies.isEmpty)
        }
    }
}
