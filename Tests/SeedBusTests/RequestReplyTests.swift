import SeedBus
import SeedContracts
import Testing

@Suite("Request and reply")
struct RequestReplyTests {
    @Test("a request gets its handler's reply, with the handler's envelope caused by the request")
    func requestGetsReply() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        owner.handle(EchoV1.self) { command, context in EchoedV1(text: command.text.uppercased(), attempt: context.attempt) }
        let caller = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("caller"))
        try await whileRunning(owner) {
            try await caller.connect()
            let reply = try await caller.request(EchoV1(text: "hello"))
            #expect(reply == EchoedV1(text: "HELLO", attempt: 1))
            async let first = caller.request(EchoV1(text: "a"))
            async let second = caller.request(EchoV1(text: "b"))
            let replies = try await [first, second]
            #expect(replies.map(\.text) == ["A", "B"])
        }
        await caller.shutdown()
    }

    @Test("a request for the payload's JSON gets the bytes the handler's service encoded, and typed errors as request does")
    func requestPayloadJSON() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        owner.handle(EchoV1.self) { command, context in
            guard command.text != "refuse" else { throw ContractError.validation("refused", field: "text") }
            return EchoedV1(text: command.text.uppercased(), attempt: context.attempt)
        }
        let caller = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("caller"))
        try await whileRunning(owner) {
            try await caller.connect()
            let json = try await caller.requestPayloadJSON(EchoV1(text: "a/b"))
            #expect(Array(json) == (try WireCoding.encode(value: EchoedV1(text: "A/B", attempt: 1))))
            await #expect(throws: BusError.rejected(ContractError.validation("refused", field: "text"))) {
                _ = try await caller.requestPayloadJSON(EchoV1(text: "refuse"))
            }
        }
        await caller.shutdown()
    }

    @Test("ping goes to the service named in to: and needs it")
    func pingNeedsDestination() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .documents, configuration: configuration, logger: TestBroker.logger("owner"))
        owner.handle(PingV1.self) { ping, _ in PongV1(service: .documents, instance: "test", note: ping.note) }
        let caller = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("caller"))
        try await whileRunning(owner) {
            try await caller.connect()
            let pong = try await caller.request(PingV1(note: "hi"), to: .documents)
            #expect(pong.service == .documents)
            #expect(pong.note == "hi")
            await #expect(throws: BusError.missingDestination(PingV1.messageType)) {
                _ = try await caller.request(PingV1(note: "where"))
            }
        }
        await caller.shutdown()
    }

    @Test("a request without a reply before its deadline fails with a typed timeout")
    func requestTimesOut() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let gate = Gate()
        owner.handle(EchoV1.self) { command, _ in
            await gate.wait()
            return EchoedV1(text: command.text, attempt: 1)
        }
        let caller = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("caller"))
        try await whileRunning(owner) {
            try await caller.connect()
            let started = ContinuousClock.now
            await #expect {
                _ = try await caller.request(EchoV1(text: "slow"), timeout: .milliseconds(300))
            } throws: { error in
                guard case .timeout = error as? BusError else { return false }
                return (error as? BusError)?.contractError.code == .timeout
            }
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            await gate.open()
        }
        await caller.shutdown()
    }

    @Test("a handler's ContractError comes back to the requester typed, without retry or dead letter")
    func rejectionComesBackTyped() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let calls = Recorder<Int>()
        owner.handle(EchoV1.self) { _, context in
            await calls.record(context.attempt)
            throw ContractError(.notFound, "no such echo", details: ["id": "e-1"])
        }
        let caller = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("caller"))
        try await whileRunning(owner) {
            try await caller.connect()
            await #expect(throws: BusError.rejected(ContractError(.notFound, "no such echo", details: ["id": "e-1"]))) {
                _ = try await caller.request(EchoV1(text: "missing"))
            }
            #expect(await calls.values == [1])
            #expect(try await owner.deadLetters(of: owner.names.commandQueue(of: .work)).count() == 0)
        }
        await caller.shutdown()
    }
}
