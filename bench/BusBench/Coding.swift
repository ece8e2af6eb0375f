import BenchSupport
import SeedContracts

/// The wire coder alone, without the broker: what one request body costs to encode and to decode
/// (`--coding`). Single-threaded CPU time per operation, steadier than the round-trip figures.
enum Coding {
    static func run(count: Int) throws {
        let message = WireMessage(envelope: MessageEnvelope(type: BenchEchoV1.messageType), payload: BenchEchoV1(sequence: 12345))
        var body: [UInt8] = []
        var cpuStart = processCPUSeconds()
        for _ in 0..<count { body = try WireCoding.encode(message) }
        print("wire.encode.cpu_per_op \(format((processCPUSeconds() - cpuStart) / Double(count) * 1e6)) us")
        var sequence = 0
        cpuStart = processCPUSeconds()
        for _ in 0..<count { sequence &+= try WireCoding.decode(BenchEchoV1.self, from: body).payload?.sequence ?? 0 }
        print("wire.decode.cpu_per_op \(format((processCPUSeconds() - cpuStart) / Double(count) * 1e6)) us")
        precondition(sequence == 12345 &* count, "decoded a different payload")
        cpuStart = processCPUSeconds()
        for _ in 0..<count { _ = MessageEnvelope(type: BenchEchoV1.messageType).caused(type: BenchEchoedV1.messageType) }
        print("wire.envelope_and_caused.cpu_per_op \(format((processCPUSeconds() - cpuStart) / Double(count) * 1e6)) us")
    }
}
