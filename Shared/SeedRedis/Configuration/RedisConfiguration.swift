/// Where Redis is and how the client's connection pool behaves.
public struct RedisConfiguration: Sendable, Hashable {
    /// Host name or IP address of the Redis server.
    public var host: String
    /// TCP port of the Redis server.
    public var port: Int
    /// ACL user name sent with `AUTH` (Redis 6+); `nil` authenticates as the default user.
    public var username: String?
    /// Password sent with `AUTH`; `nil` skips authentication.
    public var password: String?
    /// Logical database selected with `SELECT` after connecting.
    public var database: Int
    /// Number of connections, each served by its own thread.
    public var poolSize: Int
    /// Longest wait for a TCP connection to open.
    public var connectTimeout: Duration
    /// Longest wait for one reply (hiredis `redisSetTimeout`).
    public var commandTimeout: Duration

    /// Creates a configuration from its parts.
    ///
    /// - Throws: ``RedisConfigurationError`` when a value is out of range.
    public init(
        host: String,
        port: Int = RedisConfiguration.defaultPort,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        poolSize: Int = RedisConfiguration.defaultPoolSize,
        connectTimeout: Duration = RedisConfiguration.defaultConnectTimeout,
        commandTimeout: Duration = RedisConfiguration.defaultCommandTimeout
    ) throws(RedisConfigurationError) {
        guard !host.isEmpty else { throw .missingHost(url: "") }
        guard (1...65_535).contains(port) else { throw .invalidPort(String(port)) }
        guard database >= 0 else { throw .invalidDatabase(String(database)) }
        guard poolSize >= 1 else { throw .invalidPoolSize(poolSize) }
        guard connectTimeout >= .milliseconds(1) else { throw .invalidTimeout(name: "connect", connectTimeout) }
        guard commandTimeout >= .milliseconds(1) else { throw .invalidTimeout(name: "command", commandTimeout) }
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// The port Redis listens on unless told otherwise.
    public static let defaultPort = 6379
    /// Connections per client unless told otherwise.
    public static let defaultPoolSize = 4
    /// Connect timeout unless told otherwise.
    public static let defaultConnectTimeout = Duration.seconds(1)
    /// Command timeout unless told otherwise.
    public static let defaultCommandTimeout = Duration.seconds(1)

    /// `host:port/db`, never the password: safe for logs and error messages.
    public var endpoint: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(hostPart):\(port)/\(database)"
    }
}
