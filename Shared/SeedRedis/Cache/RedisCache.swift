import Foundation
import Logging
import Metrics
import Synchronization

/// Cache-aside storage of `Codable` values in Redis, as JSON, each with a time to live.
///
/// Keys are `<namespace>:<key>`; see `docs/redis.md` for the namespaces the services use.
/// Redis failures are thrown, never swallowed: a caller that prefers to serve uncached data while
/// Redis is down catches ``RedisError`` and calls its loader itself (fail open).
///
/// Every lookup increments the swift-metrics counter `seed_redis_cache_lookups_total` with the
/// dimensions `cache` (the namespace) and `result` (`hit` or `miss`); ``stats`` reads the same
/// counts back.
public final class RedisCache: Sendable {
    /// The prefix of every key this cache writes.
    public let namespace: String
    private let client: RedisClient
    private let logger: Logger
    private let hitCounter: Counter
    private let missCounter: Counter
    private let counts = Mutex(RedisCacheStats())

    /// Creates a cache that stores its entries under `namespace` through `client`.
    public init(client: RedisClient, namespace: String, logger: Logger = Logger(label: "seed.redis.cache")) {
        self.client = client
        self.namespace = namespace
        var logger = logger
        logger[metadataKey: "cache"] = "\(namespace)"
        self.logger = logger
        self.hitCounter = Counter(label: "seed_redis_cache_lookups_total", dimensions: [("cache", namespace), ("result", "hit")])
        self.missCounter = Counter(label: "seed_redis_cache_lookups_total", dimensions: [("cache", namespace), ("result", "miss")])
    }

    /// The cached value for `key` on a hit; on a miss, the value `load` returns, after storing it for `ttl`.
    ///
    /// An entry that no longer decodes as `Value` (its type changed) counts as a miss and is replaced.
    ///
    /// - Throws: ``RedisError`` when Redis fails: on the lookup (which then counts neither as hit
    ///   nor miss, and `load` is not called) or on storing the loaded value; whatever `load` throws
    ///   (nothing is stored); or an `EncodingError` for an unencodable value.
    public func value<Value: Codable>(
        for key: String,
        ttl: Duration,
        isolation: isolated (any Actor)? = #isolation,
        load: () async throws -> Value
    ) async throws -> Value {
        if let cached: Value = try await cachedValue(for: key) {
            record(hit: true)
            return cached
        }
        record(hit: false)
        let value = try await load()
        try await store(value, for: key, ttl: ttl)
        return value
    }

    /// Stores `value` for `key` for `ttl`, replacing any cached value (write-through).
    ///
    /// - Throws: ``RedisError``, or an `EncodingError` for an unencodable value.
    public func store<Value: Encodable>(_ value: Value, for key: String, ttl: Duration) async throws {
        let bytes = try Array(JSONEncoder().encode(value))
        try await client.set(redisKey(for: key), to: bytes, ttl: ttl)
    }

    /// Removes the cached values for `keys`, so the next lookup loads them again.
    ///
    /// - Returns: how many of the keys were cached.
    @discardableResult
    public func invalidate(_ keys: String...) async throws(RedisError) -> Int {
        try await client.delete(keys.map(redisKey(for:)))
    }

    /// Hit and miss counts since this cache was created.
    public var stats: RedisCacheStats {
        counts.withLock { $0 }
    }

    /// The Redis key that holds the cached value for `key`.
    public func redisKey(for key: String) -> String {
        "\(namespace):\(key)"
    }

    private func cachedValue<Value: Decodable>(for key: String) async throws(RedisError) -> Value? {
        guard let bytes = try await client.get(redisKey(for: key)) else { return nil }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch {
            logger.notice(
                "replacing cached entry that does not decode",
                metadata: ["cache.key": "\(key)", "cache.error": "\(error)"]
            )
            return nil
        }
    }

    private func record(hit: Bool) {
        counts.withLock { counts in
            if hit { counts.hits += 1 } else { counts.misses += 1 }
        }
        (hit ? hitCounter : missCounter).increment()
    }
}
