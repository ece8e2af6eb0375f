/// Runs a fixed list of readiness checks concurrently, each bounded by a timeout.
public struct ReadinessProbe: Sendable {
    /// The checks, in the order they are reported.
    public let checks: [any ReadinessCheck]
    /// How long one check may take before it counts as failed.
    public let timeout: Duration

    /// Creates a probe; `timeout` bounds each check so that a hung dependency cannot hang `/health/ready`.
    public init(checks: [any ReadinessCheck], timeout: Duration = .seconds(2)) {
        self.checks = checks
        self.timeout = timeout
    }

    /// Runs every check once and reports the outcome.
    public func run() async -> ReadinessReport {
        let results = await withTaskGroup(of: (Int, ReadinessReport.CheckResult).self) { group in
            for (index, check) in self.checks.enumerated() {
                group.addTask { (index, await Self.run(check, timeout: self.timeout)) }
            }
            var results = [ReadinessReport.CheckResult?](repeating: nil, count: self.checks.count)
            for await (index, result) in group {
                results[index] = result
            }
            return results.compactMap { $0 }
        }
        return ReadinessReport(checks: results)
    }

    private static func run(_ check: any ReadinessCheck, timeout: Duration) async -> ReadinessReport.CheckResult {
        let failure: String? = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    try await check.check()
                    return nil
                } catch {
                    return String(describing: error)
                }
            }
            group.addTask {
                // Cancelled as soon as the check finishes; only an unfinished check sees the timeout.
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : "did not answer within \(timeout)"
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        return ReadinessReport.CheckResult(name: check.name, ready: failure == nil, reason: failure)
    }
}
