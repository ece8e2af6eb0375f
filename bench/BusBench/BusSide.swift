import BenchSupport
import Logging
import SeedBus
import SeedContracts

/// The benchmarks' phase figures, not Foundation's `Measurement` of units (both are imported).
typealias Measurement = BenchSupport.Measurement

/// The suite's bus, measured the same way as the raw baseline.
enum BusSide {
    /// A server bus answering ``BenchEchoV1`` and a client bus, kept up between phases so that raw
    /// and bus phases can alternate.
    final class RPC {
        private let server: Bus
        private let serverRun: Task<Void, any Error>
        private let client: Bus

        init(configuration: BusConfiguration) async throws {
            var logger = Logger(label: "bench")
            logger.logLevel = .warning
            server = Bus(service: .work, configuration: configuration, logger: logger)
            server.handle(BenchEchoV1.self) { request, _ in BenchEchoedV1(sequence: request.sequence) }
            let server = server
            serverRun = Task { try await server.run() }
            client = Bus(service: .gateway, configuration: configuration, logger: logger)
            try await client.connect()
            while !server.isConnected { try await Task.sleep(for: .milliseconds(10)) }
            for index in 0..<200 { _ = try await client.request(BenchEchoV1(sequence: index)) }
        }

        func shutdown() async throws {
            await client.shutdown()
            await server.shutdown()
            try await serverRun.value
        }

        /// `count` round trips, one at a time, from the calling task (on the global pool).
        func sequential(_ count: Int) async throws -> Measurement {
            try await Self.loop(client, count)
        }

        /// The same from a task that prefers the client connection's thread (`Bus.taskExecutor`), as a
        /// service's handler runs: each reply resumes it without a hand-off to the global pool.
        func pinned(_ count: Int) async throws -> Measurement {
            let client = client
            return try await withTaskExecutorPreference(client.taskExecutor) { try await Self.loop(client, count) }
        }

        private static func loop(_ client: Bus, _ count: Int) async throws -> Measurement {
            let clock = ContinuousClock()
            var latencies: [Duration] = []
            latencies.reserveCapacity(count)
            let begin = clock.now
            let cpuStart = CPUClocks.now()
            for index in 0..<count {
                let start = clock.now
                _ = try await client.request(BenchEchoV1(sequence: index))
                latencies.append(clock.now - start)
            }
            return cpuStart.measurement(latencies: latencies, elapsed: clock.now - begin)
        }

        /// `count` round trips from `window` concurrent tasks.
        func concurrent(_ count: Int, window: Int) async throws -> Measurement {
            let client = client
            return try await BusSide.windowed(count, window: window) { index in
                _ = try await client.request(BenchEchoV1(sequence: index))
            }
        }
    }

    static func confirmedPublishes(configuration: BusConfiguration, count: Int, window: Int) async throws -> Measurement {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        // A subscriber that only connects declares and binds its event queue without consuming it,
        // like the raw side's bound queue.
        let subscriber = Bus(service: .messaging, configuration: configuration, logger: logger)
        subscriber.subscribe(BenchTickV1.self) { _, _ in }
        try await subscriber.connect()
        await subscriber.shutdown()
        let publisher = Bus(service: .work, configuration: configuration, logger: logger)
        try await publisher.connect()
        let result = try await windowed(count, window: window) { index in
            try await publisher.publish(BenchTickV1(sequence: index))
        }
        await publisher.shutdown()
        return result
    }

    /// Calls `operation` for every index below `count` from `window` concurrent tasks, each taking every
    /// `window`-th index, and measures the whole and each call's latency.
    static func windowed(
        _ count: Int, window: Int, _ operation: @escaping @Sendable (Int) async throws -> Void
    ) async throws -> Measurement {
        let clock = ContinuousClock()
        let begin = clock.now
        let cpuStart = CPUClocks.now()
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<window {
                group.addTask {
                    var mine: [Duration] = []
                    for index in stride(from: worker, to: count, by: window) {
                        let start = clock.now
                        try await operation(index)
                        mine.append(clock.now - start)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return cpuStart.measurement(latencies: latencies, elapsed: clock.now - begin)
    }
}
