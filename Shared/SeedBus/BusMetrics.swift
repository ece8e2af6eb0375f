import Metrics
import SeedContracts

/// The counters and timer a bus reports through swift-metrics; the runtime bootstraps the backend.
struct BusMetrics: Sendable {
    /// Messages published with a confirmation (events, commands, retries, dead letters, replays).
    let published: Counter
    /// Deliveries taken from the command and event queues.
    let consumed: Counter
    /// Deliveries acknowledged after their handler finished.
    let acknowledged: Counter
    /// Deliveries moved to a retry queue.
    let retried: Counter
    /// Deliveries moved to a dead-letter queue.
    let deadLettered: Counter
    /// Round-trip time of requests, replied or failed.
    let requestLatency: Metrics.Timer

    init(service: ServiceName) {
        let dimensions = [("service", service.rawValue)]
        published = Counter(label: "seed_bus_published_total", dimensions: dimensions)
        consumed = Counter(label: "seed_bus_consumed_total", dimensions: dimensions)
        acknowledged = Counter(label: "seed_bus_acked_total", dimensions: dimensions)
        retried = Counter(label: "seed_bus_retried_total", dimensions: dimensions)
        deadLettered = Counter(label: "seed_bus_dead_lettered_total", dimensions: dimensions)
        requestLatency = Metrics.Timer(label: "seed_bus_rpc_duration", dimensions: dimensions)
    }
}
