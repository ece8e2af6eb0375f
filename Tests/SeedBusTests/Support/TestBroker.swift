import Foundation
import Logging
import SeedBus
import SeedContracts
import Testing

/// Why a test could not even start.
struct TestSetupError: Error, CustomStringConvertible {
    let description: String
}

/// The brokers the suite talks to, named by environment variables.
enum TestBroker {
    /// A configuration for the broker in `variable`, in a namespace no other test uses.
    static func configuration(
        _ variable: String = "SEED_TEST_AMQP_URL", maxAttempts: Int = 5, retryBaseDelay: Duration = .milliseconds(50)
    ) throws -> BusConfiguration {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw TestSetupError(description: "\(variable) is not set: start RabbitMQ (scripts/lib/infra.sh seed_start_rabbitmq) and export its amqp:// URL")
        }
        var configuration = try BusConfiguration(url: url)
        configuration.namespace = "test-\(UUID().uuidString.prefix(8).lowercased())."
        configuration.maxAttempts = maxAttempts
        configuration.retryBaseDelay = retryBaseDelay
        configuration.publishTimeout = .seconds(20)
        configuration.reconnectInitialDelay = .milliseconds(100)
        configuration.reconnectMaxDelay = .milliseconds(500)
        return configuration
    }

    static func environment(_ variable: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw TestSetupError(description: "\(variable) is not set")
        }
        return value
    }

    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}

/// Waits (polling, up to `limit`) until `condition` holds; fails the test when it never does.
func eventually(
    _ what: String, within limit: Duration = .seconds(60), isolation: isolated (any Actor)? = #isolation,
    sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
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

/// Values that handlers record, for a test to wait on.
actor Recorder<Value: Sendable> {
    private(set) var values: [Value] = []

    func record(_ value: Value) { values.append(value) }

    /// Waits until at least `count` values are recorded and returns them.
    func waitFor(_ count: Int, within limit: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation) async throws -> [Value] {
        try await eventually("\(count) recorded value(s)", within: limit, sourceLocation: sourceLocation) { values.count >= count }
        return values
    }
}

/// A gate a handler waits at until the test opens it.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
