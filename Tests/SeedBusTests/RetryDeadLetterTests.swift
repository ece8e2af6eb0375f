import Foundation
import Synchronization
@testable import SeedBus
import SeedContracts
import Testing

@Suite("Retries and dead letters")
struct RetryDeadLetterTests {
    struct HandlerFailure: Error, CustomStringConvertible {
        var description: String { "database is down" }
    }

    @Test("a handler that keeps failing is retried with growing delay, then dead-lettered with its reason and attempt count")
    func failingHandlerIsRetriedThenDeadLettered() async throws {
        let configuration = try TestBroker.configuration(maxAttempts: 3, retryBaseDelay: .milliseconds(100))
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let attempts = Recorder<(Int, ContinuousClock.Instant)>()
        owner.handle(EchoV1.self) { _, context in
            await attempts.record((context.attempt, .now))
            throw HandlerFailure()
        }
        let sender = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("sender"))
        try await whileRunning(owner) {
            try await sender.connect()
            try await sender.send(EchoV1(text: "doomed"))
            let dlq = owner.deadLetters(of: owner.names.commandQueue(of: .work))
            try await eventually("the message is in the dead-letter queue") { try await dlq.count() == 1 }
            let recorded = await attempts.values
            #expect(recorded.map(\.0) == [1, 2, 3])
            // Retry 1 waits at least the base delay, retry 2 at least twice that.
            #expect(recorded[1].1 - recorded[0].1 >= .milliseconds(100))
            #expect(recorded[2].1 - recorded[1].1 >= .milliseconds(200))
            let letters = try await dlq.peek()
            #expect(letters.count == 1)
            #expect(letters.first?.attempts == 3)
            #expect(letters.first?.reason == "database is down")
            #expect(letters.first?.type == EchoV1.messageType.wireName)
            #expect(try await owner.messageCount(of: owner.names.commandQueue(of: .work)) == 0)
        }
        await sender.shutdown()
    }

    @Test("a fire-and-forget command rejected with a client-side ContractError is dead-lettered at once")
    func rejectedCommandIsDeadLetteredWithoutRetry() async throws {
        let configuration = try TestBroker.configuration(maxAttempts: 4)
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let calls = Recorder<Int>()
        owner.handle(EchoV1.self) { _, context in
            await calls.record(context.attempt)
            throw ContractError.validation("text is too short", field: "text")
        }
        let sender = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("sender"))
        try await whileRunning(owner) {
            try await sender.connect()
            try await sender.send(EchoV1(text: "x"))
            let dlq = owner.deadLetters(of: owner.names.commandQueue(of: .work))
            try await eventually("the rejected command is dead-lettered") { try await dlq.count() == 1 }
            #expect(await calls.values == [1])
            let letter = try #require(try await dlq.peek().first)
            #expect(letter.attempts == 1)
            #expect(letter.reason?.contains("text is too short") == true)
        }
        await sender.shutdown()
    }

    @Test("a malformed body and an unknown message type are dead-lettered and the consumer keeps going")
    func poisonMessagesAreDeadLettered() async throws {
        let configuration = try TestBroker.configuration()
        let owner = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("owner"))
        let handled = Recorder<String>()
        owner.handle(EchoV1.self) { command, _ in
            await handled.record(command.text)
            return EchoedV1(text: command.text, attempt: 1)
        }
        let sender = Bus(service: .gateway, configuration: configuration, logger: TestBroker.logger("sender"))
        let queue = owner.names.commandQueue(of: .work)
        try await whileRunning(owner) {
            try await sender.connect()
            // Not JSON, no type.
            try await sender.publishConfirmed(OutgoingMessage(
                exchange: "", routingKey: queue, body: Array("{not json".utf8), type: nil, messageId: "garbage",
                mandatory: true, persistent: true))
            // Right type, wrong payload shape.
            try await sender.publishConfirmed(OutgoingMessage(
                exchange: "", routingKey: queue, body: Array(#"{"envelope": 7}"#.utf8), type: EchoV1.messageType.wireName,
                messageId: "bad-shape", mandatory: true, persistent: true))
            // A well-formed message of a type this service does not handle.
            let envelope = MessageEnvelope(type: MessageType("test.unknown", version: 3))
            try await sender.publishConfirmed(OutgoingMessage(
                exchange: "", routingKey: queue, body: try WireCoding.encode(WireMessage(envelope: envelope, payload: ["a": 1])),
                type: nil, messageId: "unknown", mandatory: true, persistent: true))
            try await sender.send(EchoV1(text: "still alive"))
            #expect(try await handled.waitFor(1) == ["still alive"])
            let dlq = owner.deadLetters(of: queue)
            try await eventually("three poison messages are dead-lettered") { try await dlq.count() == 3 }
            let reasons = Dictionary(uniqueKeysWithValues: try await dlq.peek().map { ($0.messageId ?? "", $0.reason ?? "") })
            #expect(reasons["garbage"]?.hasPrefix("malformed body") == true)
            #expect(reasons["bad-shape"]?.hasPrefix("malformed body") == true)
            #expect(reasons["unknown"]?.contains("unknown message type 'test.unknown.v3'") == true)
        }
        await sender.shutdown()
    }

    @Test("replay moves dead letters back to their queue with a fresh attempt count")
    func replayMovesDeadLettersBack() async throws {
        let configuration = try TestBroker.configuration(maxAttempts: 1)
        let owner = Bus(service: .messaging, configuration: configuration, logger: TestBroker.logger("owner"))
        let healthy = Mutex(false)
        let handled = Recorder<(Int, Int)>()
        owner.subscribe(ThingHappenedV1.self) { event, context in
            guard healthy.withLock({ $0 }) else { throw HandlerFailure() }
            await handled.record((event.number, context.attempt))
        }
        let publisher = Bus(service: .work, configuration: configuration, logger: TestBroker.logger("publisher"))
        try await whileRunning(owner) {
            try await publisher.connect()
            try await publisher.publish(ThingHappenedV1(number: 1))
            try await publisher.publish(ThingHappenedV1(number: 2))
            let dlq = owner.deadLetters(of: owner.names.eventQueue(of: .messaging))
            try await eventually("both events are dead-lettered") { try await dlq.count() == 2 }
            healthy.withLock { $0 = true }
            #expect(try await dlq.replay(limit: 1) == 1)
            #expect(try await handled.waitFor(1).map(\.0) == [1])
            #expect(try await dlq.replay() == 1)
            let values = try await handled.waitFor(2)
            #expect(values.map(\.0) == [1, 2])
            #expect(values.map(\.1) == [1, 1])
            #expect(try await dlq.count() == 0)
        }
        await publisher.shutdown()
    }
}
