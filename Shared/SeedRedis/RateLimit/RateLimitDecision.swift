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

/// Permits granted together by ``RedisRateLimiter/reserve(_:window:upTo:returning:)``: requests
/// counted in their windows ahead of time, for the caller to spend.
public struct PermitBatch: Sendable, Hashable {
    /// Names the batch's members in the windows: `<id>:1` … `<id>:<count>`.
    public var id: String
    /// How many permits were granted; 0 when the reservation was refused.
    public var count: Int

    /// Creates a batch.
    public init(id: String, count: Int) {
        self.id = id
        self.count = count
    }
}

/// The answer of ``RedisRateLimiter/reserve(_:window:upTo:returning:)``.
public struct PermitReservation: Sendable, Hashable {
    /// As for a single request; `remaining` is what the windows admit after the whole batch.
    public var decision: RateLimitDecision
    /// The permits granted.
    public var batch: PermitBatch

    /// Creates a reservation.
    public init(decision: RateLimitDecision, batch: PermitBatch) {
        self.decision = decision
        self.batch = batch
    }
}

/// The unspent part of a batch, given back by the next reservation: permits `spent + 1` …
/// `batch.count` stop counting against their windows.
public struct PermitLeftover: Sendable, Hashable {
    /// The batch the permits came from.
    public var batch: PermitBatch
    /// How many of its permits were spent (used by requests); the rest are given back.
    public var spent: Int

    /// Creates a leftover.
    public init(batch: PermitBatch, spent: Int) {
        self.batch = batch
        self.spent = spent
    }
}
