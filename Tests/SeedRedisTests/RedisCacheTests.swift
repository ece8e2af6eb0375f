import SeedRedis
import Testing

@Suite("Cache-aside with TTLs")
struct RedisCacheTests {
    struct Profile: Codable, Equatable {
        var id: Int
        var displayName: String
    }

    @Test("a miss calls load and stores the value; the next lookup is a hit that does not call load")
    func missThenHit() async throws {
        try await TestRedis.withClient { redis in
            let cache = RedisCache(client: redis, namespace: TestRedis.uniqueKey("profiles"))
            var loads = 0
            let load = {
                loads += 1
                return Profile(id: 7, displayName: "Ada")
            }
            let first = try await cache.value(for: "7", ttl: .seconds(30), load: load)
            let second = try await cache.value(for: "7", ttl: .seconds(30), load: load)

            #expect(first == Profile(id: 7, displayName: "Ada"))
            #expect(second == first)
            #expect(loads == 1)
            #expect(cache.stats == RedisCacheStats(hits: 1, misses: 1))
        }
    }

    @Test("the stored entry is JSON under <namespace>:<key> with the requested TTL")
    func storedEntry() async throws {
        try await TestRedis.withClient { redis in
            let cache = RedisCache(client: redis, namespace: TestRedis.uniqueKey("profiles"))
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await cache.value(for: "8", ttl: .seconds(20)) { Profile(id: 8, displayName: "Grace") }

            let stored = try #require(try await redis.get(cache.redisKey(for: "8")))
            #expect(String(decoding: stored, as: UTF8.self).contains("\"displayName\":\"Grace\""))
            let ttl = try #require(try await redis.timeToLive(cache.redisKey(for: "8")))
            // The TTL counts down from 20 s while the test runs (slowly, on a loaded machine): at most the
            // time that has passed since the write, plus Redis's rounding to milliseconds, may be gone.
            let elapsed = clock.now - start
            #expect(ttl > .seconds(20) - elapsed - .seconds(1) && ttl <= .seconds(20))
        }
    }

    @Test("an expired entry is a miss and is loaded again")
    func expiry() async throws {
        try await TestRedis.withClient { redis in
            let cache = RedisCache(client: redis, namespace: TestRedis.uniqueKey("short"))
            var loads = 0
            _ = try await cache.value(for: "k", ttl: .milliseconds(50)) { loads += 1; return loads }
            try await Task.sleep(for: .milliseconds(200))
            let reloaded = try await cache.value(for: "k", ttl: .milliseconds(50)) { loads += 1; return loads }

            #expect(reloaded == 2)
            #expect(cache.stats == RedisCacheStats(hits: 0, misses: 2))
        }
    }

    @Test("invalidate removes the entry so the next lookup loads the new value")
    func invalidate() async throws {
        try await TestRedis.withClient { redis in
            let cache = RedisCache(client: redis, namespace: TestRedis.uniqueKey("names"))
            _ = try await cache.value(for: "u1", ttl: .seconds(30)) { "old" }

            #expect(try await cache.invalidate("u1", "u2") == 1)
            let fresh = try await cache.value(for: "u1", ttl: .seconds(30)) { "new" }
            #expect(fresh == "new")
            #expect(cache.stats.misses == 2)
        }
    }

    @Test("store replaces the cached value (write-through)")
    func storeReplaces() async throws {
        try await TestRedis.withClient { redis in
            let cache = RedisCache(client: redis, namespace: TestRedis.uniqueKey("names"))
            _ = try await cache.value(for: "u1", ttl: .seconds(30)) { "old" }
            try await cache.store("written", for: "u1", ttl: .seconds(30))
            let cached = try await cache.value(for: "u1", ttl: .seconds(30)) { "loaded" }
            #expect(cached == "written")
        }
    }

    @Test("a load error is thrown and nothing is cached")
    func loadError() async throws {
        struct SourceDown: Error {}
        try await TestRedis.withClient { redis in
            let cache = RedisCache(client: redis, namespace: TestRedis.uniqueKey("failing"))
            await #expect(throws: SourceDown.self) {
                _ = try await cache.value(for: "k", ttl: .seconds(30)) { () throws -> Int in throw SourceDown() }
            }
            let stored = try await redis.get(cache.redisKey(for: "k"))
            #expect(stored == nil)
        }
    }

    @Test("an entry that no longer decodes counts as a miss and is replaced")
    func undecodableEntry() async throws {
        try await TestRedis.withClient { redis in
            let cache = RedisCache(client: redis, namespace: TestRedis.uniqueKey("schema"))
            try await redis.set(cache.redisKey(for: "p"), to: Array("{\"legacy\":true}".utf8), ttl: .seconds(30))
            let profile = try await cache.value(for: "p", ttl: .seconds(30)) { Profile(id: 1, displayName: "New") }

            #expect(profile == Profile(id: 1, displayName: "New"))
            #expect(cache.stats == RedisCacheStats(hits: 0, misses: 1))
            let hit = try await cache.value(for: "p", ttl: .seconds(30)) { Profile(id: 2, displayName: "Unused") }
            #expect(hit == profile)
        }
    }

    @Test("stats report the hit rate of repeated reads above 80 %")
    func hitRate() async throws {
        try await TestRedis.withClient { redis in
            let cache = RedisCache(client: redis, namespace: TestRedis.uniqueKey("popular"))
            for round in 0..<10 {
                for id in 0..<5 {
                    _ = try await cache.value(for: String(id), ttl: .seconds(30)) { round * 100 + id }
                }
            }
            #expect(cache.stats == RedisCacheStats(hits: 45, misses: 5))
            #expect(cache.stats.hitRate == 0.9)
            #expect(cache.stats.description == "hits=45 misses=5 hitRate=90.0%")
        }
    }
}
