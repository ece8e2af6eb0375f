/// Everything that can go wrong when talking to Redis.
///
/// The client and its helpers never hide these: a caller that wants to fail open (serve from the
/// source of truth when the cache is down) or closed (refuse a request when the rate limiter is
/// down) catches ``unavailable(endpoint:reason:)`` and ``timeout(endpoint:operation:limit:)`` and
/// decides.
public enum RedisError: Error, Sendable, Equatable {
    /// Redis could not be reached, or the connection broke while a command was in flight.
    /// The broken connection has been dropped; the next call opens a new one.
    case unavailable(endpoint: String, reason: String)
    /// Connecting or waiting for a reply took longer than the configured limit.
    /// The connection has been dropped because its state is unknown.
    case timeout(endpoint: String, operation: String, limit: Duration)
    /// Redis refused the configured credentials (`AUTH`) or database (`SELECT`).
    case authenticationFailed(endpoint: String, message: String)
    /// Redis answered a command with an error reply.
    case server(command: String, message: String)
    /// Redis answered with a reply of a type the helper cannot interpret.
    case unexpectedReply(command: String, reply: RedisValue)
    /// The bytes Redis sent are not valid RESP; the connection has been dropped.
    case protocolViolation(endpoint: String, reason: String)
    /// A helper was called with an argument Redis cannot honour (a TTL below one millisecond, say).
    case invalidArgument(String)
    /// The client was shut down; it runs no more commands.
    case shutdown
    /// The calling task was cancelled while it waited for a free connection.
    case cancelled
}

extension RedisError: CustomStringConvertible {
    /// A one-line explanation that names the endpoint (password redacted) or the command.
    public var description: String {
        switch self {
        case .unavailable(let endpoint, let reason):
            "Redis at \(endpoint) is unavailable: \(reason)"
        case .timeout(let endpoint, let operation, let limit):
            "Redis at \(endpoint) did not complete \(operation) within \(limit)"
        case .authenticationFailed(let endpoint, let message):
            "Redis at \(endpoint) refused the connection setup: \(message)"
        case .server(let command, let message):
            "Redis answered \(command) with an error: \(message)"
        case .unexpectedReply(let command, let reply):
            "Redis answered \(command) with an unexpected reply: \(reply)"
        case .protocolViolation(let endpoint, let reason):
            "Redis at \(endpoint) sent an invalid reply: \(reason)"
        case .invalidArgument(let reason):
            "Invalid Redis argument: \(reason)"
        case .shutdown:
            "The Redis client has been shut down"
        case .cancelled:
            "The task was cancelled while waiting for a Redis connection"
        }
    }
}
