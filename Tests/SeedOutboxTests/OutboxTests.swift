import Foundation
import Logging
import SeedBus
import SeedContracts
import SeedOutbox
import SeedStore
import SeedStoreEmbedded
import Synchronization
import Testing

/// The event `seed-store outbox-probe` stages (same wire name and payload).
struct CounterIncrementedV1: Event, Equatable {
    static let messageType = MessageType("probe.counter-incremented", version: 1)
    static let source = ServiceName.work
    static let summary = "Test event."
    static let example = CounterIncrementedV1(n: 1)
    var n: Int
}

/// Collects what a subscriber received.
final class Received: Sendable {
    private let values = Mutex<[Int]>([])
    func append(_ value: Int) { values.withLock { $0.append(value) } }
    var all: [Int] { values.withLock { $0 } }

    /// Waits until `count` values arrived (at most 20 s) and returns them.
    func waitFor(_ count: Int) async throws -> [Int] {
        for _ in 0..<400 where all.count < count { try await Task.sleep(for: .milliseconds(50)) }
        return all
    }
}

enum Fixtures {
    static func store() throws -> EmbeddedStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try EmbeddedStore(path: directory.appendingPathComponent("store.sqlite").path)
    }

    /// The test broker, in a namespace of its own.
    static func busConfiguration() throws -> BusConfiguration {
        let url = try #require(ProcessInfo.processInfo.environment["SEED_TEST_AMQP_URL"], "SEED_TEST_AMQP_URL is not set: run scripts/test")
        var configuration = try BusConfiguration(url: url)
        configuration.namespace = "outbox-\(UUID().uuidString.prefix(8).lowercased())."
        return configuration
    }

    /// A running subscriber to `CounterIncrementedV1` and a connected publisher, torn down after `body`.
    static func withBuses<T>(_ body: (_ publisher: Bus, _ received: Received) async throws -> T) async throws -> T {
        let configuration = try busConfiguration()
        let received = Received()
        let subscriber = Bus(service: .messaging, configuration: configuration, logger: Logger(label: "test.subscriber"))
        subscriber.subscribe(CounterIncrementedV1.self) { event, _ in received.append(event.n) }
        let running = Task { try await subscriber.run() }
        for _ in 0..<200 where !subscriber.isConnected { try await Task.sleep(for: .milliseconds(50)) }
        let publisher = Bus(service: .work, configuration: configuration, logger: Logger(label: "test.publisher"))
        try await publisher.connect()
        do {
            let result = try await body(publisher, received)
            await publisher.shutdown()
            await subscriber.shutdown()
            _ = try? await running.value
            return result
        } catch {
            await publisher.shutdown()
            await subscriber.shutdown()
            throw error
        }
    }
}

@Suite("Transactional outbox")
struct OutboxTests {
    @Test("a committed change's event is relayed in order and marked sent")
    func committedEventsAreRelayed() async throws {
        let store = try Fixtures.store()
        try await Outbox.prepare(store)
        try await Fixtures.withBuses { publisher, received in
            for n in 1...3 {
                try await store.withTransaction { operations in
                    try await operations.insert([["_id": .int32(Int32(n))]], into: "counters")
                    try await Outbox.stage(try Bus.prepare(CounterIncrementedV1(n: n)), in: operations)
                }
            }
            let relay = OutboxRelay(store: store, bus: publisher, logger: Logger(label: "test.relay"))
            #expect(try await relay.relayPending() == 3)
            #expect(try await received.waitFor(3) == [1, 2, 3])
            #expect(try await relay.relayPending() == 0, "a relayed message is not relayed again")
            let records = try await DocumentCollection(OutboxRecord.self, in: store).find()
            #expect(records.allSatisfy { !$0.pending && $0.publishedAt != nil })
        }
    }

    @Test("a running relay publishes what is committed after it started, without a busy loop")
    func runningRelayPublishesNewEvents() async throws {
        let store = try Fixtures.store()
        try await Outbox.prepare(store)
        try await Fixtures.withBuses { publisher, received in
            let relay = OutboxRelay(store: store, bus: publisher, logger: Logger(label: "test.relay"), pollInterval: .seconds(30))
            let running = Task { try await relay.run() }
            for n in 1...2 {
                try await store.withTransaction { operations in
                    try await Outbox.stage(try Bus.prepare(CounterIncrementedV1(n: n)), in: operations)
                }
                relay.notify()
                #expect(try await received.waitFor(n) == Array(1...n), "notify() triggers a pass long before the 30 s poll")
            }
            running.cancel()
            try await running.value
        }
    }

