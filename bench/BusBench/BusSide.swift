import Logging
import SeedBus
import SeedContracts

/// The suite's bus, measured the same way as the raw baseline.
enum BusSide {
    static func rpc(configuration: BusConfiguration, sequential: Int, concurrent: Int, window: Int) async throws -> (Measurement, Measurement) {
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
        var cpuStart = processCPUSeconds()
        for index in 0..<sequential {
            let start = clock.now
            _ = try await client.request(BenchEchoV1(sequence: index))
            latencies.append(clock.now - start)
        }
        let sequentialResult = Measurement(
            latencies: latencies, elapsed: clock.now - sequentialStart, cpu: processCPUSeconds() - cpuStart)

        let concurrentStart = clock.now
        cpuStart = processCPUSeconds()
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
        let concurrentResult = Measurement(
            latencies: latencies, elapsed: clock.now - concurrentStart, cpu: processCPUSeconds() - cpuStart)

        await client.shutdown()
        await server.shutdown()
        try await serverRun.value
        return (sequentialResult, concurrentResult)
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
        let cpuStart = processCPUSeconds()
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
        let result = Measurement(latencies: latencies, elapsed: clock.now - start, cpu: processCPUSeconds() - cpuStart)
        await publisher.shutdown()
        return result
    }
}
