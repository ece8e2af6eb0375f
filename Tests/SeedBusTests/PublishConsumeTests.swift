import SeedBus
import SeedContracts
import Testing

@Suite("Publishing and consuming")
struct PublishConsumeTests {
    @Test("an event published by one service reaches a subscribing service with its envelope")
    func eventReachesSubscriber() async throws {
        let configuration = try TestBroker.configuration()
        let subscriber = Bus(service: .messaging, configuration: configuration, logger: TestBroker.logger("subscriber"))
        let received = Recorder<(ThingHappenedV1, MessageContext)>()
        subscriber.subscribe(ThingHappenedV1.self) { event, context in await received.record((event, context)) }
        let publisher = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("publisher"))
        try await whileRunning(subscriber) {
            try await publisher.connect()
            let envelope = MessageEnvelope(type: ThingHappenedV1.messageType, tenant: "tenant-1", actor: "user-7")
            try await publisher.publish(ThingHappenedV1(number: 42), envelope: envelope)
            let values = try await received.waitFor(1)
            #expect(values[0].0 == ThingHappenedV1(number: 42))
            #expect(values[0].1.envelope.messageId == envelope.messageId)
            #expect(values[0].1.envelope.tenant == "tenant-1")
            #expect(values[0].1.attempt == 1)
            #expect(values[0].1.redelivered == false)
        }
        await publisher.shutdown()
    }

    @Test("a fire-and-forget command is confirmed and handled by the owner")
    func commandIsConfirmedAndHandled() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let handled = Recorder<String>()
        owner.handle(EchoV1.self) { command, context in
            await handled.record(command.text)
            return EchoedV1(text: command.text, attempt: context.attempt)
        }
        let sender = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("sender"))
        try await whileRunning(owner) {
            try await sender.connect()
            for index in 0..<20 {
                try await sender.send(EchoV1(text: "command \(index)"))
            }
            let values = try await handled.waitFor(20)
            #expect(Set(values) == Set((0..<20).map { "command \($0)" }))
        }
        await sender.shutdown()
    }

    @Test("an event nobody subscribes to is confirmed and parked in the unrouted-events queue instead of vanishing")
    func unroutedEventIsParked() async throws {
        let bus = Bus(service: .work, configuration: try TestBroker.configuration(), logger: TestBroker.logger("lonely"))
        try await bus.connect()
        try await bus.publish(ThingHappenedV1(number: 1))
        #expect(try await bus.messageCount(of: bus.names.unroutedEventQueue) == 1)
        await bus.shutdown()
    }

    @Test("a command to a service whose queue does not exist fails as unroutable")
    func unroutableCommandFails() async throws {
        let bus = Bus(service: .gateway, configuration: try TestBroker.configuration(), logger: TestBroker.logger("sender"))
        try await bus.connect()
        await #expect(throws: BusError.unroutable(exchange: "", routingKey: bus.names.commandQueue(of: .work))) {
            try await bus.send(EchoV1(text: "nobody"))
        }
        await bus.shutdown()
    }

    @Test("sending before connect() and after shutdown() fails with a typed error")
    func lifecycleErrors() async throws {
        let bus = Bus(service: .gateway, configuration: try TestBroker.configuration(), logger: TestBroker.logger("sender"))
        await #expect(throws: BusError.self) { try await bus.send(EchoV1(text: "early")) }
        try await bus.connect()
        #expect(bus.isConnected)
        await bus.shutdown()
        await #expect(throws: BusError.shutDown) { try await bus.send(EchoV1(text: "late")) }
    }
}
