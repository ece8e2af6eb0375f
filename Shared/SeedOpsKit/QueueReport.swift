import Foundation
public import SeedBus
public import SeedContracts

/// One queue of the suite as `seed-ops queues` shows it.
public struct QueueRow: Codable, Sendable, Equatable {
    /// The service that consumes it (`nil` for `seed.events.unrouted`).
    public var service: String?
    /// `commands`, `events`, `dead-letters`, `retry` or `unrouted`.
    public var role: String
    public var name: String
    /// Whether the broker has it (a service declares its queues at its first start).
    public var exists: Bool
    /// Ready messages.
    public var messages: Int?
    /// Consumers attached.
    public var consumers: Int?
    /// Change of the ready count per second over `--interval` (only with it): positive means it grows.
    public var depthChangePerSecond: Double?
}

/// The depth and consumers of every queue the suite declares for `services` (passive declarations:
/// AMQP gives no publish or delivery rates; `interval` samples twice and reports the depth's change).
public func queueReport(
    bus: Bus, services: [ServiceName], includeRetries: Bool, interval: Duration? = nil
) async throws -> [QueueRow] {
    var rows: [QueueRow] = []
    for service in services {
        for (role, queue) in [("commands", bus.names.commandQueue(of: service)), ("events", bus.names.eventQueue(of: service))] {
            rows.append(QueueRow(service: service.rawValue, role: role, name: queue, exists: false))
            rows.append(QueueRow(service: service.rawValue, role: "dead-letters", name: bus.names.deadLetterQueue(of: queue), exists: false))
            if includeRetries {
                for attempt in 1..<max(bus.configuration.maxAttempts, 1) {
                    rows.append(QueueRow(service: service.rawValue, role: "retry", name: bus.names.retryQueue(of: queue, attempt: attempt), exists: false))
                }
            }
        }
    }
    rows.append(QueueRow(service: nil, role: "unrouted", name: bus.names.unroutedEventQueue, exists: false))
    try await fill(&rows, bus: bus)
    if let interval {
        let first = rows
        let start = ContinuousClock.now
        try await Task.sleep(for: interval)
        try await fill(&rows, bus: bus)
        let elapsed = Double((ContinuousClock.now - start).components.seconds) + Double((ContinuousClock.now - start).components.attoseconds) / 1e18
        for index in rows.indices {
            if let now = rows[index].messages, let before = first[index].messages, elapsed > 0 {
                rows[index].depthChangePerSecond = (Double(now - before) / elapsed * 100).rounded() / 100
            }
        }
    }
    return rows
}

private func fill(_ rows: inout [QueueRow], bus: Bus) async throws {
    for index in rows.indices {
        let status = try await bus.queueStatus(of: rows[index].name)
        rows[index].exists = status != nil
        rows[index].messages = status?.messages
        rows[index].consumers = status?.consumers
    }
}
