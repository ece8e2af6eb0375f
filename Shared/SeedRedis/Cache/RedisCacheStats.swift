/// How often a ``RedisCache`` found what it was asked for, since it was created.
public struct RedisCacheStats: Sendable, Hashable {
    /// Lookups answered from Redis.
    public var hits: Int
    /// Lookups that had to call `load` (absent, expired or undecodable entries).
    public var misses: Int

    /// Creates statistics from counts.
    public init(hits: Int = 0, misses: Int = 0) {
        self.hits = hits
        self.misses = misses
    }

    /// Hits over all lookups, from 0 to 1; 0 before the first lookup.
    public var hitRate: Double {
        let lookups = hits + misses
        return lookups == 0 ? 0 : Double(hits) / Double(lookups)
    }
}

extension RedisCacheStats: CustomStringConvertible {
    /// For example `hits=830 misses=170 hitRate=83.0%`.
    public var description: String {
        let perMille = Int((hitRate * 1_000).rounded())
        return "hits=\(hits) misses=\(misses) hitRate=\(perMille / 10).\(perMille % 10)%"
    }
}
