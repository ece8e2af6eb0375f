import Foundation
import SeedBus
import SeedContracts

// Bus benchmark: a raw librabbitmq baseline (plain threads, blocking calls) and the suite's bus,
// side by side against one broker. Prints `name value unit` lines and `ratio name suite÷raw` lines.
//
//   seed-bench-bus [--bus-only] [amqp://guest:guest@127.0.0.1:5701/]   (or SEED_BENCH_AMQP_URL)
//
// `--bus-only` leaves the raw baseline (and the ratios) out: for profiling the bus with `perf`.
//   seed-bench-bus --coding   the wire coder alone (no broker): CPU per encode and per decode

let arguments = CommandLine.arguments.dropFirst()
if arguments.contains("--coding") {
    try Coding.run(count: 200_000)
    exit(0)
}
let busOnly = arguments.contains("--bus-only")
guard let url = arguments.first(where: { $0 != "--bus-only" }) ?? ProcessInfo.processInfo.environment["SEED_BENCH_AMQP_URL"] else {
    FileHandle.standardError.write(Data("usage: seed-bench-bus [--bus-only] AMQP_URL (or set SEED_BENCH_AMQP_URL)\n".utf8))
    exit(2)
}

let sequentialCount = 10_000
let concurrentCount = 40_000
let publishCount = 40_000
let window = 64
let runId = UUID().uuidString.prefix(8).lowercased()

do {
    var raw: (sequential: Measurement, concurrent: Measurement, publishes: Measurement)?
    if !busOnly {
        let (rawSequential, rawConcurrent) = try RawBaseline.rpc(
            url: url, queue: "bench-\(runId).raw.rpc", sequential: sequentialCount, concurrent: concurrentCount, window: window)
        rawSequential.report("raw.rpc.sequential")
        rawConcurrent.report("raw.rpc.concurrent")
        let rawPublishes = try RawBaseline.confirmedPublishes(
            url: url, exchange: "bench-\(runId).raw.events", queue: "bench-\(runId).raw.events.queue", count: publishCount, window: window)
        rawPublishes.report("raw.publish.confirmed")
        raw = (rawSequential, rawConcurrent, rawPublishes)
    }

    var configuration = try BusConfiguration(url: url)
    configuration.namespace = "bench-\(runId)."
    let (busSequential, busPinned, busConcurrent) = try await BusSide.rpc(
        configuration: configuration, sequential: sequentialCount, concurrent: concurrentCount, window: window)
    busSequential.report("bus.rpc.sequential")
    busPinned.report("bus.rpc.sequential_pinned")
    busConcurrent.report("bus.rpc.concurrent")
    let busPublishes = try await BusSide.confirmedPublishes(configuration: configuration, count: publishCount, window: window)
    busPublishes.report("bus.publish.confirmed")

    if let raw {
        reportRatio("rpc.sequential.throughput", suite: busSequential.throughput, raw: raw.sequential.throughput)
        reportRatio("rpc.sequential_pinned.throughput", suite: busPinned.throughput, raw: raw.sequential.throughput)
        reportRatio("rpc.concurrent.throughput", suite: busConcurrent.throughput, raw: raw.concurrent.throughput)
        reportRatio("publish.confirmed.throughput", suite: busPublishes.throughput, raw: raw.publishes.throughput)
    }

    let names = BusNames(namespace: configuration.namespace)
    var queues = [names.commandQueue(of: .work), names.eventQueue(of: .messaging)]
    for queue in queues {
        queues += [names.deadLetterQueue(of: queue)] + (1..<configuration.maxAttempts).map { names.retryQueue(of: queue, attempt: $0) }
    }
    try RawBaseline.cleanUp(url: url, queues: queues, exchanges: [names.eventExchange] + (busOnly ? [] : ["bench-\(runId).raw.events"]))
} catch {
    FileHandle.standardError.write(Data("bench failed: \(error)\n".utf8))
    exit(1)
}
