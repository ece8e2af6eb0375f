extension RedisClient {
    /// The bytes stored at `key`, or `nil` when the key does not exist.
    ///
    /// - Throws: ``RedisError``; ``RedisError/server(command:message:)`` when the key holds a non-string.
    public func get(_ key: String) async throws(RedisError) -> [UInt8]? {
        let reply = try await send(RedisCommand("GET", RedisArgument(key))).checked(for: "GET")
        switch reply {
        case .null: return nil
        case .bulkString(let bytes): return bytes
        default: throw .unexpectedReply(command: "GET", reply: reply)
        }
    }

    /// Stores `value` at `key`, expiring after `ttl` when one is given.
    ///
    /// - Throws: ``RedisError``; ``RedisError/invalidArgument(_:)`` when `ttl` is below one millisecond.
    public func set(_ key: String, to value: [UInt8], ttl: Duration? = nil) async throws(RedisError) {
        var arguments: [RedisArgument] = [RedisArgument(key), .bytes(value)]
        if let ttl {
            arguments += ["PX", .integer(try ttl.redisMilliseconds(for: "ttl"))]
        }
        let reply = try await send(RedisCommand("SET", arguments: arguments)).checked(for: "SET")
        guard reply == .simpleString("OK") else { throw .unexpectedReply(command: "SET", reply: reply) }
    }

    /// Deletes `keys` and returns how many of them existed.
    @discardableResult
    public func delete(_ keys: [String]) async throws(RedisError) -> Int {
        guard !keys.isEmpty else { return 0 }
        let reply = try await send(RedisCommand("DEL", arguments: keys.map { RedisArgument($0) })).checked(for: "DEL")
        guard let count = reply.integer else { throw .unexpectedReply(command: "DEL", reply: reply) }
        return Int(count)
    }

    /// Milliseconds until `key` expires, or `nil` when it has no expiry or does not exist.
    public func timeToLive(_ key: String) async throws(RedisError) -> Duration? {
        let reply = try await send(RedisCommand("PTTL", RedisArgument(key))).checked(for: "PTTL")
        guard let milliseconds = reply.integer else { throw .unexpectedReply(command: "PTTL", reply: reply) }
        return milliseconds >= 0 ? .milliseconds(milliseconds) : nil
    }
}
