import SeedBus
import SeedContracts
import Testing

/// The bus writes publishes and acknowledgements itself, several to a `send` (`FrameWriter`): these
/// check that what it writes is what the broker reads.
@Suite("Frames the bus writes itself")
struct FramingTests {
    @Test("a request and a reply larger than the broker's frame size arrive whole")
    func bodiesLargerThanAFrameArriveWhole() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        owner.handle(EchoV1.self) { command, context in EchoedV1(text: command.text + "!", attempt: context.attempt) }
        let caller = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("caller"))
        // 131,072 bytes is the frame size the bus asks for: this body needs four body frames.
        let text = String((0..<400_000).map { index in Character(Unicode.Scalar(UInt8(97 + index % 26))) })
        try await whileRunning(owner) {
            try await caller.connect()
            let reply = try await caller.request(EchoV1(text: text), timeout: .seconds(30))
            #expect(reply.text.count == text.count + 1)
            #expect(reply.text == text + "!")
        }
        await caller.shutdown()
    }

    @Test("many concurrent requests, their replies and batched acknowledgements all arrive, and nothing stays unacknowledged")
    func concurrentRequestsAreAllAnsweredAndAcknowledged() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        owner.handle(EchoV1.self) { command, context in EchoedV1(text: command.text, attempt: context.attempt) }
        let caller = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("caller"))
        try await whileRunning(owner) {
            try await caller.connect()
            let texts = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<500 {
                    group.addTask { try await caller.request(EchoV1(text: "request \(index)")).text }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(texts == Set((0..<500).map { "request \($0)" }))
        }
        // Had an acknowledgement been lost, the broker would have put its message back on the queue
        // when the owner's connection closed.
        #expect(try await caller.messageCount(of: caller.names.commandQueue(of: .work)) == 0)
        await caller.shutdown()
    }

    @Test("an event whose routing key AMQP cannot carry fails with malformed, and the bus goes on working")
    func unencodableMessageFailsAlone() async throws {
        let bus = Bus(service: .work, configuration: try TestBroker.configuration(), logger: TestBroker.logger("publisher"))
        try await bus.connect()
        // The routing key is the event's wire name: 300 bytes, past AMQP's 255-byte short strings.
        await #expect {
            try await bus.publish(OverlongEventV1())
        } throws: { error in
            guard case BusError.malformed = error else { return false }
            return true
        }
        try await bus.publish(ThingHappenedV1(number: 2))
        #expect(bus.isConnected)
        #expect(try await bus.messageCount(of: bus.names.unroutedEventQueue) == 1)
        await bus.shutdown()
    }
}

/// An event whose wire name is longer than an AMQP routing key may be.
private struct OverlongEventV1: Event {
    static let messageType = MessageType(String(repeating: "x", count: 300), version: 1)
    static let source = ServiceName.work
    static let summary = "Test event with an overlong name."
    static let example = OverlongEventV1()
}
