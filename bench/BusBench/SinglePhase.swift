import BenchSupport
import SeedBus

/// `--phase NAME`: one phase and nothing else, so that a profiler attached to the whole process
/// (`perf stat`, `perf record`) sees that phase alone. The names are those of the figures:
/// `raw.rpc.sequential`, `raw.rpc.concurrent`, `bus.rpc.sequential`, `bus.rpc.sequential_pinned`,
/// `bus.rpc.concurrent`.
enum SinglePhase {
    static let names = ["raw.rpc.sequential", "raw.rpc.concurrent", "bus.rpc.sequential", "bus.rpc.sequential_pinned", "bus.rpc.concurrent"]

    static func run(_ name: String, url: String, configuration: BusConfiguration, runId: String, concurrentCount: Int, window: Int) async throws {
        let measurement: Measurement
        switch name {
        case "raw.rpc.sequential", "raw.rpc.concurrent":
            let raw = try RawBaseline.RPC(url: url, queue: "bench-\(runId).raw.rpc")
            measurement = name == "raw.rpc.sequential" ? raw.sequential(10_000) : raw.concurrent(concurrentCount, window: window)
            raw.stop()
        case "bus.rpc.sequential", "bus.rpc.sequential_pinned", "bus.rpc.concurrent":
            let bus = try await BusSide.RPC(configuration: configuration)
            switch name {
            case "bus.rpc.sequential": measurement = try await bus.sequential(10_000)
            case "bus.rpc.sequential_pinned": measurement = try await bus.pinned(10_000)
            default: measurement = try await bus.concurrent(concurrentCount, window: window)
            }
            try await bus.shutdown()
            let names = BusNames(namespace: configuration.namespace)
            let queue = names.commandQueue(of: .work)
            try RawBaseline.cleanUp(
                url: url,
                queues: [queue, names.deadLetterQueue(of: queue)] + (1..<configuration.maxAttempts).map { names.retryQueue(of: queue, attempt: $0) },
                exchanges: [names.eventExchange])
        default:
            preconditionFailure("main.swift checks the phase name")
        }
        measurement.report(name)
    }
}
