@testable import SeedBus
import SeedContracts
import Testing

@Suite("Redelivery and graceful shutdown")
struct RedeliveryShutdownTests {
    @Test("a message whose consumer dies before acknowledging is redelivered to another consumer")
    func unackedMessageIsRedelivered() async throws {
        let configuration = try TestBroker.configuration()
        let started = Recorder<String>()
        let gate = Gate()
        let doomed = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("doomed"))
        doomed.handle(EchoV1.self) { command, _ in
            await started.record(command.text)
            await gate.wait()
            return EchoedV1(text: command.text, attempt: 1)
        }
        let doomedRun = Task { try await doomed.run() }
        try await eventually("the first consumer is connected") { doomed.isConnected }

        let sender = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("sender"))
        try await sender.connect()
        try await sender.send(EchoV1(text: "survivor"))
        _ = try await started.waitFor(1)

        let rescued = Recorder<(String, Bool)>()
        let rescuer = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("rescuer"))
        rescuer.handle(EchoV1.self) { command, context in
            await rescued.record((command.text, context.redelivered))
            return EchoedV1(text: command.text, attempt: context.attempt)
        }
        try await whileRunning(rescuer) {
            await doomed.abandonConnection()
            let values = try await rescued.waitFor(1)
            #expect(values[0].0 == "survivor")
            #expect(values[0].1 == true)
            // The dead consumer's handler finishing later must not ack anything on the new connection.
            await gate.open()
            try await doomedRun.value
            try await eventually("the redelivered message is acknowledged") {
                try await rescuer.messageCount(of: rescuer.names.commandQueue(of: .work)) == 0
            }
        }
        await sender.shutdown()
    }

    @Test("graceful shutdown stops consuming, lets in-flight handlers finish and acknowledges them")
    func shutdownFinishesInFlightHandlers() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let started = Recorder<String>()
        let finished = Recorder<String>()
        let gate = Gate()
        owner.handle(EchoV1.self) { command, _ in
            await started.record(command.text)
            await gate.wait()
            await finished.record(command.text)
            return EchoedV1(text: command.text, attempt: 1)
        }
        let run = Task { try await owner.run() }
        try await eventually("the owner is connected") { owner.isConnected }
        let sender = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("sender"))
        try await sender.connect()
        for index in 0..<3 { try await sender.send(EchoV1(text: "job \(index)")) }
        _ = try await started.waitFor(3)

        let shutdown = Task { await owner.shutdown() }
        try await Task.sleep(for: .milliseconds(100))
        #expect(await finished.values.isEmpty)
        await gate.open()
        await shutdown.value
        try await run.value
        #expect(await finished.values.count == 3)
        #expect(!owner.isConnected)
        // Nothing went back to the queue: every in-flight message was acknowledged before closing.
        #expect(try await sender.messageCount(of: owner.names.commandQueue(of: .work)) == 0)
        await sender.shutdown()
    }
}
