/// One Redis command: its name followed by binary-safe arguments.
///
/// ```swift
/// let set = RedisCommand("SET", "user:42", .bytes(payload), "PX", .integer(30_000))
/// ```
public struct RedisCommand: Sendable, Hashable {
    /// The command name and its arguments, in wire order.
    public let parts: [RedisArgument]

    /// Creates a command from its name and arguments.
    public init(_ name: String, _ arguments: RedisArgument...) {
        self.init(name, arguments: arguments)
    }

    /// Creates a command from its name and an array of arguments.
    public init(_ name: String, arguments: [RedisArgument]) {
        self.parts = [RedisArgument(name)] + arguments
    }

    /// The command name as given, for error messages and logs (arguments are never logged).
    public var name: String {
        String(decoding: parts[0].bytes, as: UTF8.self)
    }
}

/// One binary-safe argument of a ``RedisCommand``.
public struct RedisArgument: Sendable, Hashable {
    /// The bytes sent to Redis.
    public let bytes: [UInt8]

    /// An argument made of the UTF-8 bytes of `text`.
    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// An argument made of arbitrary bytes, NUL bytes included.
    public static func bytes(_ bytes: [UInt8]) -> RedisArgument {
        RedisArgument(rawBytes: bytes)
    }

    /// An argument made of the decimal digits of `value`, as Redis expects numbers.
    public static func integer(_ value: some BinaryInteger) -> RedisArgument {
        RedisArgument(String(value))
    }

    private init(rawBytes: [UInt8]) {
        self.bytes = rawBytes
    }
}

extension RedisArgument: ExpressibleByStringLiteral {
    /// An argument made of the UTF-8 bytes of a string literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

extension RedisArgument: ExpressibleByIntegerLiteral {
    /// An argument made of the decimal digits of an integer literal.
    public init(integerLiteral value: Int) {
        self.init(String(value))
    }
}
