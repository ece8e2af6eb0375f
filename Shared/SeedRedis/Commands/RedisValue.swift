/// One reply from Redis, as the RESP2 protocol types it.
///
/// An error reply (`-ERR ...`) is a value, not a thrown error: a pipeline returns every reply in
/// order, and one failing command must not hide the replies of the others. The typed helpers on
/// ``RedisClient`` turn an error reply into ``RedisError/server(command:message:)``.
public enum RedisValue: Sendable, Hashable {
    /// A status reply such as `OK` or `PONG`.
    case simpleString(String)
    /// An error reply, such as `ERR wrong number of arguments` or `NOSCRIPT ...`.
    case error(String)
    /// An integer reply.
    case integer(Int64)
    /// A bulk string reply: arbitrary bytes, NUL bytes included.
    case bulkString([UInt8])
    /// An array reply; its elements may be of any type.
    case array([RedisValue])
    /// The null bulk string or null array (for example `GET` of a missing key).
    case null
}

extension RedisValue {
    /// The bytes of a bulk or simple string, or `nil` for any other reply.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .simpleString(let text): Array(text.utf8)
        default: nil
        }
    }

    /// The UTF-8 text of a bulk or simple string, or `nil` for any other reply or invalid UTF-8.
    public var string: String? {
        switch self {
        case .bulkString(let bytes): String(validating: bytes, as: UTF8.self)
        case .simpleString(let text): text
        default: nil
        }
    }

    /// The integer of an integer reply, or `nil` for any other reply.
    public var integer: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The elements of an array reply, or `nil` for any other reply.
    public var array: [RedisValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// Whether this is the null reply.
    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The message of an error reply, or `nil` for any other reply.
    public var errorMessage: String? {
        if case .error(let message) = self { message } else { nil }
    }

    /// `self`, or ``RedisError/server(command:message:)`` when this is an error reply.
    public func checked(for command: String) throws(RedisError) -> RedisValue {
        if case .error(let message) = self { throw .server(command: command, message: message) }
        return self
    }
}

extension RedisValue: CustomStringConvertible {
    /// A short, redis-cli-like rendering; bulk strings that are not UTF-8 show their byte count.
    public var description: String {
        switch self {
        case .simpleString(let text): text
        case .error(let message): "(error) \(message)"
        case .integer(let value): "(integer) \(value)"
        case .bulkString(let bytes):
            if let text = String(validating: bytes, as: UTF8.self) { "\"\(text)\"" } else { "(\(bytes.count) bytes)" }
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .null: "(nil)"
        }
    }
}
