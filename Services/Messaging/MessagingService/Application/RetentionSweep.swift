import Foundation
public import Logging
public import ServiceLifecycle
import SeedServiceKit

/// Runs ``MessagingService/sweepRetention(now:)`` at start and then every `interval`, until graceful
/// shutdown (or cancellation). A failed sweep is logged and the next one runs on schedule: retention
/// is a deadline measured in days, so a missed pass only delays deletion.
///
/// ```swift
/// host.addService(RetentionSweep(service: MessagingService(work: work), logger: host.logger))
/// ```
public struct RetentionSweep: Service {
    private let service: MessagingService
    private let interval: Duration
    private let logger: Logger
    private let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - service: The messaging service whose conversations' retention is applied.
    ///   - interval: How long to wait between sweeps (default 10 minutes).
    ///   - logger: Where failed sweeps and deletions are reported.
    ///   - now: The time a sweep measures ages against.
    public init(
        service: MessagingService, interval: Duration = .seconds(600), logger: Logger, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.service = service
        self.interval = interval
        self.logger = logger
        self.clock = now
    }

    public func run() async throws {
        let service = service, logger = logger, clock = clock
        // The sleep is cancelled on graceful shutdown; a sweep under way is cancelled with it, and each
        // of its batches is one transaction, so it stops between batches with nothing half-deleted.
        await runPeriodically(every: interval, what: "retention sweep", logger: logger) {
            let deleted = try await service.sweepRetention(now: clock())
            if deleted > 0 { logger.info("retention sweep deleted messages", metadata: ["count": "\(deleted)"]) }
        }
    }
}
