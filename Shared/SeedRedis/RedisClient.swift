import Logging

/// An `async` Redis client over hiredis, with a small pool of connections.
///
/// Each pooled connection has its own thread, so blocking hiredis calls never run on the
/// cooperative thread pool. Connections open on first use; one that breaks is dropped and a new
/// one is opened on its next use, so the client recovers by itself when Redis comes back.
///
/// ```swift
/// let redis = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:6379"))
/// try await redis.set("greeting", to: Array("hello".utf8), ttl: .seconds(60))
/// let replies = try await redis.pipeline([RedisCommand("INCR", "hits"), RedisCommand("GET", "hits")])
/// await redis.shutdown()
/// ```
public final class RedisClient: Sendable {
    /// The configuration this client was created with.
    public let configuration: RedisConfiguration
    private let pool: RedisConnectionPool

    /// Creates a client; no connection is opened until the first command.
    public init(configuration: RedisConfiguration, logger: Logger = Logger(label: "seed.redis")) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "redis.endpoint"] = "\(configuration.endpoint)"
        let threads = (0..<configuration.poolSize).map { index in
            var connectionLogger = logger
            connectionLogger[metadataKey: "redis.connection"] = "\(index)"
            return RedisConnectionThread(
                name: "seed-redis-\(index)",
                configuration: configuration,
                logger: connectionLogger
            )
        }
        self.pool = RedisConnectionPool(threads: threads)
    }

    /// Sends one command and returns its reply; an error reply comes back as ``RedisValue/error(_:)``.
    ///
    /// - Throws: ``RedisError`` when Redis is unreachable, times out, or the client is shut down.
    public func send(_ command: RedisCommand) async throws(RedisError) -> RedisValue {
        try await pipeline([command])[0]
    }

    /// Sends one command given by name and arguments; see ``send(_:)-(RedisCommand)``.
    public func send(_ name: String, _ arguments: RedisArgument...) async throws(RedisError) -> RedisValue {
        try await send(RedisCommand(name, arguments: arguments))
    }

    /// Sends every command in one write on one connection and returns one reply per command, in order.
    /// Pipelines of concurrent callers may share a round trip (``RedisConnectionPool``); each
    /// caller's commands stay together and in order.
    ///
    /// An error reply to one command does not stop the others; it appears in its place as
    /// ``RedisValue/error(_:)``.
    ///
    /// - Throws: ``RedisError`` when Redis is unreachable, times out, or the client is shut down.
    public func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisValue] {
        guard !commands.isEmpty else { return [] }
        return try await pool.execute(commands)
    }

    /// How many round trips this client has sent to Redis (for tests of pipeline sharing).
    var roundTrips: Int { pool.roundTrips }

    /// Checks readiness: succeeds when Redis answers `PING` with `PONG`.
    ///
    /// - Throws: ``RedisError`` when Redis cannot be reached or answers anything else.
    public func ping() async throws(RedisError) {
        let reply = try await send("PING")
        guard reply == .simpleString("PONG") else { throw .unexpectedReply(command: "PING", reply: reply) }
    }

    /// Stops accepting commands, lets commands in flight finish, closes every connection and ends
    /// every connection thread. Later calls throw ``RedisError/shutdown``.
    public func shutdown() async {
        await pool.shutdown()
    }
}
