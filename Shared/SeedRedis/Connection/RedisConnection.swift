import CHiredis
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking hiredis connection, opened lazily and reopened after it breaks.
///
/// Not `Sendable`: it lives on, and is only touched by, the thread of one ``RedisConnectionThread``.
final class RedisConnection {
    private let configuration: RedisConfiguration
    private let logger: Logger
    private var context: UnsafeMutablePointer<redisContext>?

    init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    deinit {
        close()
    }

    /// Sends `commands` in one write and reads one reply per command, in order.
    ///
    /// On a transport failure the connection is closed, so the next call reconnects.
    func execute(_ commands: [RedisCommand]) throws(RedisError) -> [RedisValue] {
        let context = try openContext()
        do throws(RedisError) {
            return try Self.roundTrip(commands, on: context, configuration: configuration)
        } catch {
            logger.notice("dropping broken Redis connection", metadata: ["redis.error": "\(error)"])
            close()
            throw error
        }
    }

    /// Closes the socket, if open.
    func close() {
        if let context {
            redisFree(context)
            self.context = nil
        }
    }

    /// The open context, after checking that the server has not closed it while it was idle;
    /// otherwise a new context.
    private func openContext() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        if let context {
            if Self.isIdleAndOpen(context) { return context }
            logger.notice("dropping Redis connection closed by the server while idle")
            close()
        }
        let context = try connect()
        self.context = context
        return context
    }

    private func connect() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        guard
            let context = redisConnectWithTimeout(
                configuration.host,
                Int32(configuration.port),
                timeval(configuration.connectTimeout)
            )
        else {
            throw .unavailable(endpoint: configuration.endpoint, reason: "hiredis could not allocate a connection")
        }
        do throws(RedisError) {
            if context.pointee.err != 0 {
                throw Self.failure(of: context, operation: "connect", limit: configuration.connectTimeout, configuration)
            }
            guard redisSetTimeout(context, timeval(configuration.commandTimeout)) == REDIS_OK else {
                throw Self.failure(of: context, operation: "connect", limit: configuration.connectTimeout, configuration)
            }
            try setUpSession(on: context)
        } catch {
            logger.warning("Redis connection failed", metadata: ["redis.error": "\(error)"])
            redisFree(context)
            throw error
        }
        logger.debug("opened Redis connection")
        return context
    }

    /// Authenticates and selects the database, as configured.
    private func setUpSession(on context: UnsafeMutablePointer<redisContext>) throws(RedisError) {
        var commands: [RedisCommand] = []
        if let password = configuration.password {
            if let username = configuration.username {
                commands.append(RedisCommand("AUTH", RedisArgument(username), RedisArgument(password)))
            } else {
                commands.append(RedisCommand("AUTH", RedisArgument(password)))
            }
        }
        if configuration.database != 0 {
            commands.append(RedisCommand("SELECT", .integer(configuration.database)))
        }
        guard !commands.isEmpty else { return }
        let replies = try Self.roundTrip(commands, on: context, configuration: configuration)
        for (command, reply) in zip(commands, replies) {
            if let message = reply.errorMessage {
                throw .authenticationFailed(endpoint: configuration.endpoint, message: "\(command.name): \(message)")
            }
        }
    }

    private static func roundTrip(
        _ commands: [RedisCommand],
        on context: UnsafeMutablePointer<redisContext>,
        configuration: RedisConfiguration
    ) throws(RedisError) -> [RedisValue] {
        for command in commands {
            guard append(command, to: context) else {
                throw failure(of: context, operation: command.name, limit: configuration.commandTimeout, configuration)
            }
        }
        var replies: [RedisValue] = []
        replies.reserveCapacity(commands.count)
        for command in commands {
            var reply: UnsafeMutableRawPointer?
            guard redisGetReply(context, &reply) == REDIS_OK, let reply else {
                throw failure(of: context, operation: command.name, limit: configuration.commandTimeout, configuration)
            }
            defer { freeReplyObject(reply) }
            guard let value = RedisValue(reply: reply.assumingMemoryBound(to: redisReply.self)) else {
                throw .protocolViolation(endpoint: configuration.endpoint, reason: "unknown reply type to \(command.name)")
            }
            replies.append(value)
        }
        return replies
    }

    /// Formats `command` into the output buffer; binary-safe because every argument has a length.
    private static func append(_ command: RedisCommand, to context: UnsafeMutablePointer<redisContext>) -> Bool {
        var buffer: [UInt8] = []
        var lengths: [Int] = []
        lengths.reserveCapacity(command.parts.count)
        for part in command.parts {
            buffer.append(contentsOf: part.bytes)
            lengths.append(part.bytes.count)
        }
        buffer.append(0)  // keeps the buffer non-empty, so it always has a base address
        return buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                var offset = 0
                var pointers: [UnsafePointer<CChar>?] = lengths.map { length in
                    defer { offset += length }
                    return characters.baseAddress! + offset
                }
                return pointers.withUnsafeMutableBufferPointer { argv in
                    redisAppendCommandArgv(context, Int32(argv.count), argv.baseAddress, lengths) == REDIS_OK
                }
            }
        }
    }

    /// Whether an idle connection is still open: Redis sends nothing unasked outside pub/sub, so a
    /// readable socket means the server closed it (or the stream is out of step) and it must go.
    private static func isIdleAndOpen(_ context: UnsafeMutablePointer<redisContext>) -> Bool {
        guard context.pointee.err == 0 else { return false }
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }

    /// Maps the error hiredis recorded on `context` to a ``RedisError``.
    private static func failure(
        of context: UnsafeMutablePointer<redisContext>,
        operation: String,
        limit: Duration,
        _ configuration: RedisConfiguration
    ) -> RedisError {
        let message = withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        switch context.pointee.err {
        case REDIS_ERR_IO where timeoutMessages.contains(where: message.hasSuffix):
            return .timeout(endpoint: configuration.endpoint, operation: operation, limit: limit)
        case REDIS_ERR_PROTOCOL:
            return .protocolViolation(endpoint: configuration.endpoint, reason: message)
        case REDIS_ERR_OOM:
            return .unavailable(endpoint: configuration.endpoint, reason: "hiredis ran out of memory")
        default:
            return .unavailable(endpoint: configuration.endpoint, reason: message.isEmpty ? "connection lost" : message)
        }
    }

    /// hiredis records an I/O error as `strerror(errno)`; these are the ones a socket timeout produces.
    private static let timeoutMessages: [String] = [EAGAIN, EWOULDBLOCK, ETIMEDOUT, EINPROGRESS].map {
        String(cString: strerror($0))
    }
}

extension timeval {
    /// A `timeval` holding `duration`, rounded down to microseconds.
    fileprivate init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: time_t(seconds), tv_usec: suseconds_t(attoseconds / 1_000_000_000_000))
    }
}
