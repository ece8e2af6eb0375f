/// One environment variable that configures a Seed Suite service.
///
/// The same values name the variable in error messages and in `docs/configuration.md`, so the two
/// never disagree.
public struct ConfigurationVariable: Sendable, Hashable, CustomStringConvertible {
    /// The variable's name, e.g. `SEED_HTTP_PORT`.
    public let name: String
    /// A value that passes validation, shown after every error about this variable.
    public let example: String
    /// Whether the value is a URL that may carry a password, which error messages must not repeat.
    public let mayContainPassword: Bool

    /// Creates a variable description.
    public init(name: String, example: String, mayContainPassword: Bool = false) {
        self.name = name
        self.example = example
        self.mayContainPassword = mayContainPassword
    }

    public var description: String { self.name }
}

extension ConfigurationVariable {
    /// `SEED_AMQP_URL`: the RabbitMQ broker, `amqp://` or `amqps://`.
    public static let amqpURL = ConfigurationVariable(
        name: "SEED_AMQP_URL",
        example: "amqp://guest:guest@127.0.0.1:5672/",
        mayContainPassword: true
    )
    /// `SEED_REDIS_URL`: the Redis server, `redis://` or `rediss://`.
    public static let redisURL = ConfigurationVariable(
        name: "SEED_REDIS_URL",
        example: "redis://127.0.0.1:6379",
        mayContainPassword: true
    )
    /// `SEED_HTTP_HOST`: the address the health, metrics (and gateway) HTTP server binds to.
    public static let httpHost = ConfigurationVariable(name: "SEED_HTTP_HOST", example: "0.0.0.0")
    /// `SEED_HTTP_PORT`: the TCP port of the HTTP server.
    public static let httpPort = ConfigurationVariable(name: "SEED_HTTP_PORT", example: "8081")
    /// `SEED_LOG_LEVEL`: the lowest log level written.
    public static let logLevel = ConfigurationVariable(name: "SEED_LOG_LEVEL", example: "info")
    /// `SEED_LOG_FORMAT`: `json` (one JSON object a line) or `text`.
    public static let logFormat = ConfigurationVariable(name: "SEED_LOG_FORMAT", example: "json")
    /// `SEED_BUS_PREFETCH`: how many unacknowledged deliveries a consumer may hold (AMQP `basic.qos`).
    public static let busPrefetch = ConfigurationVariable(name: "SEED_BUS_PREFETCH", example: "64")
    /// `SEED_BUS_MAX_ATTEMPTS`: deliveries of one message before it goes to the dead-letter queue.
    public static let busMaxAttempts = ConfigurationVariable(name: "SEED_BUS_MAX_ATTEMPTS", example: "5")
    /// `SEED_BUS_QUEUE_TYPE`: `classic` or `quorum`, the RabbitMQ type of every queue the bus declares.
    public static let busQueueType = ConfigurationVariable(name: "SEED_BUS_QUEUE_TYPE", example: "quorum")
    /// `SEED_MONGODB_URI`: the MongoDB deployment that holds the service's database; unset means the
    /// embedded store in `SEED_DATA_DIR`.
    public static let mongoURI = ConfigurationVariable(
        name: "SEED_MONGODB_URI",
        example: "mongodb://db1,db2,db3/?replicaSet=rs0",
        mayContainPassword: true
    )
    /// `SEED_DATA_DIR`: the folder that holds the service's durable local state.
    public static let dataDirectory = ConfigurationVariable(name: "SEED_DATA_DIR", example: "/var/lib/seed/identity")
    /// `SEED_OTLP_ENDPOINT`: the base URL of an OpenTelemetry collector's OTLP/HTTP receiver; when set,
    /// the service exports its traces there (`<url>/v1/traces`). Unset: no tracing, at no cost.
    public static let otlpEndpoint = ConfigurationVariable(name: "SEED_OTLP_ENDPOINT", example: "http://otel-collector:4318")

    /// Every variable the runtime reads, in the order they are documented.
    public static let all: [ConfigurationVariable] = [
        .amqpURL, .redisURL, .httpHost, .httpPort, .logLevel, .logFormat, .busPrefetch, .busMaxAttempts,
        .busQueueType, .mongoURI, .dataDirectory, .otlpEndpoint,
    ]
}
