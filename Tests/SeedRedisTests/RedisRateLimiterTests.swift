import SeedRedis
import Testing

@Suite("Sliding-window rate limiter")
struct RedisRateLimiterTests {
    @Test("200 concurrent acquires with limit 50 admit exactly 50")
    func exactUnderConcurrency() async throws {
        try await TestRedis.withClient(poolSize: 8) { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            let decisions = try await withThrowingTaskGroup(of: RateLimitDecision.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await limiter.acquire(key: "tenant-1", limit: 50, window: .seconds(60)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let allowed = decisions.filter(\.allowed)
            let denied = decisions.filter { !$0.allowed }

            #expect(allowed.count == 50)
            #expect(Set(allowed.map(\.remaining)) == Set(0..<50))
            #expect(allowed.allSatisfy { $0.retryAfter == .zero })
            #expect(denied.count == 150)
            #expect(denied.allSatisfy { $0.remaining == 0 && $0.retryAfter > .zero && $0.retryAfter <= .seconds(60) })
        }
    }

    @Test("each key has a budget of its own")
    func separateKeys() async throws {
        try await TestRedis.withClient { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            let firstA = try await limiter.acquire(key: "a", limit: 1, window: .seconds(60))
            let secondA = try await limiter.acquire(key: "a", limit: 1, window: .seconds(60))
            let firstB = try await limiter.acquire(key: "b", limit: 1, window: .seconds(60))
            #expect(firstA.allowed)
            #expect(!secondA.allowed)
            #expect(firstB.allowed)
        }
    }

    @Test("a refused caller is admitted again once its retryAfter has passed")
    func windowSlides() async throws {
        try await TestRedis.withClient { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            let window = Duration.seconds(2)
            let clock = ContinuousClock()
            // The refusal is only owed when all three calls fall inside one window. A loaded machine can
            // stretch them past it (CI once did); such an attempt proves nothing, so it is repeated on a
            // fresh key rather than judged.
            for attempt in 1...5 {
                let key = "k\(attempt)"
                let start = clock.now
                let first = try await limiter.acquire(key: key, limit: 2, window: window)
                let second = try await limiter.acquire(key: key, limit: 2, window: window)
                let refused = try await limiter.acquire(key: key, limit: 2, window: window)
                guard clock.now - start < window else { continue }

                #expect(first == RateLimitDecision(allowed: true, remaining: 1, retryAfter: .zero))
                #expect(second == RateLimitDecision(allowed: true, remaining: 0, retryAfter: .zero))
                #expect(!refused.allowed)
                #expect(refused.retryAfter > .zero && refused.retryAfter <= window)

                try await Task.sleep(for: refused.retryAfter + .milliseconds(50))
                #expect(try await limiter.acquire(key: key, limit: 2, window: window).allowed)
                return
            }
            Issue.record("no attempt made three calls within one \(window) window")
        }
    }

    @Test("several budgets are checked together: the tightest sets remaining, and a refused request counts against none")
    func severalBudgets() async throws {
        try await TestRedis.withClient { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            let both = [RateLimitBudget(key: "wide", limit: 5), RateLimitBudget(key: "narrow", limit: 1)]
            let first = try await limiter.acquire(both, window: .seconds(60))
            let second = try await limiter.acquire(both, window: .seconds(60))
            let wideAlone = try await limiter.acquire(key: "wide", limit: 5, window: .seconds(60))

            #expect(first == RateLimitDecision(allowed: true, remaining: 0, retryAfter: .zero))
            #expect(!second.allowed && second.refusedKey == "narrow")
            #expect(second.retryAfter > .zero && second.retryAfter <= .seconds(60))
            // The wide budget counted the first request only: the refused second left it untouched.
            #expect(wideAlone == RateLimitDecision(allowed: true, remaining: 3, retryAfter: .zero))
        }
    }

    @Test("a reservation grants as many permits as the fullest budget has room for, and none once one is full")
    func reservationGrantsRoom() async throws {
        try await TestRedis.withClient { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            let budgets = [RateLimitBudget(key: "client", limit: 20), RateLimitBudget(key: "route", limit: 10)]
            let first = try await limiter.reserve(budgets, window: .seconds(60), upTo: 4)
            let second = try await limiter.reserve(budgets, window: .seconds(60), upTo: 8)
            let refused = try await limiter.reserve(budgets, window: .seconds(60), upTo: 1)

            #expect(first.batch.count == 4 && first.decision == RateLimitDecision(allowed: true, remaining: 6, retryAfter: .zero))
            #expect(second.batch.count == 6 && second.decision == RateLimitDecision(allowed: true, remaining: 0, retryAfter: .zero))
            #expect(first.batch.id != second.batch.id)
            #expect(refused.batch.count == 0 && !refused.decision.allowed && refused.decision.refusedKey == "route")
            // Every granted permit is a member of both windows; the refusal added none.
            #expect(try await redis.send("ZCARD", RedisArgument(limiter.redisKey(for: "route"))) == .integer(10))
            #expect(try await redis.send("ZCARD", RedisArgument(limiter.redisKey(for: "client"))) == .integer(10))
        }
    }

    @Test("100 concurrent reservations of up to 3 permits with limit 50 grant exactly 50 together")
    func reservationsExactUnderConcurrency() async throws {
        try await TestRedis.withClient(poolSize: 8) { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            let granted = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<100 {
                    group.addTask { try await limiter.reserve([RateLimitBudget(key: "k", limit: 50)], window: .seconds(60), upTo: 3).batch.count }
                }
                return try await group.reduce(0, +)
            }
            #expect(granted == 50)
        }
    }

    @Test("permits given back with the next reservation stop counting against the windows")
    func leftoverPermitsAreGivenBack() async throws {
        try await TestRedis.withClient { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            let budget = [RateLimitBudget(key: "k", limit: 5)]
            let batch = try await limiter.reserve(budget, window: .seconds(60), upTo: 5).batch
            #expect(batch.count == 5)
            // Two of the five were spent; the three others go back before the new permit is counted.
            let next = try await limiter.reserve(budget, window: .seconds(60), upTo: 1, returning: PermitLeftover(batch: batch, spent: 2))
            #expect(next.batch.count == 1 && next.decision == RateLimitDecision(allowed: true, remaining: 2, retryAfter: .zero))
            #expect(try await redis.send("ZCARD", RedisArgument(limiter.redisKey(for: "k"))) == .integer(3))
        }
    }

    @Test("the window key expires with the window, so idle keys do not pile up")
    func windowKeyExpires() async throws {
        try await TestRedis.withClient { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            _ = try await limiter.acquire(key: "k", limit: 5, window: .seconds(10))
            let ttl = try #require(try await redis.timeToLive(limiter.redisKey(for: "k")))
            #expect(ttl > .zero && ttl <= .seconds(10))
        }
    }

    @Test("the limiter reloads its script when Redis has forgotten it")
    func scriptReload() async throws {
        try await TestRedis.withClient { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            let beforeFlush = try await limiter.acquire(key: "k", limit: 2, window: .seconds(60))
            let flush = try await redis.send("SCRIPT", "FLUSH")
            let afterFlush = try await limiter.acquire(key: "k", limit: 2, window: .seconds(60))
            #expect(beforeFlush == RateLimitDecision(allowed: true, remaining: 1, retryAfter: .zero))
            #expect(flush == .simpleString("OK"))
            #expect(afterFlush == RateLimitDecision(allowed: true, remaining: 0, retryAfter: .zero))
        }
    }

    @Test("a limit below 1 or a window below 1 ms is rejected")
    func invalidArguments() async throws {
        try await TestRedis.withClient { redis in
            let limiter = RedisRateLimiter(client: redis, namespace: TestRedis.uniqueKey("ratelimit"))
            await #expect(throws: RedisError.invalidArgument("rate limit 0 for k is below 1")) {
                try await limiter.acquire(key: "k", limit: 0, window: .seconds(1))
            }
            await #expect(throws: RedisError.invalidArgument("a rate-limit check needs at least one budget")) {
                try await limiter.acquire([], window: .seconds(1))
            }
            await #expect(throws: RedisError.invalidArgument("a reservation of 0 permits is below 1")) {
                try await limiter.reserve([RateLimitBudget(key: "k", limit: 1)], window: .seconds(1), upTo: 0)
            }
            await #expect(throws: RedisError.invalidArgument("3 permits spent of a batch of 2")) {
                try await limiter.reserve(
                    [RateLimitBudget(key: "k", limit: 1)], window: .seconds(1), upTo: 1,
                    returning: PermitLeftover(batch: PermitBatch(id: "b", count: 2), spent: 3))
            }
            await #expect(throws: RedisError.self) {
                try await limiter.acquire(key: "k", limit: 1, window: .zero)
            }
        }
    }
}
