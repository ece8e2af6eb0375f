/// The outcome of running every readiness check once; the JSON body of `/health/ready`.
public struct ReadinessReport: Codable, Sendable, Equatable {
    /// The outcome of one check.
    public struct CheckResult: Codable, Sendable, Equatable {
        /// The check's name.
        public let name: String
        /// Whether it passed.
        public let ready: Bool
        /// Why it failed; `nil` when it passed.
        public let reason: String?

        /// Creates a result.
        public init(name: String, ready: Bool, reason: String?) {
            self.name = name
            self.ready = ready
            self.reason = reason
        }
    }

    /// `ready` when every check passed, else `unavailable`.
    public let status: String
    /// Names of the checks that failed, in registration order.
    public let failing: [String]
    /// Every check's result, in registration order.
    public let checks: [CheckResult]

    /// Builds the report from the results of every check.
    public init(checks: [CheckResult]) {
        self.checks = checks
        self.failing = checks.filter { !$0.ready }.map(\.name)
        self.status = self.failing.isEmpty ? "ready" : "unavailable"
    }

    /// Whether every check passed (an empty list of checks passes).
    public var isReady: Bool { self.failing.isEmpty }
}
