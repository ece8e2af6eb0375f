/// The answer of ``RedisRateLimiter/acquire(key:limit:window:)``.
public struct RateLimitDecision: Sendable, Hashable {
    /// Whether this request fits in the window and was counted.
    public var allowed: Bool
    /// How many more requests the window admits after this one.
    public var remaining: Int
    /// How long until the oldest counted request leaves the window and a new one may pass;
    /// zero when allowed.
    public var retryAfter: Duration
    /// Of a refusal by several budgets at once, the key of the first budget that was full.
    public var refusedKey: String?

    /// Creates a decision.
    public init(allowed: Bool, remaining: Int, retryAfter: Duration, refusedKey: String? = nil) {
        self.allowed = allowed
        self.remaining = remaining
        self.retryAfter = retryAfter
        self.refusedKey = refusedKey
    }
}

/// One budget of ``RedisRateLimiter/acquire(_:window:)``: at most `limit` requests per window under `key`.
public struct RateLimitBudget: Sendable, Hashable {
    /// The key the requests are counted under (the limiter adds its namespace).
    public var key: String
    /// Requests admitted per window; at least 1.
    public var limit: Int

    /// Creates a budget.
    public init(key: String, limit: Int) {
        self.key = key
        self.limit = limit
    }
}