    @Test("a transaction that fails leaves no event to publish")
    func failedTransactionPublishesNothing() async throws {
        struct Refused: Error {}
        let store = try Fixtures.store()
        try await Outbox.prepare(store)
        try await Fixtures.withBuses { publisher, received in
            await #expect(throws: Refused.self) {
                try await store.withTransaction { operations in
                    try await operations.insert([["_id": .int32(1)]], into: "counters")
                    try await Outbox.stage(try Bus.prepare(CounterIncrementedV1(n: 1)), in: operations)
                    throw Refused()
                }
            }
            let relay = OutboxRelay(store: store, bus: publisher, logger: Logger(label: "test.relay"))
            let relayed = try await relay.relayPending()
            let staged = try await store.count(in: "outbox", where: .all)
            #expect(relayed == 0)
            #expect(staged == 0)
            #expect(received.all.isEmpty)
        }
    }

    @Test("a process killed between commit and publish loses no event and leaves nothing half-done")
    func killBetweenCommitAndPublish() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seed-outbox-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        let printed = folder.appendingPathComponent("committed.txt")
        _ = FileManager.default.createFile(atPath: printed.path, contents: nil)

        // The probe commits changes with their events and never relays; kill -9 it mid-stream.
        let probe = Process()
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let tool = [binaries, binaries.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("seed-store") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        probe.executableURL = try #require(tool, "seed-store is not built: run scripts/test")
        probe.arguments = ["outbox-probe", "--store", path]
        probe.standardOutput = try FileHandle(forWritingTo: printed)
        try probe.run()
        for _ in 0..<400 {
            if (try? String(contentsOf: printed, encoding: .utf8))?.split(separator: "\n").count ?? 0 >= 50 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(probe.processIdentifier, SIGKILL)
        probe.waitUntilExit()
        #expect(probe.terminationReason == .uncaughtSignal)
        let committed = try String(contentsOf: printed, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(committed.count >= 50)

        let store = try EmbeddedStore(path: path)
        let changes = try await store.count(in: "counters", where: .all)
        #expect(try await store.count(in: "outbox", where: .all) == changes, "every committed change has its event, and no event lacks its change")
        #expect(changes >= committed.count)
        try await Fixtures.withBuses { publisher, received in
            let relay = OutboxRelay(store: store, bus: publisher, logger: Logger(label: "test.relay"))
            #expect(try await relay.relayPending() == changes)
            let delivered = try await received.waitFor(changes)
            #expect(delivered == Array(0..<changes), "every committed change's event arrives, in commit order")
        }
    }
}

@Suite("Idempotent inbox")
struct InboxTests {
    @Test("a redelivered message changes nothing the second time and gets the first result")
    func redeliveryChangesNothing() async throws {
        let store = try Fixtures.store()
        try await Inbox.prepare(store)
        let inbox = Inbox(store: store, consumer: "counters.increment")
        let runs = Mutex(0)
        let handle: @Sendable (any DocumentOperations) async throws -> Int = { operations in
            let run = runs.withLock { $0 += 1; return $0 }
            try await operations.insert([["_id": .int32(Int32(run))]], into: "effects")
            return run * 10
        }
        #expect(try await inbox.once("message-1", handle) == 10)
        #expect(try await inbox.once("message-1", handle) == 10)
        #expect(try await store.count(in: "effects", where: .all) == 1)
        #expect(try await inbox.once("message-2", handle) == 20)
        #expect(runs.withLock { $0 } == 2)
    }

    @Test("two concurrent deliveries of one message have one effect")
    func concurrentDeliveriesHaveOneEffect() async throws {
        let store = try Fixtures.store()
        try await Inbox.prepare(store)
        let inbox = Inbox(store: store, consumer: "counters.increment")
        let handle: @Sendable (any DocumentOperations) async throws -> String = { operations in
            try await operations.insert([["_id": .objectId(ObjectId())]], into: "effects")
            return "done"
        }
        async let first = inbox.once("message-1", handle)
        async let second = inbox.once("message-1", handle)
        #expect(try await [first, second] == ["done", "done"])
        #expect(try await store.count(in: "effects", where: .all) == 1)
    }

    @Test("without replay: a message handled before gives nil and does not run the handler; a failed one records nothing")
    func withoutReplay() async throws {
        struct Down: Error {}
        let store = try Fixtures.store()
        try await Inbox.prepare(store)
        let inbox = Inbox(store: store, consumer: "sessions.rotate")
        let runs = Mutex(0)
        let handle: @Sendable (any DocumentOperations) async throws -> String = { operations in
            let run = runs.withLock { $0 += 1; return $0 }
            try await operations.insert([["_id": .int32(Int32(run))]], into: "effects")
            return "secret-\(run)"
        }
        #expect(try await inbox.onceWithoutReplay("message-1", handle) == "secret-1")
        #expect(try await inbox.onceWithoutReplay("message-1", handle) == nil)
        #expect(runs.withLock { $0 } == 1, "the redelivery did not run the handler")
        await #expect(throws: Down.self) {
            try await inbox.onceWithoutReplay("message-2") { operations -> String in
                try await operations.insert([["_id": .int32(99)]], into: "effects")
                throw Down()
            }
        }
        #expect(try await inbox.onceWithoutReplay("message-2", handle) == "secret-2")
        #expect(try await store.find(in: "effects", where: .all, options: FindOptions()).map { $0["_id"] } == [.int32(1), .int32(2)])
    }

    @Test("a handler that fails records nothing, so the redelivery runs it again")
    func failedHandlerIsRetried() async throws {
        struct Down: Error {}
        let store = try Fixtures.store()
        try await Inbox.prepare(store)
        let inbox = Inbox(store: store, consumer: "counters.increment")
        await #expect(throws: Down.self) {
            try await inbox.once("message-1") { operations -> Int in
                try await operations.insert([["_id": .int32(1)]], into: "effects")
                throw Down()
            }
        }
        #expect(try await store.count(in: "effects", where: .all) == 0)
        #expect(try await inbox.once("message-1") { _ in 7 } == 7)
    }
}
