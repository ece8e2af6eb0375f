import Foundation
public import Logging
import SeedServiceKit
public import ServiceLifecycle

/// Runs ``WorkService/sweepMilestones()`` at start and then every `interval`, until graceful shutdown
/// (or cancellation). A failed sweep is logged and the next one runs on schedule: the milestones it
/// missed are still late then.
///
/// ```swift
/// host.addService(MilestoneSweep(service: WorkService(work: work), logger: host.logger))
/// ```
public struct MilestoneSweep: Service {
    private let service: WorkService
    private let interval: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - service: The work service whose active sprints' milestones are checked (its clock decides
    ///     what is late).
    ///   - interval: How long to wait between sweeps (default 15 minutes).
    ///   - logger: Where failed sweeps and overdue milestones are reported.
    public init(service: WorkService, interval: Duration = .seconds(900), logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let service = service, logger = logger
        // Each sprint is its own transaction, so a sweep cancelled on shutdown stops between sprints.
        await runPeriodically(every: interval, what: "milestone sweep", logger: logger) {
            let overdue = try await service.sweepMilestones()
            if overdue > 0 { logger.info("milestone sweep marked milestones overdue", metadata: ["count": "\(overdue)"]) }
        }
    }
}
