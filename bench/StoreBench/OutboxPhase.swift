import Foundation
import Logging
import SeedBus
import SeedContracts
import SeedOutbox
import SeedStore

/// The event the outbox benchmark stages.
struct BenchStateChangedV1: Event {
    static let messageType = MessageType("bench.state-changed", version: 1)
    static let source = ServiceName.work
    static let summary = "Benchmark state change."
    static let example = BenchStateChangedV1(sequence: 1)
    var sequence: Int
}

/// Outbox commit + publish, one at a time: a transaction inserts a state document and stages its
/// event, then an ``OutboxRelay`` pass finds it, publishes it with a broker confirm and marks it sent.
/// One operation's latency is from the transaction's start to the marked, confirmed publish.
struct OutboxPhase {
    let target: String
    let store: any DocumentStore
    let configuration: BusConfiguration
    let count: Int
    /// Also measure the same publishes without the store (`bus.publish_sequential`), for comparison.
    var baseline = false

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        // A subscriber that only connects declares and binds its event queue, so the mandatory
        // publishes are routed (and pile up there; the benchmark broker is thrown away afterwards).
        let subscriber = Bus(service: .messaging, configuration: configuration, logger: logger)
        subscriber.subscribe(BenchStateChangedV1.self) { _, _ in }
        try await subscriber.connect()
        await subscriber.shutdown()
        let publisher = Bus(service: .work, configuration: configuration, logger: logger)
        try await publisher.connect()
        let store = store
        try await Outbox.prepare(store)
        try await store.prepare(CollectionSpec("state"))
        let relay = OutboxRelay(store: store, bus: publisher, logger: logger)
        do {
            if baseline {
                try await measure("bus.publish_sequential", count: count, concurrency: 1) { index in
                    try await publisher.publish(BenchStateChangedV1(sequence: -index))
                }
            }
            try await measure("store.\(target).outbox_commit_publish", count: count, concurrency: 1) { index in
                try await store.withTransaction { operations in
                    try await operations.insert([["_id": .int64(Int64(index)), "state": .string("changed")]], into: "state")
                    try await Outbox.stage(try Bus.prepare(BenchStateChangedV1(sequence: index)), in: operations)
                }
                let relayed = try await relay.relayPending()
                precondition(relayed == 1, "the relay published \(relayed) messages")
            }
        } catch {
            await publisher.shutdown()
            throw error
        }
        await publisher.shutdown()
    }
}
