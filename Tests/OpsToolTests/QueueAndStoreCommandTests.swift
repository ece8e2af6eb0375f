import Foundation
import SeedBus
import SeedContracts
import SeedOpsKit
import SeedOutbox
import SeedStore
import SeedStoreEmbedded
import Testing

@Suite("seed-ops queues, outbox and migrations")
struct QueueAndStoreCommandTests {
    @Test("queues reports each queue's depth and consumers from the real broker, and absent queues as absent")
    func queueDepthsAndConsumers() async throws {
        let broker = try OpsBroker()
        let work = try broker.bus(.work)
        work.handle(AlphaV1.self) { _, _ in throw ContractError.validation("refused", field: "text") }
        let sender = try broker.bus(.gateway)
        try await whileRunning(work) {
            try await sender.connect()
            try await sender.send(AlphaV1(text: "x"))
            try await eventually("dead-lettered") {
                try await work.deadLetters(of: work.names.commandQueue(of: .work)).count() == 1
            }
            let rows = try await withOpsBus(broker.options) { bus in
                try await queueReport(bus: bus, services: [.work, .nutrition], includeRetries: true)
            }
            let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0) })
            let commands = try #require(byName[broker.namespace + "seed.work.commands"])
            #expect(commands.exists && commands.consumers == 1 && commands.messages == 0)
            #expect(byName[broker.namespace + "seed.work.commands.dlq"]?.messages == 1)
            #expect(byName[broker.namespace + "seed.work.commands.retry.1"]?.exists == true)
            #expect(byName[broker.namespace + "seed.nutrition.commands"]?.exists == false)
            #expect(byName[broker.namespace + "seed.events.unrouted"]?.exists == true)
        }
        await sender.shutdown()
        // With the consumer gone, the CLI still answers (and exits 0).
        #expect(await runSeedOps(["queues", "--service", "work", "--json"] + broker.arguments) == 0)
    }

    @Test("an unreachable broker ends the command with status 1")
    func unreachableBroker() async {
        #expect(await runSeedOps(["queues", "--amqp-url", "amqp://guest:guest@127.0.0.1:1/", "--timeout", "1"]) == 1)
    }

    @Test("outbox counts each service's pending messages and the oldest one's age; a missing store is named")
    func outboxBacklog() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seed-ops-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try EmbeddedStore(path: root + "/work/store.sqlite")
        try await Outbox.prepare(store)
        let outbox = DocumentCollection(OutboxRecord.self, in: store)
        let old = Date().addingTimeInterval(-600)
        try await outbox.insert(OutboxRecord(try Bus.prepare(AlphaV1(text: "1")), createdAt: old))
        try await outbox.insert(OutboxRecord(try Bus.prepare(AlphaV1(text: "2"))))
        var relayed = OutboxRecord(try Bus.prepare(AlphaV1(text: "3")))
        relayed.pending = false
        relayed.publishedAt = Date()
        try await outbox.insert(relayed)
        try await StoreMigrator([StoreMigration(version: 1, name: "first") { _ in }]).migrate(store)
        store.close()

        let stores = try StoreOptions.parse(["--data-root", root])
        let rows = await outboxBacklogs([.work, .identity], stores: stores)
        #expect(rows[0].pending == 2 && rows[0].relayed == 1 && rows[0].error == nil)
        #expect((rows[0].oldestPendingAgeSeconds ?? 0) >= 600)
        #expect(rows[1].error == "no store at \(root)/identity/store.sqlite")

        let migrations = await migrationStatuses([.work], stores: stores)
        #expect(migrations[0].applied.map(\.name) == ["first"])
        #expect(migrations[0].locked == false)

        #expect(await runSeedOps(["outbox", "--data-root", root, "--service", "work"]) == 0)
        #expect(await runSeedOps(["outbox", "--data-root", root + "/nowhere"]) == 1)
    }
}
