import Foundation
public import Logging
import SeedServiceKit
public import ServiceLifecycle

/// The ingestion worker: one document at a time, off the public chat's path (its own task; the
/// embedder's pool is bounded), woken by ``BusinessKnowledge/queue`` and polling every `poll` for
/// jobs left by another instance or a restart (decision 0026).
public struct IngestionWorker: Service {
    private let service: BusinessAIService
    private let poll: Duration
    private let logger: Logger

    public init(service: BusinessAIService, poll: Duration = .seconds(10), logger: Logger) {
        self.service = service
        self.poll = poll
        self.logger = logger
    }

    public func run() async throws {
        guard let queue = service.knowledge?.queue else { return }
        let service = service, poll = poll, logger = logger
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await service.drainIngestion()
                } catch {
                    logger.warning("ingestion step failed; retrying", metadata: ["error": "\(error)"])
                    try await Task.sleep(for: .seconds(1))
                }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await queue.wait() }
                    group.addTask { try? await Task.sleep(for: poll) }
                    await group.next()
                    group.cancelAll()
                }
            }
        }
    }
}

/// Moves chat logs older than 90 days to the archive at start and then daily.
public struct ChatArchiveSweep: Service {
    private let service: BusinessAIService
    private let interval: Duration
    private let logger: Logger

    public init(service: BusinessAIService, interval: Duration = .seconds(86_400), logger: Logger) {
        self.service = service
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let service = service, logger = logger
        await runPeriodically(every: interval, what: "chat archive sweep", logger: logger) {
            let moved = try await service.archiveChats()
            if moved > 0 { logger.info("archived chat logs older than 90 days", metadata: ["count": "\(moved)"]) }
        }
    }
}
