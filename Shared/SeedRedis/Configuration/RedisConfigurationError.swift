/// Why a Redis URL or configuration value was rejected.
public enum RedisConfigurationError: Error, Sendable, Equatable {
    /// The URL does not start with `redis://`; `url` has its credentials replaced by `***`.
    case unsupportedScheme(url: String)
    /// The URL (credentials replaced by `***`) names no host, or the host is empty.
    case missingHost(url: String)
    /// The port is not a number between 1 and 65535.
    case invalidPort(String)
    /// The path after the host is not a database number (`/0`, `/3`, ...).
    case invalidDatabase(String)
    /// The user information before `@` is not `:password` or `user:password`, or is badly percent-encoded.
    case invalidCredentials
    /// The pool must hold at least one connection.
    case invalidPoolSize(Int)
    /// Timeouts must be at least one millisecond.
    case invalidTimeout(name: String, Duration)
}

extension RedisConfigurationError: CustomStringConvertible {
    /// A one-line explanation naming the expected form `redis://[[user]:password@]host[:port][/db]`.
    public var description: String {
        let form = "expected redis://[[user]:password@]host[:port][/db]"
        return switch self {
        case .unsupportedScheme(let url): "Unsupported Redis URL '\(url)': \(form)"
        case .missingHost(let url) where url.isEmpty: "Redis host is empty"
        case .missingHost(let url): "Redis URL '\(url)' names no host: \(form)"
        case .invalidPort(let port): "Redis port '\(port)' is not a number between 1 and 65535"
        case .invalidDatabase(let database): "Redis database '\(database)' is not a non-negative number"
        case .invalidCredentials: "Redis URL credentials are malformed: \(form) (percent-encode reserved characters)"
        case .invalidPoolSize(let size): "Redis pool size \(size) is invalid: it must be at least 1"
        case .invalidTimeout(let name, let value): "Redis \(name) timeout \(value) is invalid: it must be at least 1 ms"
        }
    }
}
