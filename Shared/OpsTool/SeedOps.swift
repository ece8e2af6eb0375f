import ArgumentParser
import Foundation
import Logging
import SeedBus
import SeedContracts

/// `seed-ops`: operator commands for a running suite.
@main
struct SeedOps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-ops",
        abstract: "Operator commands for Seed Suite.",
        subcommands: [DeadLetters.self])
}

/// `seed-ops dead-letters <service> <action>`: inspect, replay or purge a service's dead letters.
struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "Counts, shows, replays or purges the dead letters of a service's command or event queue.")

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case count, peek, replay, purge
    }

    @Argument(help: "The service: \(ServiceName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var service: String

    @Argument(help: "count | peek | replay | purge")
    var action: Action

    @Flag(help: "Use the service's event queue instead of its command queue.")
    var events = false

    @Option(help: "At most this many messages (peek, replay).")
    var limit: Int = 10

    @Option(help: "The broker (default: $SEED_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672/).")
    var amqpURL: String = ProcessInfo.processInfo.environment["SEED_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/"

    func validate() throws {
        guard ServiceName(rawValue: service) != nil else {
            throw ValidationError("unknown service '\(service)'")
        }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let service = ServiceName(rawValue: service)!
        let bus = Bus(
            service: .gateway, configuration: try BusConfiguration(url: amqpURL),
            logger: Logger(label: "seed.ops"))
        try await bus.connect()
        do {
            try await perform(on: bus, service: service)
        } catch {
            await bus.shutdown()
            throw error
        }
        await bus.shutdown()
    }

    private func perform(on bus: Bus, service: ServiceName) async throws {
        let queue = events ? bus.names.eventQueue(of: service) : bus.names.commandQueue(of: service)
        let deadLetters = bus.deadLetters(of: queue)
        switch action {
        case .count:
            print("\(deadLetters.name): \(try await deadLetters.count()) dead letters")
        case .peek:
            for letter in try await deadLetters.peek(limit: limit) {
                print("\(letter.messageId ?? "-") \(letter.type ?? "-") attempts=\(letter.attempts.map(String.init) ?? "-") reason=\(letter.reason ?? "-")")
                print("  \(String(decoding: letter.body, as: UTF8.self))")
            }
        case .replay:
            print("replayed \(try await deadLetters.replay(limit: limit)) dead letters to \(queue)")
        case .purge:
            print("purged \(try await deadLetters.purge()) dead letters from \(deadLetters.name)")
        }
    }
}
