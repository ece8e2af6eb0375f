import Foundation
import Synchronization

/// A sliding-window rate limiter that stays exact under concurrent callers.
///
/// Each key is a sorted set of the requests admitted in the last `window`, scored by the Redis
/// server's clock in milliseconds. One Lua script trims expired entries, counts, and admits or
/// refuses, so concurrent callers (in any process) can never admit more than `limit` together.
/// ``reserve(_:window:upTo:returning:)`` counts several requests in one call, for a caller that
/// spends the permits itself.
///
/// Redis failures are thrown: the caller chooses between failing open (let the request through)
/// and failing closed (refuse it).
public final class RedisRateLimiter: Sendable {
    /// The prefix of every key this limiter writes.
    public let namespace: String
    private let client: RedisClient
    private let script = RedisScript(RedisRateLimiter.slidingWindowLua)
    /// Each admitted request is a member of its windows' sorted sets, and members must be unique:
    /// this limiter's own random prefix and a counter name each batch (`<prefix><n>`), and a batch's
    /// members are `<batch>:1` … `<batch>:<count>`, without drawing randomness per call.
    private let memberPrefix = UUID().uuidString + ":"
    private let batches = Atomic<UInt64>(0)

    /// Creates a limiter that keeps its windows under `namespace` through `client`.
    public init(client: RedisClient, namespace: String = "seed:ratelimit") {
        self.client = client
        self.namespace = namespace
    }

    /// Counts one request against `key` if fewer than `limit` were admitted within the last `window`.
    ///
    /// - Throws: ``RedisError``; ``RedisError/invalidArgument(_:)`` when `limit` is below 1 or
    ///   `window` below one millisecond.
    public func acquire(key: String, limit: Int, window: Duration) async throws(RedisError) -> RateLimitDecision {
        try await acquire([RateLimitBudget(key: key, limit: limit)], window: window)
    }

    /// Counts one request against every budget at once, in one round trip, if each of them has room:
    /// a request refused by one budget is counted by none (all or nothing).
    ///
    /// The decision's `remaining` is the smallest of the budgets'; a refusal names the first budget
    /// that refused (``RateLimitDecision/refusedKey``) and waits for the latest of the full ones.
    /// All keys must live on one Redis node (one server, or one hash slot of a cluster).
    ///
    /// - Throws: ``RedisError``; ``RedisError/invalidArgument(_:)`` when there is no budget, a limit
    ///   is below 1 or `window` below one millisecond.
    public func acquire(_ budgets: [RateLimitBudget], window: Duration) async throws(RedisError) -> RateLimitDecision {
        try await reserve(budgets, window: window, upTo: 1).decision
    }

    /// Counts up to `permits` requests against every budget at once, ahead of the requests themselves,
    /// and returns how many were granted: as many as the fullest budget has room for, at most
    /// `permits`, and none when a budget is full (then nothing is counted anywhere).
    ///
    /// The permits are the caller's to spend; each is a request counted at the time of the
    /// reservation. `leftover` gives back the permits of an earlier batch that were not spent, in the
    /// same round trip and before counting, so they stop taking room. With `permits` 1 this is
    /// ``acquire(_:window:)``.
    ///
    /// - Throws: ``RedisError``; ``RedisError/invalidArgument(_:)`` for the arguments
    ///   ``acquire(_:window:)`` refuses, `permits` below 1, or a leftover that spent more than its batch.
    public func reserve(
        _ budgets: [RateLimitBudget], window: Duration, upTo permits: Int, returning leftover: PermitLeftover? = nil
    ) async throws(RedisError) -> PermitReservation {
        guard !budgets.isEmpty else { throw .invalidArgument("a rate-limit check needs at least one budget") }
        for budget in budgets where budget.limit < 1 {
            throw .invalidArgument("rate limit \(budget.limit) for \(budget.key) is below 1")
        }
        guard permits >= 1 else { throw .invalidArgument("a reservation of \(permits) permits is below 1") }
        if let leftover, !(0...leftover.batch.count).contains(leftover.spent) {
            throw .invalidArgument("\(leftover.spent) permits spent of a batch of \(leftover.batch.count)")
        }
        let windowMilliseconds = try window.redisMilliseconds(for: "window")
        let batchId = memberPrefix + String(batches.add(1, ordering: .relaxed).newValue)
        let returned: [RedisArgument] = leftover.map {
            [RedisArgument($0.batch.id), .integer($0.spent + 1), .integer($0.batch.count)]
        } ?? ["", 1, 0]
        let reply = try await client.evaluate(
            script,
            keys: budgets.map { redisKey(for: $0.key) },
            arguments: budgets.map { .integer($0.limit) } + [.integer(windowMilliseconds), .integer(permits), RedisArgument(batchId)] + returned
        )
        guard let fields = reply.array, fields.count == 5,
            let allowed = fields[0].integer, let remaining = fields[1].integer, let retryAfter = fields[2].integer,
            let refused = fields[3].integer, refused >= 0, refused <= budgets.count,
            let granted = fields[4].integer, (0...Int64(permits)).contains(granted), (allowed == 1) == (granted > 0)
        else { throw .unexpectedReply(command: "EVALSHA rate limit", reply: reply) }
        let decision = RateLimitDecision(
            allowed: allowed == 1, remaining: Int(remaining), retryAfter: .milliseconds(retryAfter),
            refusedKey: refused == 0 ? nil : budgets[Int(refused) - 1].key)
        return PermitReservation(decision: decision, batch: PermitBatch(id: batchId, count: Int(granted)))
    }

    /// The Redis key that holds the window for `key`.
    public func redisKey(for key: String) -> String {
        "\(namespace):\(key)"
    }

    /// KEYS[1..n] window keys; ARGV[1..n] their limits, then the window in ms, the permits wanted, the
    /// new batch's id, and the id, first and last member number of an earlier batch's permits to give
    /// back (last < first: none). Returns { allowed (1/0), remaining after this reservation, retry after
    /// in ms, 1-based index of the first refusing key or 0, permits granted }.
    private static let slidingWindowLua = """
        local n = #KEYS
        local window = tonumber(ARGV[n + 1])
        local wanted = tonumber(ARGV[n + 2])
        local batch = ARGV[n + 3]
        local returnFirst = tonumber(ARGV[n + 5])
        local returnLast = tonumber(ARGV[n + 6])
        if returnLast >= returnFirst then
            local members = {}
            for j = returnFirst, returnLast do members[#members + 1] = ARGV[n + 4] .. ':' .. j end
            for i = 1, n do redis.call('ZREM', KEYS[i], unpack(members)) end
        end
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local room = nil
        local refused = 0
        local retry = 0
        for i = 1, n do
            local key = KEYS[i]
            local limit = tonumber(ARGV[i])
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            local count = redis.call('ZCARD', key)
            if count < limit then
                if room == nil or limit - count < room then room = limit - count end
            else
                local oldest = redis.call('ZRANGE', key, 0, count - limit, 'WITHSCORES')
                local wait = tonumber(oldest[#oldest]) + window - now
                if wait < 1 then wait = 1 end
                if refused == 0 then refused = i end
                if wait > retry then retry = wait end
            end
        end
        if refused > 0 then
            return { 0, 0, retry, refused, 0 }
        end
        local granted = math.min(wanted, room)
        local entries = {}
        for j = 1, granted do
            entries[#entries + 1] = now
            entries[#entries + 1] = batch .. ':' .. j
        end
        for i = 1, n do
            redis.call('ZADD', KEYS[i], unpack(entries))
            redis.call('PEXPIRE', KEYS[i], window)
        end
        return { 1, room - granted, 0, 0, granted }
        """
}
