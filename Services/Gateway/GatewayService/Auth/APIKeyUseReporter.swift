import Foundation
import Logging
import SeedBus
import SeedContracts
import Synchronization

/// Reports API keys' use to identity without a write per request (decision 0036): the first request
/// of a key, and then the first after each ``interval``, sends `identity.record-api-key-use.v1` with
/// the time, on its own task so the request does not wait. Identity's `lastUsedAt` is thus at most
/// one interval behind, and a key costs identity one write per interval and gateway instance.
final class APIKeyUseReporter: Sendable {
    /// How often a key's use is reported at most, per instance.
    static let interval: Duration = .seconds(60)
    /// Keys remembered at most; past it the memory is cleared (a forgotten key is reported once more).
    static let capacity = 50_000

    private let bus: Bus
    private let logger: Logger
    private let reported = Mutex<[String: ContinuousClock.Instant]>([:])

    init(bus: Bus, logger: Logger) {
        self.bus = bus
        self.logger = logger
    }

    /// Notes one use of the key; reports it when its last report is older than ``interval``.
    func used(_ keyId: String, now: ContinuousClock.Instant = .now) {
        guard due(keyId, now: now) else { return }
        let use = RecordAPIKeyUseV1(uses: [APIKeyUseV1(keyId: keyId, lastUsedAt: Date())])
        let bus = bus, logger = logger
        Task {
            do {
                try await bus.send(use, envelope: MessageEnvelope(type: RecordAPIKeyUseV1.messageType, actor: "gateway"))
            } catch {
                logger.warning("API key use not reported", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Whether the key's use should be reported now (and remembers that it was).
    func due(_ keyId: String, now: ContinuousClock.Instant = .now) -> Bool {
        reported.withLock { reported in
            if let last = reported[keyId], last.duration(to: now) < Self.interval { return false }
            if reported[keyId] == nil, reported.count >= Self.capacity { reported = [:] }
            reported[keyId] = now
            return true
        }
    }
}
