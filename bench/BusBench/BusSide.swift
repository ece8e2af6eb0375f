import Logging
import SeedBus
import SeedContracts

/// The suite's bus, measured the same way as the raw baseline.
enum BusSide {
    /// Sequential round trips from a task on the global pool, the same from a task that prefers the
    /// client connection's executor, and concurrent round trips from `window` tasks.
    static func rpc(configuration: BusConfiguration, sequential: Int, concurrent: Int, window: Int) async throws -> (sequential: Measurement, pinned: Measurement, concurrent: Measurement) {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let server = Bus(service: .work, configuration: configuration, logger: logger)
        server.handle(BenchEchoV1.self) { request, _ in BenchEchoedV1(sequence: request.sequence) }
        let serverRun = Task { try await server.run() }
        let client = Bus(service: .gateway, configuration: configuration, logger: logger)
        try await client.connect()
        while !server.isConnected { try await Task.sleep(for: .milliseconds(10)) }

        for index in 0..<200 { _ = try await client.request(BenchEchoV1(sequence: index)) }
        let clock = ContinuousClock()
        var latencies: [Duration] = []
        latencies.reserveCapacity(sequential)
        let sequentialStart = clock.now
        var cpuStart = CPUClocks.now()
        for index in 0..<sequential {
            let start = clock.now
            _ = try await client.request(BenchEchoV1(sequence: index))
            latencies.append(clock.now - start)
        }
        let sequentialResult = cpuStart.measurement(latencies: latencies, elapsed: clock.now - sequentialStart)

        // The same loop in a task that prefers the client connection's thread (`Bus.taskExecutor`),
        // as a service's handler runs: the reply resumes it without a hand-off to the global pool.
        latencies.removeAll(keepingCapacity: true)
        let pinnedStart = clock.now
        cpuStart = CPUClocks.now()
        latencies = try await withTaskExecutorPreference(client.taskExecutor) { [latencies] in
            var latencies = latencies
            for index in 0..<sequential {
                let start = clock.now
                _ = try await client.request(BenchEchoV1(sequence: index))
                latencies.append(clock.now - start)
            }
            return latencies
        }
        let pinnedResult = cpuStart.measurement(latencies: latencies, elapsed: clock.now - pinnedStart)

        let concurrentStart = clock.now
        cpuStart = CPUClocks.now()
        latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<window {
                group.addTask {
                    var mine: [Duration] = []
                    for index in stride(from: worker, to: concurrent, by: window) {
                        let start = clock.now
                        _ = try await client.request(BenchEchoV1(sequence: index))
                        mine.append(clock.now - start)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let concurrentResult = cpuStart.measurement(latencies: latencies, elapsed: clock.now - concurrentStart)

        await client.shutdown()
        await server.shutdown()
        try await serverRun.value
        return (sequentialResult, pinnedResult, concurrentResult)
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
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = CPUClocks.now()
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<window {
                group.addTask {
                    var mine: [Duration] = []
                    for index in stride(from: worker, to: count, by: window) {
                        let begin = clock.now
                        try await publisher.publish(BenchTickV1(sequence: index))
                        mine.append(clock.now - begin)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let result = cpuStart.measurement(latencies: latencies, elapsed: clock.now - start)
        await publisher.shutdown()
        return result
    }
}
