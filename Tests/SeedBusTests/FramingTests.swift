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
}
