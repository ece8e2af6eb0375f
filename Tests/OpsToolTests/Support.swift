import ArgumentParser
import Foundation
import Logging
import SeedBus
import SeedContracts
import SeedOpsKit
import Testing

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
}

/// The real broker of `SEED_TEST_AMQP_URL`, in a namespace no other test uses.
struct OpsBroker {
    let url: String
    let namespace = "test-ops-\(UUID().uuidString.prefix(8).lowercased())."

    init() throws {
        guard let url = ProcessInfo.processInfo.environment["SEED_TEST_AMQP_URL"], !url.isEmpty else {
            throw TestSetupError(description: "SEED_TEST_AMQP_URL is not set: source /work/dev-env.vars")
        }
        self.url = url
    }

    /// The arguments that point `seed-ops` at this broker and namespace.
    var arguments: [String] { ["--amqp-url", url, "--namespace", namespace, "--timeout", "20"] }

    var options: BrokerOptions {
        get throws { try BrokerOptions.parse(arguments) }
    }

    /// A bus of `service` in this namespace (a service stand-in for the test's handlers).
    func bus(_ service: ServiceName) throws -> Bus {
        var configuration = try BusConfiguration(url: url)
        configuration.namespace = namespace
        configuration.publishTimeout = .seconds(20)
        configuration.retryBaseDelay = .milliseconds(50)
        var logger = Logger(label: "ops-test")
        logger.logLevel = .warning
        return Bus(service: service, configuration: configuration, logger: logger)
    }
}

/// Test commands, handled by the stand-in buses.
struct AlphaV1: Command, Equatable {
    typealias Reply = Acknowledged
    static let messageType = MessageType("test.ops-alpha", version: 1)
    static let destination = CommandDestination.service(.work)
    static let summary = "Test command."
    static let example = AlphaV1(text: "a")
    var text: String
}

struct BetaV1: Command, Equatable {
    typealias Reply = Acknowledged
    static let messageType = MessageType("test.ops-beta", version: 1)
    static let destination = CommandDestination.service(.work)
    static let summary = "Test command."
    static let example = BetaV1(text: "b")
    var text: String
}

struct GammaV1: Command, Equatable {
    typealias Reply = Acknowledged
    static let messageType = MessageType("test.ops-gamma", version: 1)
    static let destination = CommandDestination.service(.messaging)
    static let summary = "Test command."
    static let example = GammaV1(text: "c")
    var text: String
}

struct Acknowledged: Message, Equatable {
    static let messageType = MessageType("test.ops-acknowledged", version: 1)
    static let summary = "Test reply."
    static let example = Acknowledged()
}

/// Waits (polling, up to `limit`) until `condition` holds; fails the test when it never does.
func eventually(
    _ what: String, within limit: Duration = .seconds(30),
    sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("never happened within \(limit): \(what)", sourceLocation: sourceLocation)
    throw TestSetupError(description: "gave up waiting for: \(what)")
}

/// Runs `bus` (consuming) for the duration of `body`, then shuts it down gracefully.
func whileRunning(_ bus: Bus, _ body: () async throws -> Void) async throws {
    let task = Task { try await bus.run() }
    do {
        try await eventually("the \(bus.service) bus is connected") { bus.isConnected }
        try await body()
    } catch {
        await bus.shutdown()
        _ = try? await task.value
        throw error
    }
    await bus.shutdown()
    try await task.value
}

/// Runs `seed-ops` with `arguments` as the executable would, returning the exit code it ends with.
func runSeedOps(_ arguments: [String]) async -> Int32 {
    do {
        var command = try SeedOpsCommand.parseAsRoot(arguments)
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
        return 0
    } catch {
        return SeedOpsCommand.exitCode(for: error).rawValue
    }
}
