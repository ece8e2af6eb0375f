import Foundation
public import Logging
import SeedServiceKit
public import ServiceLifecycle

/// Runs ``WorkService/sweepTasks()`` at start and then every `interval`, until graceful shutdown (or
/// cancellation): due-soon and overdue announcements for tasks, and the boards' auto-archive of done
/// tasks. A failed sweep is logged and the next one runs on schedule.
///
/// ```swift
/// host.addService(TaskSweep(service: WorkService(work: work), logger: host.logger))
/// ```
public struct TaskSweep: Service {
    private let service: WorkService
    private let interval: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - service: The work service whose tasks are checked (its clock decides what is due).
    ///   - interval: How long to wait between sweeps (default 15 minutes).
    ///   - logger: Where failed sweeps and their counts are reported.
    public init(service: WorkService, interval: Duration = .seconds(900), logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let service = service, logger = logger
        await runPeriodically(every: interval, what: "task sweep", logger: logger) {
            let result = try await service.sweepTasks()
            if result != WorkService.TaskSweepResult() {
                logger.info("task sweep", metadata: ["dueSoon": "\(result.dueSoon)", "overdue": "\(result.overdue)", "archived": "\(result.archived)"])
            }
        }
    }
}
