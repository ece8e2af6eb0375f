import ArgumentParser
import BenchSupport
import Foundation
import Logging
import SeedBus
import SeedContracts

/// The benchmarks' phase figures, not Foundation's `Measurement` of units (both are imported).
typealias Measurement = BenchSupport.Measurement

/// The ingest ceiling: `messaging.send-message.v1` requests published straight to messaging's command
/// queue (no gateway) with `window` in flight, each stored (message, idempotency key, conversation,
/// member, outbox) and answered, next to the raw confirmed publishes of the same broker, in
/// alternating blocks so that both see the same machine; the ratio is the median of the blocks'.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send-message requests straight to messaging's queue, next to raw confirmed publishes.")

    @Option(help: "The broker messaging listens on.")
    var amqp: String

    @Option(help: "Tab-separated `conversation<TAB>user` lines (a header line first): who sends where.")
    var senders: String

    @Option(help: "Send-message requests per block.")
    var count: Int = 5_000

    @Option(help: "Raw confirmed publishes per block.")
    var rawCount: Int = 20_000

    @Option(help: "Blocks, raw and ingest in turn.")
    var blocks: Int = 3

    @Option(help: "Requests (and unconfirmed raw publishes) in flight.")
    var window: Int = 64

    @Option(help: "messaging's process id, for its CPU per message.")
    var messagingPid: Int32?

    func run() async throws {
        let lines = try String(contentsOfFile: senders, encoding: .utf8).split(separator: "\n").dropFirst()
        let pairs = lines.map { $0.split(separator: "\t").map(String.init) }.filter { $0.count >= 2 }.map { ($0[0], $0[1]) }
        guard !pairs.isEmpty else { throw ValidationError("no senders in \(senders)") }
        let runId = UUID().uuidString.prefix(8).lowercased()
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let client = Bus(service: .gateway, configuration: try BusConfiguration(url: amqp), logger: logger)
        try await client.connect()
        // Warm-up: connections, the service's caches and the store's pages.
        _ = try await send(client, pairs: pairs, range: 0..<min(count, 500), runId: "\(runId)w")

        var raw: [Measurement] = [], ingest: [Measurement] = []
        var messagingCPU = 0.0
        for block in 0..<blocks {
            raw.append(try RawBaseline.confirmedPublishes(
                url: amqp, exchange: "bench-\(runId).raw.events", queue: "bench-\(runId).raw.events.queue", count: rawCount, window: window))
            let before = messagingPid.flatMap { ProcessCPU.seconds(of: $0) }
            ingest.append(try await send(client, pairs: pairs, range: block * count..<(block + 1) * count, runId: runId))
            if let before, let after = messagingPid.flatMap({ ProcessCPU.seconds(of: $0) }) { messagingCPU += after - before }
        }
        await client.shutdown()
        try RawBaseline.cleanUp(url: amqp, queues: [], exchanges: ["bench-\(runId).raw.events"])

        let rawAll = Measurement(combining: raw), ingestAll = Measurement(combining: ingest)
        rawAll.report("raw.publish.confirmed")
        print("messaging.ingest.throughput \(Int(ingestAll.throughput.rounded())) msgs/s")
        print("messaging.ingest.p50 \(format(ingestAll.percentile(0.5).seconds * 1000)) ms")
        print("messaging.ingest.p99 \(format(ingestAll.percentile(0.99).seconds * 1000)) ms")
        let messages = Double(ingestAll.latencies.count)
        if messagingPid != nil { print("messaging.ingest.cpu_per_message.messaging \(Int((messagingCPU / messages * 1e6).rounded())) us") }
        if let broker = ingestAll.brokerCPU { print("messaging.ingest.cpu_per_message.rabbitmq \(Int((broker / messages * 1e6).rounded())) us") }
        print("messaging.ingest.cpu_per_message.client \(Int((ingestAll.cpu / messages * 1e6).rounded())) us")
        reportBlockRatio("messaging.ingest", suite: ingest, raw: raw)
    }

    /// Send-message requests for `range` from `window` concurrent tasks, each a member writing to its conversation.
    private func send(_ client: Bus, pairs: [(String, String)], range: Range<Int>, runId: String) async throws -> Measurement {
        let clock = ContinuousClock()
        let begin = clock.now
        let cpuStart = CPUClocks.now()
        let window = window
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<window {
                group.addTask {
                    var mine: [Duration] = []
                    for index in stride(from: range.lowerBound + worker, to: range.upperBound, by: window) {
                        let (conversation, user) = pairs[index % pairs.count]
                        let command = SendMessageV1(
                            conversationId: conversation, clientMessageId: "ingest-\(runId)-\(index)",
                            content: "ingest message \(index): the build is green, shall we ship the release on monday after the review?")
                        let start = clock.now
                        _ = try await client.request(command, envelope: MessageEnvelope(type: SendMessageV1.messageType, actor: user))
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
