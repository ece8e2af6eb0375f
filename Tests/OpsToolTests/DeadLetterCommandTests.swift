import Foundation
import SeedBus
import SeedContracts
import SeedOpsKit
import Synchronization
import Testing

@Suite("seed-ops dead letters, against the real broker")
struct DeadLetterCommandTests {
    /// Dead-letters 2 alpha and 1 beta command of work and 1 gamma command of messaging (each handler
    /// refuses with a validation error until `fixed` is set), then runs `body` with work still consuming.
    func withDeadLetters(
        _ body: (OpsBroker, Bus, [String], Switch) async throws -> Void
    ) async throws {
        let broker = try OpsBroker()
        let work = try broker.bus(.work)
        let messaging = try broker.bus(.messaging)
        let fixed = Switch()
        let handled = Recorded()
        work.handle(AlphaV1.self) { command, context in
            guard fixed.isOn else { throw ContractError.validation("alpha refused: \(command.text)", field: "text") }
            await handled.add(context.envelope.messageId)
            return Acknowledged()
        }
        work.handle(BetaV1.self) { _, _ in throw ContractError.validation("beta refused", field: "text") }
        messaging.handle(GammaV1.self) { _, _ in throw ContractError.validation("gamma refused", field: "text") }
        let sender = try broker.bus(.gateway)
        let messagingTask = Task { try await messaging.run() }
        try await whileRunning(work) {
            try await eventually("messaging consumes") { messaging.isConnected }
            try await sender.connect()
            var ids: [String] = []
            for (index, text) in ["one", "two"].enumerated() {
                let envelope = MessageEnvelope(messageId: "alpha-\(index)-\(UUID().uuidString)", type: AlphaV1.messageType)
                try await sender.send(AlphaV1(text: text), envelope: envelope)
                ids.append(envelope.messageId)
            }
            let beta = MessageEnvelope(type: BetaV1.messageType)
            try await sender.send(BetaV1(text: "three"), envelope: beta)
            ids.append(beta.messageId)
            let gamma = MessageEnvelope(type: GammaV1.messageType)
            try await sender.send(GammaV1(text: "four"), envelope: gamma)
            ids.append(gamma.messageId)
            let workDLQ = work.deadLetters(of: work.names.commandQueue(of: .work))
            let messagingDLQ = work.deadLetters(of: work.names.commandQueue(of: .messaging))
            try await eventually("every command is dead-lettered") {
                let work = try await workDLQ.count()
                let messaging = try await messagingDLQ.count()
                return work == 3 && messaging == 1
            }
            try await body(broker, work, ids, fixed)
            _ = await handled.ids
        }
        await messaging.shutdown()
        _ = try? await messagingTask.value
        await sender.shutdown()
    }

    @Test("list filters by service, type, reason and age, and leaves every letter in place")
    func listFilters() async throws {
        try await withDeadLetters { broker, bus, ids, _ in
            try await withOpsBus(broker.options) { opsBus in
                let operations = DeadLetterOperations(bus: opsBus)
                let everyone = DeadLetterFilter(services: [.work, .messaging, .identity])
                let all = try await operations.list(everyone)
                #expect(Set(all.map(\.id)) == Set(ids))

                var byService = DeadLetterFilter(services: [.messaging])
                #expect(try await operations.list(byService).map(\.id) == [ids[3]])
                byService.kinds = [.events]
                #expect(try await operations.list(byService).isEmpty)

                var byType = everyone
                byType.type = "test.ops-alpha"
                let alphas = try await operations.list(byType)
                #expect(alphas.map(\.id) == [ids[0], ids[1]])
                #expect(alphas.allSatisfy { $0.service == "work" && $0.attempts == 1 && $0.queue == bus.names.commandQueue(of: .work) })

                var byReason = everyone
                byReason.reason = "BETA"
                #expect(try await operations.list(byReason).map(\.id) == [ids[2]])

                var old = everyone
                old.olderThan = 3600
                #expect(try await operations.list(old).isEmpty)
                var recent = everyone
                recent.newerThan = 3600
                #expect(try await operations.list(recent).count == 4)

                #expect(try await operations.list(everyone, limit: 2).count == 2)
                #expect(try await bus.deadLetters(of: bus.names.commandQueue(of: .work)).count() == 3)
            }
        }
    }

