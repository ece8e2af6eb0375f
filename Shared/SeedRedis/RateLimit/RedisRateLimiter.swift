import Foundation
import Synchronization

/// A sliding-window rate limiter that stays exact under concurrent callers.
///
/// Each key is a sorted set of the requests admitted in the last `window`, scored by the Redis
/// server's clock in milliseconds. One Lua script trims expired entries, counts, and admits or
/// refuses, so concurrent callers (in any process) can never admit more than `limit` together.
///
/// Redis failures are thrown: the caller chooses between failing open (let the request through)
/// and failing closed (refuse it).
public final class RedisRateLimiter: Sendable {
    /// The prefix of every key this limiter writes.
    public let namespace: String
    private let client: RedisClient
    private let script = RedisScript(RedisRateLimiter.slidingWindowLua)
    /// Each admitted request is a member of its windows' sorted sets, and members must be unique:
    /// this limiter's own random prefix and a counter make them so without drawing randomness per call.
    private let memberPrefix = UUID().uuidString + ":"
    private let admissions = Atomic<UInt64>(0)

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
        guard !budgets.isEmpty else { throw .invalidArgument("a rate-limit check needs at least one budget") }
        for budget in budgets where budget.limit < 1 {
            throw .invalidArgument("rate limit \(budget.limit) for \(budget.key) is below 1")
        }
        let windowMilliseconds = try window.redisMilliseconds(for: "window")
        let reply = try await client.evaluate(
            script,
            keys: budgets.map { redisKey(for: $0.key) },
            arguments: budgets.map { .integer($0.limit) } + [.integer(windowMilliseconds), RedisArgument(memberPrefix + String(admissions.add(1, ordering: .relaxed).newValue))]
        )
        guard let fields = reply.array, fields.count == 4,
            let allowed = fields[0].integer, let remaining = fields[1].integer, let retryAfter = fields[2].integer,
            let refused = fields[3].integer, refused >= 0, refused <= budgets.count
        else { throw .unexpectedReply(command: "EVALSHA rate limit", reply: reply) }
        return RateLimitDecision(
            allowed: allowed == 1, remaining: Int(remaining), retryAfter: .milliseconds(retryAfter),
            refusedKey: refused == 0 ? nil : budgets[Int(refused) - 1].key)
    }

    /// The Redis key that holds the window for `key`.
    public func redisKey(for key: String) -> String {
        "\(namespace):\(key)"
    }

    /// KEYS[1..n] window keys; ARGV[1..n] their limits, ARGV[n+1] window in ms, ARGV[n+2] a unique
    /// request id. Returns { allowed (1/0), remaining, retry after in ms, 1-based index of the first
    /// refusing key or 0 }.
    private static let slidingWindowLua = """
        local n = #KEYS
        local window = tonumber(ARGV[n + 1])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local remaining = nil
        local refused = 0
        local retry = 0
        for i = 1, n do
            local key = KEYS[i]
            local limit = tonumber(ARGV[i])
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            local count = redis.call('ZCARD', key)
            if count < limit then
                if remaining == nil or limit - count - 1 < remaining then remaining = limit - count - 1 end
            else
                local oldest = redis.call('ZRANGE', key, 0, count - limit, 'WITHSCORES')
                local wait = tonumber(oldest[#oldest]) + window - now
                if wait < 1 then wait = 1 end
                if refused == 0 then refused = i end
                if wait > retry then retry = wait end
            end
        end
        if refused > 0 then
            return { 0, 0, retry, refused }
        end
        for i = 1, n do
            redis.call('ZADD', KEYS[i], now, ARGV[n + 2])
            redis.call('PEXPIRE', KEYS[i], window)
        end
        return { 1, remaining, 0, 0 }
        """
}
