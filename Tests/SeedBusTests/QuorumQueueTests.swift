import Foundation
@testable import SeedBus
import SeedContracts
import Testing

/// `BusConfiguration.queueType = .quorum` (`SEED_BUS_QUEUE_TYPE=quorum`) against the real local broker,
/// where quorum queues work on one node as they do on a cluster.
@Suite("Quorum queues")
struct QuorumQueueTests {
    struct HandlerFailure: Error, CustomStringConvertible {
        var description: String { "not yet" }
    }

    static func quorumConfiguration(maxAttempts: Int = 3) throws -> BusConfiguration {
        var configuration = try TestBroker.configuration(maxAttempts: maxAttempts, retryBaseDelay: .milliseconds(50))
        configuration.queueType = .quorum
        return configuration
    }

    /// Declares `queue` again (not passively) with `x-queue-type: type`: the broker accepts it only when
    /// the queue already has that type, so the answer says which type the bus declared.
    /// `otherArguments` are the queue's other declaration arguments, which the broker compares too.
    static func redeclare(
        _ queue: String, as type: QueueType, otherArguments: [(name: String, value: HeaderValue)] = [], on bus: Bus
    ) async -> BusError? {
        do throws(BusError) {
            let connection = try bus.liveConnection()
            let arguments = type.declarationArguments + otherArguments
            _ = try await connection.perform(timeout: .seconds(10)) { link, channel throws(BusError) in
                try link.declareQueue(queue, arguments: arguments, channel: channel)
            }
            return nil
        } catch {
            return error
        }
    }

    @Test("a service's command, retry, dead-letter and unrouted-event queues are declared as quorum queues")
    func everyQueueIsQuorum() async throws {
        let owner = Bus(service: .work, configuration: try Self.quorumConfiguration(), logger: TestBroker.logger("owner"))
        owner.handle(EchoV1.self) { command, context in EchoedV1(text: command.text, attempt: context.attempt) }
        owner.subscribe(ThingHappenedV1.self) { _, _ in }
        try await whileRunning(owner) {
            let names = owner.names
            let commands = names.commandQueue(of: .work), events = names.eventQueue(of: .work)
            // A retry queue's TTL (50 ms, then 100 ms) and dead-letter target sit next to its type.
            func retryArguments(_ milliseconds: Int64, back queue: String) -> [(name: String, value: HeaderValue)] {
                [("x-message-ttl", .integer(milliseconds)), ("x-dead-letter-exchange", .string("")),
                 ("x-dead-letter-routing-key", .string(queue))]
            }
            let queues: [(String, [(name: String, value: HeaderValue)])] = [
                (commands, []), (events, []), (names.deadLetterQueue(of: commands), []), (names.unroutedEventQueue, []),
                (names.retryQueue(of: commands, attempt: 1), retryArguments(50, back: commands)),
                (names.retryQueue(of: events, attempt: 2), retryArguments(100, back: events)),
            ]
            for (queue, others) in queues {
                let asClassic = await Self.redeclare(queue, as: .classic, otherArguments: others, on: owner)
                #expect(asClassic != nil, "\(queue) accepted x-queue-type classic, so it is not a quorum queue")
                let message = asClassic.map { String(describing: $0) } ?? ""
                #expect(message.contains("x-queue-type") && message.contains("quorum"), "\(queue): \(message)")
                #expect(await Self.redeclare(queue, as: .quorum, otherArguments: others, on: owner) == nil, "\(queue)")
            }
        }
    }

    @Test("the default stays classic: the same queue refuses a quorum declaration")
    func defaultIsClassic() async throws {
        let configuration = try TestBroker.configuration()
        #expect(configuration.queueType == .classic)
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        owner.handle(EchoV1.self) { command, context in EchoedV1(text: command.text, attempt: context.attempt) }
        try await whileRunning(owner) {
            #expect(await Self.redeclare(owner.names.commandQueue(of: .work), as: .quorum, on: owner) != nil)
            #expect(await Self.redeclare(owner.names.commandQueue(of: .work), as: .classic, on: owner) == nil)
        }
    }

    @Test("a command round-trips over quorum queues as a request with its reply, and as fire-and-forget")
    func commandRoundTrip() async throws {
        let configuration = try Self.quorumConfiguration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let handled = Recorder<String>()
        owner.handle(EchoV1.self) { command, context in
            await handled.record(command.text)
            return EchoedV1(text: command.text, attempt: context.attempt)
        }
        let sender = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("sender"))
        try await whileRunning(owner) {
            try await sender.connect()
            let reply = try await sender.request(EchoV1(text: "over quorum"), timeout: .seconds(10))
            #expect(reply == EchoedV1(text: "over quorum", attempt: 1))
            try await sender.send(EchoV1(text: "fire and forget"))
            let values = try await handled.waitFor(2)
            #expect(Set(values) == ["over quorum", "fire and forget"])
        }
        await sender.shutdown()
    }

    @Test("an event round-trips over quorum queues, and a failing handler is retried through the quorum retry queue")
    func eventRoundTripWithRetry() async throws {
        let configuration = try Self.quorumConfiguration(maxAttempts: 3)
        let subscriber = Bus(service: .messaging, configuration: configuration, logger: TestBroker.logger("subscriber"))
        let attempts = Recorder<(Int, Int)>()
        subscriber.subscribe(ThingHappenedV1.self) { event, context in
            await attempts.record((event.number, context.attempt))
            if event.number == 2 && context.attempt == 1 { throw HandlerFailure() }
        }
        let publisher = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("publisher"))
        try await whileRunning(subscriber) {
            try await publisher.connect()
            try await publisher.publish(ThingHappenedV1(number: 1))
            try await publisher.publish(ThingHappenedV1(number: 2))
            let values = try await attempts.waitFor(3)
            #expect(values.filter { $0.0 == 1 }.map(\.1) == [1])
            #expect(values.filter { $0.0 == 2 }.map(\.1) == [1, 2])
        }
        await publisher.shutdown()
    }

    @Test("a handler that keeps failing ends in the quorum dead-letter queue")
    func deadLetterOnQuorum() async throws {
        let configuration = try Self.quorumConfiguration(maxAttempts: 2)
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        owner.handle(EchoV1.self) { _, _ in throw HandlerFailure() }
        let sender = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("sender"))
        try await whileRunning(owner) {
            try await sender.connect()
            try await sender.send(EchoV1(text: "doomed"))
            let dlq = owner.deadLetters(of: owner.names.commandQueue(of: .work))
            try await eventually("the message is in the dead-letter queue") { try await dlq.count() == 1 }
            let letter = try #require(try await dlq.peek().first)
            #expect(letter.attempts == 2)
            #expect(letter.reason == "not yet")
        }
        await sender.shutdown()
    }
}
