import SeedBus
import SeedContracts
import Testing

@Suite("Instance queues: a fan-out per process")
struct InstanceQueueTests {
    @Test("each process receives exactly the routing keys it bound, and nothing after unbinding")
    func eachProcessReceivesOnlyItsBoundKeys() async throws {
        let configuration = try TestBroker.configuration()
        let first = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("first"))
        let second = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("second"))
        let firstGot = Recorder<String>()
        let secondGot = Recorder<String>()
        first.consumeInstanceQueue("edge.first", exchange: "edge") { delivery in
            Task { await firstGot.record(delivery.routingKey + ":" + String(decoding: delivery.body, as: UTF8.self)) }
        }
        second.consumeInstanceQueue("edge.second", exchange: "edge") { delivery in
            Task { await secondGot.record(delivery.routingKey + ":" + String(decoding: delivery.body, as: UTF8.self)) }
        }
        try await first.connect()
        try await second.connect()
        try await first.bindInstanceQueue(routingKey: "u.1")
        try await second.bindInstanceQueue(routingKey: "u.2")
        try await second.bindInstanceQueue(routingKey: "u.1")
        #expect(first.instanceQueueBindings == ["u.1"])

        try await first.publishTransient(Array("a".utf8), exchange: "edge", routingKey: "u.1")
        try await first.publishTransient(Array("b".utf8), exchange: "edge", routingKey: "u.2")
        try await first.publishTransient(Array("c".utf8), exchange: "edge", routingKey: "u.3")
        #expect(try await firstGot.waitFor(1) == ["u.1:a"])
        #expect(Set(try await secondGot.waitFor(2)) == ["u.1:a", "u.2:b"])

        try await second.unbindInstanceQueue(routingKey: "u.1")
        try await second.publishTransient(Array("d".utf8), exchange: "edge", routingKey: "u.1")
        #expect(try await firstGot.waitFor(2) == ["u.1:a", "u.1:d"])
        try await Task.sleep(for: .milliseconds(200))
        #expect(Set(try await secondGot.waitFor(2)) == ["u.1:a", "u.2:b"])
        await first.shutdown()
        await second.shutdown()
    }

    @Test("binding without a registered instance queue is a configuration error")
    func bindingWithoutQueueFails() async throws {
        let bus = Bus(service: .gateway, configuration: try TestBroker.configuration(), logger: TestBroker.logger("plain"))
        try await bus.connect()
        await #expect(throws: BusError.self) { try await bus.bindInstanceQueue(routingKey: "u.1") }
        await bus.shutdown()
    }
}
