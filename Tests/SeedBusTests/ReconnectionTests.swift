import Foundation
import SeedBus
import SeedContracts
import Testing

@Suite("Reconnection", .serialized)
struct ReconnectionTests {
    @Test("the bus recovers after the broker restarts, and events published while it was down are delivered")
    func recoversAfterBrokerRestart() async throws {
        let node = try TestBroker.environment("SEED_TEST_CHAOS_NODE")
        let configuration = try TestBroker.configuration("SEED_TEST_CHAOS_AMQP_URL")
        let subscriber = Bus(service: .messaging, configuration: configuration, logger: TestBroker.logger("subscriber"))
        let received = Recorder<Int>()
        subscriber.subscribe(ThingHappenedV1.self) { event, _ in await received.record(event.number) }
        let publisher = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("publisher"))
        try await whileRunning(subscriber) {
            try await publisher.connect()
            try await publisher.publish(ThingHappenedV1(number: 1))
            #expect(try await received.waitFor(1) == [1])

            try rabbitmqctl("-n", node, "stop_app")
            try await eventually("both buses notice the broker is gone") { !publisher.isConnected && !subscriber.isConnected }
            let whileDown = Task { try await publisher.publish(ThingHappenedV1(number: 2)) }
            try await Task.sleep(for: .milliseconds(300))
            try rabbitmqctl("-n", node, "start_app")

            try await whileDown.value
            try await eventually("both buses reconnect", within: .seconds(30)) { publisher.isConnected && subscriber.isConnected }
            try await publisher.publish(ThingHappenedV1(number: 3))
            let values = try await received.waitFor(3, within: .seconds(30))
            #expect(Set(values) == [1, 2, 3])
        }
        await publisher.shutdown()
    }

    private func rabbitmqctl(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["rabbitmqctl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSetupError(description: "rabbitmqctl \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
    }
}
