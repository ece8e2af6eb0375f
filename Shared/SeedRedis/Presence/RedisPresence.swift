/// Who is online in a scope (a tenant, a conversation), from heartbeats that expire.
///
/// Each scope is one sorted set `<namespace>:<scope>` of member ids scored by the Redis server's
/// clock (milliseconds) at their last heartbeat. A member counts as online until `timeout` after
/// its last heartbeat; stale members are trimmed on every write and read, and the set itself
/// expires `timeout` after the last heartbeat in it.
///
/// Redis failures are thrown: presence is advisory, so callers usually fail open (treat the
/// member as offline, skip the typing indicator) rather than fail the request.
public final class RedisPresence: Sendable {
    /// The prefix of every key this tracker writes.
    public let namespace: String
    /// How long a heartbeat keeps a member online.
    public let timeout: Duration
    private let client: RedisClient
    private let heartbeatScript = RedisScript(RedisPresence.heartbeatLua)
    private let onlineScript = RedisScript(RedisPresence.onlineLua)

    /// Creates a tracker that keeps its scopes under `namespace` and forgets members `timeout`
    /// after their last heartbeat.
    public init(client: RedisClient, namespace: String = "seed:presence", timeout: Duration = .seconds(60)) {
        self.client = client
        self.namespace = namespace
        self.timeout = timeout
    }

    /// Marks `member` online in `scope` for the next ``timeout``.
    ///
    /// - Throws: ``RedisError``; ``RedisError/invalidArgument(_:)`` when ``timeout`` is below one millisecond.
    public func heartbeat(_ member: String, in scope: String) async throws(RedisError) {
        _ = try await client.evaluate(
            heartbeatScript,
            keys: [redisKey(for: scope)],
            arguments: [.integer(try timeout.redisMilliseconds(for: "presence timeout")), RedisArgument(member)]
        )
    }

    /// Marks `member` offline in `scope` at once (a clean disconnect).
    public func leave(_ member: String, in scope: String) async throws(RedisError) {
        let reply = try await client.send("ZREM", RedisArgument(redisKey(for: scope)), RedisArgument(member))
            .checked(for: "ZREM")
        guard reply.integer != nil else { throw .unexpectedReply(command: "ZREM", reply: reply) }
    }

    /// The members whose last heartbeat in `scope` is less than ``timeout`` old.
    public func online(in scope: String) async throws(RedisError) -> Set<String> {
        let reply = try await client.evaluate(
            onlineScript,
            keys: [redisKey(for: scope)],
            arguments: [.integer(try timeout.redisMilliseconds(for: "presence timeout"))]
        )
        guard let members = reply.array?.compactMap(\.string), members.count == reply.array?.count else {
            throw .unexpectedReply(command: "EVALSHA presence", reply: reply)
        }
        return Set(members)
    }

    /// The Redis key that holds the members of `scope`.
    public func redisKey(for scope: String) -> String {
        "\(namespace):\(scope)"
    }

    /// KEYS[1] scope key; ARGV[1] timeout in ms, ARGV[2] member.
    private static let heartbeatLua = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local timeout = tonumber(ARGV[1])
        redis.call('ZADD', KEYS[1], now, ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - timeout)
        redis.call('PEXPIRE', KEYS[1], timeout)
        return redis.status_reply('OK')
        """

    /// KEYS[1] scope key; ARGV[1] timeout in ms. Returns the members still online.
    private static let onlineLua = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
        return redis.call('ZRANGE', KEYS[1], 0, -1)
        """
}
