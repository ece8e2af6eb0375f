import BenchSupport
import SeedContracts

/// The request both sides of the benchmark answer.
struct BenchEchoV1: Command {
    typealias Reply = BenchEchoedV1
    static let messageType = MessageType("bench.echo", version: 1)
    static let destination = CommandDestination.service(.work)
    static let summary = "Benchmark request."
    static let example = BenchEchoV1(sequence: 1)
    var sequence: Int
}

/// The reply to ``BenchEchoV1``.
struct BenchEchoedV1: Message {
    static let messageType = MessageType("bench.echoed", version: 1)
    static let summary = "Benchmark reply."
    static let example = BenchEchoedV1(sequence: 1)
    var sequence: Int
}

/// The event the publish benchmark sends.
struct BenchTickV1: Event {
    static let messageType = MessageType("bench.tick", version: 1)
    static let source = ServiceName.work
    static let summary = "Benchmark event."
    static let example = BenchTickV1(sequence: 1)
    var sequence: Int
}
