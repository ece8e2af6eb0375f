import Foundation

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
        guard limit >= 1 else { throw .invalidArgument("rate limit \(limit) is below 1") }
        let windowMilliseconds = try window.redisMilliseconds(for: "window")
        let reply = try await client.evaluate(
            script,
            keys: [redisKey(for: key)],
            arguments: [.integer(limit), .integer(windowMilliseconds), RedisArgument(UUID().uuidString)]
        )
        guard let fields = reply.array, fields.count == 3,
            let allowed = fields[0].integer, let remaining = fields[1].integer, let retryAfter = fields[2].integer
        else { throw .unexpectedReply(command: "EVALSHA rate limit", reply: reply) }
        return RateLimitDecision(allowed: allowed == 1, remaining: Int(remaining), retryAfter: .milliseconds(retryAfter))
    }

    /// The Redis key that holds the window for `key`.
    public func redisKey(for key: String) -> String {
        "\(namespace):\(key)"
    }

    /// KEYS[1] window key; ARGV[1] limit, ARGV[2] window in ms, ARGV[3] a unique request id.
    /// Returns { allowed (1/0), remaining, retry after in ms }.
    private static let slidingWindowLua = """
        local key = KEYS[1]
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
        local count = redis.call('ZCARD', key)
        if count < limit then
            redis.call('ZADD', key, now, ARGV[3])
            redis.call('PEXPIRE', key, window)
            return { 1, limit - count - 1, 0 }
        end
        local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
        local retry = tonumber(oldest[2]) + window - now
        if retry < 1 then retry = 1 end
        return { 0, 0, retry }
        """
}