    @Test("inspect shows one letter with its reason and body; an unknown id exits with status 2")
    func inspectOne() async throws {
        try await withDeadLetters { broker, bus, ids, _ in
            let record = try #require(try await withOpsBus(broker.options) { opsBus in
                try await DeadLetterOperations(bus: opsBus).inspect(id: ids[1], in: DeadLetterFilter(services: [.work, .messaging]))
            })
            #expect(record.type == "test.ops-alpha.v1")
            #expect(record.reason?.contains("alpha refused: two") == true)
            #expect(record.body?.contains("\"two\"") == true)
            #expect(record.occurredAt != nil)
            #expect(try await bus.deadLetters(of: bus.names.commandQueue(of: .work)).count() == 3)

            #expect(await runSeedOps(["dead-letters", "inspect", ids[1], "--json"] + broker.arguments) == 0)
            #expect(await runSeedOps(["dead-letters", "inspect", "no-such-id"] + broker.arguments) == 2)
        }
    }

    @Test("replay by id sends only that letter back to its queue, where the fixed handler takes it")
    func replayById() async throws {
        try await withDeadLetters { broker, bus, ids, fixed in
            fixed.turnOn()
            #expect(await runSeedOps(["dead-letters", "replay", ids[1]] + broker.arguments) == 0)
            let workDLQ = bus.deadLetters(of: bus.names.commandQueue(of: .work))
            try await eventually("the replayed command was handled") {
                let dead = try await workDLQ.count()
                let waiting = try await bus.messageCount(of: bus.names.commandQueue(of: .work))
                return dead == 2 && waiting == 0
            }
            let left = try await workDLQ.peek(limit: 10)
            #expect(left.map(\.messageId) == [ids[0], ids[2]])
            // A replay of an id that is not there says so.
            #expect(await runSeedOps(["dead-letters", "replay", ids[1]] + broker.arguments) == 2)
            // Without ids, filters or --all, replay refuses to guess.
            #expect(await runSeedOps(["dead-letters", "replay"] + broker.arguments) == 64)
        }
    }

    @Test("replay by filter moves every match; purge by filter deletes only matches; purge --all empties")
    func replayAndPurgeByFilter() async throws {
        try await withDeadLetters { broker, bus, ids, fixed in
            fixed.turnOn()
            let workDLQ = bus.deadLetters(of: bus.names.commandQueue(of: .work))
            let messagingDLQ = bus.deadLetters(of: bus.names.commandQueue(of: .messaging))
            let replayed = try await withOpsBus(broker.options) { opsBus in
                var filter = DeadLetterFilter(services: [.work, .messaging])
                filter.type = "test.ops-alpha"
                return try await DeadLetterOperations(bus: opsBus).replay(filter)
            }
            #expect(Set(replayed.map(\.id)) == [ids[0], ids[1]])
            try await eventually("the replayed commands were handled") { try await workDLQ.count() == 1 }

            #expect(await runSeedOps(["dead-letters", "purge", "--reason", "gamma"] + broker.arguments) == 0)
            #expect(try await messagingDLQ.count() == 0)
            #expect(try await workDLQ.count() == 1)
            #expect(await runSeedOps(["dead-letters", "purge", "--all", "--service", "work"] + broker.arguments) == 0)
            #expect(try await workDLQ.count() == 0)
        }
    }
}

actor Recorded {
    private(set) var ids: [String] = []
    func add(_ id: String) { ids.append(id) }
}

/// A flag the test turns on to "fix" a failing handler.
final class Switch: Sendable {
    private let flag = Atomic(false)
    var isOn: Bool { flag.load(ordering: .sequentiallyConsistent) }
    func turnOn() { flag.store(true, ordering: .sequentiallyConsistent) }
}
