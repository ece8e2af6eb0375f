import Foundation
public import Logging
public import ServiceLifecycle
import SeedServiceKit

/// Runs the documents service's sweeps — abandoned uploads, deleted documents past retention, versions
/// left unprocessed by a stop — at start and then every `interval`, until graceful shutdown. A failed
/// sweep is logged and the next one runs on schedule.
public struct DocumentsSweep: Service {
    private let service: DocumentsService
    private let interval: Duration
    private let logger: Logger

    public init(service: DocumentsService, interval: Duration = .seconds(300), logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let service = service, logger = logger
        try? await service.recoverProcessing()
        await runPeriodically(every: interval, what: "documents sweep", logger: logger) {
            let now = Date()
            let uploads = try await service.sweepAbandonedUploads(now: now)
            let purged = try await service.purgeDeleted(now: now)
            if uploads + purged > 0 { logger.info("documents sweep", metadata: ["uploads": "\(uploads)", "purged": "\(purged)"]) }
            _ = try await service.processPending()
        }
    }
}
