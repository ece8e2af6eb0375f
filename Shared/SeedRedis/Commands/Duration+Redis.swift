extension Duration {
    /// Whole milliseconds, at least one, as Redis `PX` / `PEXPIRE` arguments take them.
    func redisMilliseconds(for name: String) throws(RedisError) -> Int64 {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        guard milliseconds >= 1 else { throw .invalidArgument("\(name) \(self) is below one millisecond") }
        return milliseconds
    }
}
