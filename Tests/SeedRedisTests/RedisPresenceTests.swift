import SeedRedis
import Testing

@Suite("Presence from expiring heartbeats")
struct RedisPresenceTests {
    @Test("a heartbeat makes a member online in its scope only, and leave takes it offline")
    func heartbeatAndLeave() async throws {
        try await TestRedis.withClient { redis in
            let presence = RedisPresence(client: redis, namespace: TestRedis.uniqueKey("presence"))
            try await presence.heartbeat("ada", in: "conversation-1")
            try await presence.heartbeat("grace", in: "conversation-1")
            try await presence.heartbeat("linus", in: "conversation-2")

            let first = try await presence.online(in: "conversation-1")
            #expect(first == ["ada", "grace"])

            try await presence.leave("ada", in: "conversation-1")
            let afterLeave = try await presence.online(in: "conversation-1")
            #expect(afterLeave == ["grace"])
        }
    }

    @Test("a member without a heartbeat for longer than the timeout is offline")
    func heartbeatExpires() async throws {
        try await TestRedis.withClient { redis in
            let presence = RedisPresence(
                client: redis,
                namespace: TestRedis.uniqueKey("presence"),
                timeout: .seconds(5)
            )
            // Timeout and pause are long enough that a loaded machine cannot expire "grace" before the read.
            try await presence.heartbeat("ada", in: "tenant-1")
            try await Task.sleep(for: .seconds(6))
            try await presence.heartbeat("grace", in: "tenant-1")

            let online = try await presence.online(in: "tenant-1")
            #expect(online == ["grace"])
            let ttl = try #require(try await redis.timeToLive(presence.redisKey(for: "tenant-1")))
            #expect(ttl <= .seconds(5))
        }
    }

    @Test("an unknown scope has nobody online")
    func emptyScope() async throws {
        try await TestRedis.withClient { redis in
            let presence = RedisPresence(client: redis, namespace: TestRedis.uniqueKey("presence"))
            let online = try await presence.online(in: "nobody-here")
            #expect(online.isEmpty)
        }
    }
}
