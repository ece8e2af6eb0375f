@testable import GatewayService
import Logging
import SeedRedis
import Testing

@Suite("Rate-limit permits leased ahead of requests")
struct PermitLeasesTests {
    let start = ContinuousClock.now

    /// Runs one request's admission against `leases` the way `RateLimiting` does, with Redis granting
    /// `grant(size)` permits: what it was told to do.
    @discardableResult
    func request(
        _ leases: PermitLeases, at offset: Duration, cap: Int = 64, grant: (Int) -> Int = { $0 }
    ) async -> PermitLeases.Admission {
        let now = start + offset
        let admission = await leases.admit("route:getMe:alice", cap: cap, now: now)
        if case .reserve(let size, _) = admission {
            leases.refilled("route:getMe:alice", with: Self.reservation(id: "b\(offset)", count: grant(size)), reservedAt: now)
        }
        return admission
    }

    static func reservation(id: String, count: Int) -> PermitReservation {
        PermitReservation(
            decision: RateLimitDecision(allowed: count > 0, remaining: 0, retryAfter: count > 0 ? .zero : .seconds(7)),
            batch: PermitBatch(id: id, count: count))
    }

    /// Waits (up to 10 s) until `condition` holds.
    static func until(_ condition: () -> Bool) async throws {
        for _ in 0..<10_000 where !condition() { try await Task.sleep(for: .milliseconds(1)) }
        try #require(condition())
    }

    @Test("a busy client's batches double while it spends them within their lifetime, up to the cap")
    func batchesGrowWithDemand() async {
        let leases = PermitLeases()
        var sizes: [Int] = []
        for step in 0..<40 {
            if case .reserve(let size, nil) = await request(leases, at: .milliseconds(step), cap: 8) { sizes.append(size) }
        }
        // 1 + 2 + 4 + 8 permits cover 15 requests; the 25 after them take batches of the cap.
        #expect(sizes == [1, 2, 4, 8, 8, 8, 8, 8])
    }

    @Test("a leased permit admits a request without a reservation until the batch is spent")
    func leasedPermitsAdmit() async {
        let leases = PermitLeases()
        await request(leases, at: .zero)
        await request(leases, at: .milliseconds(1))
        #expect(await request(leases, at: .milliseconds(2)) == .leased)
        #expect(await request(leases, at: .milliseconds(3)) != .leased)
    }

    @Test("an expired lease gives its unspent permits back with the next reservation, which is half as large")
    func expiredLeaseGivesBack() async {
        let leases = PermitLeases()
        for step in 0..<7 { await request(leases, at: .milliseconds(step)) }
        // Batches of 1, 2 and 4: the 4 were reserved at 3 ms and the requests at 3–6 ms spent them all.
        #expect(await request(leases, at: .milliseconds(7)) == .reserve(size: 8, leftover: nil))
        // Two of those 8 are spent before the lease expires at 107 ms.
        #expect(await request(leases, at: .milliseconds(8)) == .leased)
        let late = await request(leases, at: .milliseconds(7) + PermitLeases.lifetime)
        #expect(late == .reserve(size: 4, leftover: PermitLeftover(batch: PermitBatch(id: "b\(Duration.milliseconds(7))", count: 8), spent: 2)))
    }

    @Test("a client slower than the lease lifetime reserves one permit per request")
    func slowClientStaysSingle() async {
        let leases = PermitLeases()
        for second in 0..<5 {
            #expect(await request(leases, at: .seconds(second)) == .reserve(size: 1, leftover: nil))
        }
    }

    @Test("requests that arrive during a reservation wait for it and share its permits; those it cannot serve try again")
    func waitersShareTheReservation() async throws {
        let leases = PermitLeases()
        let now = start
        #expect(await leases.admit("k", cap: 64, now: now) == .reserve(size: 1, leftover: nil))
        leases.refilled("k", with: Self.reservation(id: "first", count: 1), reservedAt: now)
        // The next request finds the batch spent within its lifetime: it reserves 2, and three more wait.
        #expect(await leases.admit("k", cap: 64, now: now) == .reserve(size: 2, leftover: nil))
        let waiters = (0..<3).map { _ in Task { await leases.admit("k", cap: 64, now: now) } }
        try await Self.until { leases.waiting(for: "k") == 3 }
        leases.refilled("k", with: Self.reservation(id: "second", count: 2), reservedAt: now)
        // One waiter spends the second permit; the two others try again: one reserves 4, the other waits for it.
        var outcomes: [PermitLeases.Admission] = []
        await withTaskGroup(of: PermitLeases.Admission.self) { group in
            for waiter in waiters { group.addTask { await waiter.value } }
            for await outcome in group {
                outcomes.append(outcome)
                if case .reserve = outcome { leases.refilled("k", with: Self.reservation(id: "more", count: 8), reservedAt: now) }
            }
        }
        #expect(outcomes.filter { $0 == .leased }.count == 2)
        #expect(outcomes.filter { $0 == .reserve(size: 4, leftover: nil) }.count == 1)
    }

