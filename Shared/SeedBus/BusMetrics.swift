import Metrics
import SeedContracts
import Synchronization

/// The counters and timers a bus reports through swift-metrics; the runtime bootstraps the backend.
/// docs/operations.md ("Metrics") lists every metric the suite emits, with PromQL examples.
struct BusMetrics: Sendable {
    /// Messages published with a confirmation (events, commands, retries, dead letters, replays).
    let published: Counter
    /// Deliveries taken from the command and event queues.
    let consumed: Counter
    /// Deliveries acknowledged after their handler finished.
    let acknowledged: Counter
    /// Round-trip time of requests, replied or failed.
    let requestLatency: Metrics.Timer
    /// Handler time, retries and dead letters, by message type.
    let byType: MessageTypeMetrics

    init(service: ServiceName) {
        let dimensions = [("service", service.rawValue)]
        published = Counter(label: "seed_bus_published_total", dimensions: dimensions)
        consumed = Counter(label: "seed_bus_consumed_total", dimensions: dimensions)
        acknowledged = Counter(label: "seed_bus_acked_total", dimensions: dimensions)
        requestLatency = Metrics.Timer(label: "seed_bus_rpc_duration", dimensions: dimensions)
        byType = MessageTypeMetrics(service: service)
    }
}

/// The metrics of one service's handling of each message type (dimensions `service` and `type`, the
/// wire name; `unknown` for a body that names none), made on first use and kept.
final class MessageTypeMetrics: Sendable {
    /// The instruments of one message type.
    struct Instruments: Sendable {
        /// How long the handler took, decoding included, whatever became of the delivery.
        let handlerDuration: Metrics.Timer
        /// Deliveries moved to a retry queue.
        let retried: Counter
        /// Deliveries moved to a dead-letter queue.
        let deadLettered: Counter
    }

    private let service: String
    private let instruments = Mutex<[String: Instruments]>([:])

    init(service: ServiceName) {
        self.service = service.rawValue
    }

    /// The instruments of message type `type` (a wire name).
    subscript(type: String) -> Instruments {
        if let existing = instruments.withLock({ $0[type] }) { return existing }
        let dimensions = [("service", service), ("type", type)]
        let made = Instruments(
            handlerDuration: Metrics.Timer(label: "seed_bus_handler_duration", dimensions: dimensions),
            retried: Counter(label: "seed_bus_retried_total", dimensions: dimensions),
            deadLettered: Counter(label: "seed_bus_dead_lettered_total", dimensions: dimensions))
        return instruments.withLock { instruments in
            if let raced = instruments[type] { return raced }
            instruments[type] = made
            return made
        }
    }
}
