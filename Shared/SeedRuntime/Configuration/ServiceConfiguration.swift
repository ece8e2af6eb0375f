public import Foundation
public import Logging
public import SeedBus
public import SeedContracts

/// Everything a service reads from its environment, validated and typed.
///
/// Every variable is documented in `docs/configuration.md`.
public struct ServiceConfiguration: Sendable, Equatable {
    /// The service being configured; picks the default HTTP port and data folder.
    public let service: ServiceName
    /// RabbitMQ broker (`SEED_AMQP_URL`).
    public var amqpURL: URL
    /// Redis server (`SEED_REDIS_URL`).
    public var redisURL: URL
    /// Address the HTTP server binds to (`SEED_HTTP_HOST`).
    public var httpHost: String
    /// Port of the HTTP server (`SEED_HTTP_PORT`).
    public var httpPort: Int
    /// Lowest level that is logged (`SEED_LOG_LEVEL`).
    public var logLevel: Logger.Level
    /// Shape of log lines (`SEED_LOG_FORMAT`).
    public var logFormat: LogFormat
    /// Unacknowledged deliveries a bus consumer may hold (`SEED_BUS_PREFETCH`).
    public var busPrefetch: Int
    /// Deliveries of one message before it is dead-lettered (`SEED_BUS_MAX_ATTEMPTS`).
    public var busMaxAttempts: Int
    /// The type of the queues the bus declares (`SEED_BUS_QUEUE_TYPE`): classic, or quorum on a cluster.
    public var busQueueType: QueueType
    /// The MongoDB deployment of the service's database (`SEED_MONGODB_URI`); `nil` for the embedded store.
    public var mongoURI: String?
    /// Folder for the service's durable local state (`SEED_DATA_DIR`).
    public var dataDirectory: String
    /// Base URL of the OTLP/HTTP collector that receives the service's traces (`SEED_OTLP_ENDPOINT`);
    /// `nil`: traces are exported only if the standard `OTEL_EXPORTER_OTLP_*ENDPOINT` variables ask for it.
    public var otlpEndpoint: URL?

    /// Default for `SEED_AMQP_URL`: a local broker with RabbitMQ's default user.
    public static let defaultAMQPURL = URL(string: "amqp://guest:guest@127.0.0.1:5672/")!
    /// Default for `SEED_REDIS_URL`: a local Redis.
    public static let defaultRedisURL = URL(string: "redis://127.0.0.1:6379")!
    /// Default for `SEED_HTTP_HOST`: loopback only.
    public static let defaultHTTPHost = "127.0.0.1"
    /// Default for `SEED_BUS_PREFETCH`.
    public static let defaultBusPrefetch = 64
    /// Default for `SEED_BUS_MAX_ATTEMPTS`.
    public static let defaultBusMaxAttempts = 5
    /// Accepted range of `SEED_BUS_PREFETCH` (AMQP's prefetch count is a 16-bit number; 0 would mean unlimited).
    public static let busPrefetchRange = 1...65535
    /// Accepted range of `SEED_BUS_MAX_ATTEMPTS`.
    public static let busMaxAttemptsRange = 1...100

    /// Reads and validates the configuration of `service` from `environment`.
    ///
    /// - Throws: ``ConfigurationError`` naming every variable with a bad value, not only the first.
    public init(
        service: ServiceName,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) {
        var reader = EnvironmentReader(environment: environment)
        self.service = service
        self.amqpURL = reader.read(.amqpURL, default: Self.defaultAMQPURL) { raw throws(RejectedValue) in
            try ValueParsers.url(raw, schemes: ["amqp", "amqps"])
        }
        self.redisURL = reader.read(.redisURL, default: Self.defaultRedisURL) { raw throws(RejectedValue) in
            try ValueParsers.url(raw, schemes: ["redis", "rediss"])
        }
        self.httpHost = reader.read(.httpHost, default: Self.defaultHTTPHost, parse: ValueParsers.bindHost)
        self.httpPort = reader.read(.httpPort, default: service.defaultHTTPPort, parse: ValueParsers.port)
        self.logLevel = reader.read(.logLevel, default: .info) { raw throws(RejectedValue) in
            try ValueParsers.choice(raw, of: Logger.Level.self)
        }
        self.logFormat = reader.read(.logFormat, default: .json) { raw throws(RejectedValue) in
            try ValueParsers.choice(raw, of: LogFormat.self)
        }
        self.busPrefetch = reader.read(.busPrefetch, default: Self.defaultBusPrefetch) { raw throws(RejectedValue) in
            try ValueParsers.integer(raw, in: Self.busPrefetchRange)
        }
        self.busMaxAttempts = reader.read(.busMaxAttempts, default: Self.defaultBusMaxAttempts) { raw throws(RejectedValue) in
            try ValueParsers.integer(raw, in: Self.busMaxAttemptsRange)
        }
        self.busQueueType = reader.read(.busQueueType, default: .classic) { raw throws(RejectedValue) in
            try ValueParsers.choice(raw, of: QueueType.self)
        }
        self.mongoURI = reader.read(.mongoURI, default: nil) { raw throws(RejectedValue) -> String? in
            // Checked no further here: a replica-set URI lists several hosts, which URL parsers refuse;
            // libmongoc parses it when the store opens.
            guard raw.hasPrefix("mongodb://") || raw.hasPrefix("mongodb+srv://") else {
                throw RejectedValue(reason: "must start with mongodb:// or mongodb+srv://")
            }
            return raw
        }
        self.dataDirectory = reader.read(.dataDirectory, default: Self.defaultDataDirectory(for: service), parse: ValueParsers.directory)
        self.otlpEndpoint = reader.read(.otlpEndpoint, default: nil) { raw throws(RejectedValue) -> URL? in
            try ValueParsers.url(raw, schemes: ["http", "https"])
        }
        guard reader.problems.isEmpty else {
            throw ConfigurationError(executable: service.executableName, problems: reader.problems)
        }
    }

    /// Default for `SEED_DATA_DIR`: `.data/<service>` under the working directory.
    public static func defaultDataDirectory(for service: ServiceName) -> String {
        ".data/\(service.rawValue)"
    }
}
