public import Logging
import ServiceLifecycle

/// Runs `body` at once and then every `interval` until graceful shutdown or cancellation: the loop of
/// every service's sweep. A failed run is logged as `what` and the next one keeps its schedule.
///
/// ```swift
/// public func run() async throws {
///     await runPeriodically(every: interval, what: "task sweep", logger: logger) { try await service.sweepTasks() }
/// }
/// ```
public func runPeriodically(
    every interval: Duration, what: String, logger: Logger, _ body: @escaping @Sendable () async throws -> Void
) async {
    try? await cancelWhenGracefulShutdown {
        while !Task.isCancelled {
            do {
                try await body()
            } catch {
                logger.warning("\(what) failed; retrying at the next interval", metadata: ["error": "\(error)"])
            }
            try await Task.sleep(for: interval)
        }
    }
}
