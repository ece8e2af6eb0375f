/// The answer of ``RedisRateLimiter/acquire(key:limit:window:)``.
public struct RateLimitDecision: Sendable, Hashable {
    /// Whether this request fits in the window and was counted.
    public var allowed: Bool
    /// How many more requests the window admits after this one.
    public var remaining: Int
    /// How long until the oldest counted request leaves the window and a new one may pass;
    /// zero when allowed.
    public var retryAfter: Duration

    /// Creates a decision.
    public init(allowed: Bool, remaining: Int, retryAfter: Duration) {
        self.allowed = allowed
        self.remaining = remaining
        self.retryAfter = retryAfter
    }
}