    @Test("requests waiting for a reservation share its refusal or its failure, and take over a cancelled one")
    func waitersShareRefusalAndFailure() async throws {
        let leases = PermitLeases()
        let now = start
        #expect(await leases.admit("k", cap: 64, now: now) == .reserve(size: 1, leftover: nil))
        let refusedWaiter = Task { await leases.admit("k", cap: 64, now: now) }
        try await Self.until { leases.waiting(for: "k") == 1 }
        let refusal = Self.reservation(id: "none", count: 0)
        leases.refilled("k", with: refusal, reservedAt: now)
        #expect(await refusedWaiter.value == .refused(refusal.decision))

        #expect(await leases.admit("k", cap: 64, now: now) == .reserve(size: 1, leftover: nil))
        let failedWaiter = Task { await leases.admit("k", cap: 64, now: now) }
        try await Self.until { leases.waiting(for: "k") == 1 }
        leases.refillFailed("k")
        #expect(await failedWaiter.value == .unavailable)
        #expect(await leases.admit("k", cap: 64, now: now) == .reserve(size: 1, leftover: nil))

        // A cancelled reservation says nothing about Redis: its waiter reserves in its place.
        let retryingWaiter = Task { await leases.admit("k", cap: 64, now: now) }
        try await Self.until { leases.waiting(for: "k") == 1 }
        leases.refillFailed("k", cancelled: true)
        #expect(await retryingWaiter.value == .reserve(size: 1, leftover: nil))
    }

    @Test("a partial grant shrinks the next batch, and a refusal leaves no lease")
    func partialGrantAndRefusal() async {
        let leases = PermitLeases()
        for step in 0..<3 { await request(leases, at: .milliseconds(step)) }
        // The third reservation asked for 4 and got 2: Redis is near the limit.
        #expect(await request(leases, at: .milliseconds(3), grant: { min($0, 2) }) == .reserve(size: 4, leftover: nil))
        #expect(await request(leases, at: .milliseconds(4)) == .leased)
        #expect(await request(leases, at: .milliseconds(5), grant: { _ in 0 }) == .reserve(size: 4, leftover: nil))
        #expect(await request(leases, at: .milliseconds(6)) == .reserve(size: 1, leftover: nil))
    }

    @Test("small budgets never lease: every request reserves its own permit")
    func smallBudgetsNeverLease() async {
        let leases = PermitLeases()
        for _ in 0..<3 {
            #expect(await leases.admit("k", cap: 1, now: start) == .reserve(size: 1, leftover: nil))
        }
    }

    @Test("budgets below 200 requests a window get batches of one: every request is counted in Redis")
    func smallBudgetsStayExact() {
        #expect(PermitLeases.batchCap(limits: [600, 30]) == 1)
        #expect(PermitLeases.batchCap(limits: [600, 300]) == 3)
        #expect(PermitLeases.batchCap(limits: [600_000_000, 300_000_000]) == PermitLeases.maximumBatch)
    }

    @Test("with large budgets, a burst of requests costs few reservations and Redis counts at most one batch more than it admitted")
    func leasesAgainstRedis() async throws {
        let redis = try SuiteFixture.redis()
        let namespace = "test:leases:\(UInt64.random(in: 0...UInt64.max))"
        let limiter = RedisRateLimiter(client: redis, namespace: namespace)
        var policy = RateLimitPolicy()
        policy.multiplier = 1_000
        let rateLimiting = RateLimiting(limiter: limiter, policy: policy, logger: Logger(label: "test"))
        for _ in 0..<200 {
            try await rateLimiting.check(client: "alice", route: "getMe", routeLimit: nil)
        }
        let members = try #require(
            try await redis.send("ZRANGE", RedisArgument(limiter.redisKey(for: "route:getMe:alice")), "0", "-1").array?.compactMap(\.string))
        // Each reservation's first member is `<batch>:1`.
        let reservations = members.filter { $0.hasSuffix(":1") }.count
        #expect(members.count >= 200 && members.count < 200 + PermitLeases.maximumBatch)
        #expect(reservations < 100, "\(reservations) reservations for 200 requests")
        await redis.shutdown()
    }
}
