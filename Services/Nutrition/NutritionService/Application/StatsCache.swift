public import Foundation
import Logging
import Metrics
public import SeedRedis
import Synchronization

/// Today's statistics and the weekly statistics in Redis, per user (docs/redis.md, namespace
/// `seed:cache:nutrition`).
///
/// Each user has a generation number (`seed:cache:nutrition:gen:<user>`) that every change to their meals or
/// profile increments after it commits; entries are keyed by it (`seed:cache:nutrition:today:<user>:<gen>`), so
/// a change makes every entry of the user unreachable at once, and a reader that loaded data before a
/// change can only store it under the old generation, where nobody looks again. Entries live
/// ``ttl``. Redis failures are logged and the statistics computed from the database (fail open).
///
/// Every lookup that reached Redis increments `seed_redis_cache_lookups_total{cache="<namespace>",
/// result="hit"|"miss"}` (the counter ``RedisCache`` uses), served on `/metrics`; ``stats`` reads the
/// same counts back.
public final class StatsCache: Sendable {
    let client: RedisClient
    let namespace: String
    let ttl: Duration
    let logger: Logger
    private let counts = Mutex(RedisCacheStats())
    private let hitCounter: Counter
    private let missCounter: Counter

    public init(client: RedisClient, namespace: String = "seed:cache:nutrition", ttl: Duration = .seconds(600), logger: Logger = Logger(label: "seed.nutrition.cache")) {
        self.client = client
        self.namespace = namespace
        self.ttl = ttl
        self.logger = logger
        self.hitCounter = Counter(label: "seed_redis_cache_lookups_total", dimensions: [("cache", namespace), ("result", "hit")])
        self.missCounter = Counter(label: "seed_redis_cache_lookups_total", dimensions: [("cache", namespace), ("result", "miss")])
    }

    /// Hits and misses since this cache was created.
    public var stats: RedisCacheStats { counts.withLock { $0 } }

    func generationKey(_ user: String) -> String { "\(namespace):gen:\(user)" }

    /// The cached `kind` statistics of `user` for `parts` when present and `valid`; otherwise `load`'s,
    /// stored for the next reader.
    func value<Value: Codable & Sendable>(
        _ kind: String, user: String, parts: String, valid: (Value) -> Bool, load: () async throws -> Value
    ) async throws -> Value {
        let key: String
        do {
            let generation = try await client.get(generationKey(user)).map { String(decoding: $0, as: UTF8.self) } ?? "0"
            key = "\(namespace):\(kind):\(user):\(generation):\(parts)"
            if let bytes = try await client.get(key), let cached = try? JSONDecoder().decode(Value.self, from: Data(bytes)), valid(cached) {
                counts.withLock { $0.hits += 1 }
                hitCounter.increment()
                return cached
            }
        } catch {
            logger.warning("statistics cache unavailable; reading the database", metadata: ["error": "\(error)"])
            return try await load()
        }
        counts.withLock { $0.misses += 1 }
        missCounter.increment()
        let value = try await load()
        do {
            try await client.set(key, to: Array(try JSONEncoder().encode(value)), ttl: ttl)
        } catch {
            logger.warning("statistics cache could not store an entry", metadata: ["error": "\(error)"])
        }
        return value
    }

    /// Makes every cached entry of `user` stale: called after each committed change of their meals or
    /// profile. Returns the user's new generation, or `nil` when Redis could not be reached.
    @discardableResult
    func invalidate(_ user: String) async -> String? {
        do {
            let reply = try await client.send("INCR", RedisArgument(generationKey(user))).checked(for: "INCR")
            guard case .integer(let generation) = reply else { return nil }
            return String(generation)
        } catch {
            logger.error("statistics cache could not be invalidated; entries expire within the TTL", metadata: ["user": "\(user)", "error": "\(error)"])
            return nil
        }
    }

    /// Stores `value` as the `kind` statistics of `user` for `parts` under `generation` (the one
    /// ``invalidate(_:)`` returned). A value computed after that generation began is never older than
    /// what a reader of that generation may see; a later change moves readers to a newer generation.
    func store<Value: Codable & Sendable>(_ value: Value, _ kind: String, user: String, generation: String, parts: String) async {
        do {
            let key = "\(namespace):\(kind):\(user):\(generation):\(parts)"
            try await client.set(key, to: Array(try JSONEncoder().encode(value)), ttl: ttl)
        } catch {
            logger.warning("statistics cache could not store an entry", metadata: ["error": "\(error)"])
        }
    }
}
