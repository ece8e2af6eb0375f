public import Foundation
public import Logging
public import SeedBus
public import SeedContracts
public import SeedOutbox
public import SeedRedis
public import SeedStore
import Synchronization
import Testing

/// Why a test could not start: a server it needs is not configured.
public struct TestEnvironmentError: Error, CustomStringConvertible {
    public let description: String
}

/// The servers `scripts/test` starts, named by environment variables.
public enum TestServers {
    /// A bus configuration for the test RabbitMQ (`SEED_TEST_AMQP_URL`) in `namespace`, so that
    /// suites running at once never see each other's queues.
    public static func busConfiguration(namespace: String = "test-\(UUID().uuidString.prefix(8).lowercased()).") throws -> BusConfiguration {
        var configuration = try BusConfiguration(url: try variable("SEED_TEST_AMQP_URL"))
        configuration.namespace = namespace
        configuration.publishTimeout = .seconds(20)
        configuration.reconnectInitialDelay = .milliseconds(100)
        configuration.reconnectMaxDelay = .milliseconds(500)
        return configuration
    }

    /// A client of the test Redis (`SEED_TEST_REDIS_URL`).
    public static func redis() throws -> RedisClient {
        RedisClient(configuration: try RedisConfiguration(url: try variable("SEED_TEST_REDIS_URL")))
    }

    /// The value of `name`, or an error that says how to get it.
    public static func variable(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TestEnvironmentError(description: "\(name) is not set: run the tests with scripts/test")
        }
        return value
    }

    /// A logger that only shows warnings and worse.
    public static func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}

/// Events that reached a subscriber on the real broker, kept in arrival order.
public final class EventRecorder: Sendable {
    private let received = Mutex<[(type: MessageType, event: any Event)]>([])

    public init() {}

    /// Records every `E` that reaches `bus` (register before the bus starts).
    public func record<E: Event>(_ type: E.Type, on bus: Bus) {
        bus.subscribe(type) { [self] event, _ in self.received.withLock { $0.append((E.messageType, event)) } }
    }

    /// Every `E` received so far.
    public func all<E: Event>(_ type: E.Type) -> [E] {
        received.withLock { $0.compactMap { $0.type == E.messageType ? $0.event as? E : nil } }
    }

    /// The first `E` that matches `predicate`, waiting up to `limit` for it to arrive.
    public func first<E: Event>(
        _ type: E.Type, within limit: Duration = .seconds(60), where predicate: (E) -> Bool = { _ in true }
    ) async throws -> E {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let event = all(type).first(where: predicate) { return event }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestEnvironmentError(description: "no \(E.messageType) arrived within \(limit)")
    }
}

/// Services on the test broker for the length of a test: their buses consume, their outbox relays
/// publish, and a client bus sends them commands as the gateway would.
///
/// ```swift
/// let harness = try BusHarness()
/// let bus = harness.bus(.work)
/// WorkHandlers.register(service, on: bus)
/// harness.relay(fixture.store, on: bus)
/// let events = EventRecorder()
/// events.record(BoardCreatedV1.self, on: harness.bus(.messaging))
/// try await harness.run { client in
///     let board = try await client.request(CreateBoardV1(name: "Q3"), actor: "user-1")
///     _ = try await events.first(BoardCreatedV1.self) { $0.board.id == board.id }
/// }
/// ```
public final class BusHarness: Sendable {
    public let configuration: BusConfiguration
    public let logger: Logger
    private let parts = Mutex<(buses: [Bus], relays: [OutboxRelay])>(([], []))

    public init() throws {
        configuration = try TestServers.busConfiguration()
        logger = TestServers.logger("test.harness")
    }

    /// A consuming bus of `service` in this harness's namespace; register its handlers before ``run(_:)``.
    public func bus(_ service: ServiceName) -> Bus {
        let bus = Bus(service: service, configuration: configuration, logger: logger)
        parts.withLock { $0.buses.append(bus) }
        return bus
    }

    /// Publishes what transactions stage in `store`'s outbox on `bus` while the harness runs.
    @discardableResult
    public func relay(_ store: any DocumentStore, on bus: Bus) -> OutboxRelay {
        let relay = OutboxRelay(store: store, bus: bus, logger: logger, pollInterval: .milliseconds(50))
        parts.withLock { $0.relays.append(relay) }
        return relay
    }

    /// Starts the buses and relays, waits until every bus is connected, runs `body` with a client bus
    /// (as the gateway), then shuts everything down, also when `body` throws.
    public func run(_ body: (BusClient) async throws -> Void) async throws {
        let (buses, relays) = parts.withLock { ($0.buses, $0.relays) }
        let tasks = buses.map { bus in Task { try await bus.run() } } + relays.map { relay in Task { try await relay.run() } }
        let client = Bus(service: .gateway, configuration: configuration, logger: logger)
        do {
            try await waitUntilConnected(buses)
            try await client.connect()
            try await body(BusClient(bus: client))
        } catch {
            await stop(client, buses, tasks, relayCount: relays.count)
            throw error
        }
        await stop(client, buses, tasks, relayCount: relays.count)
    }

    private func stop(_ client: Bus, _ buses: [Bus], _ tasks: [Task<Void, any Error>], relayCount: Int) async {
        await client.shutdown()
        for task in tasks.suffix(relayCount) { task.cancel() }
        for bus in buses { await bus.shutdown() }
        for task in tasks { _ = await task.result }
    }
}

/// Sends commands to the services of a ``BusHarness`` as the gateway does.
public struct BusClient: Sendable {
    public let bus: Bus

    /// Sends `command` to its owner and waits for the reply; a ``ContractError`` reply is thrown.
    public func request<C: Command>(_ command: C, actor: String? = nil, tenant: String? = nil, timeout: Duration = .seconds(30)) async throws -> C.Reply {
        do {
            return try await bus.request(command, envelope: MessageEnvelope(type: C.messageType, tenant: tenant, actor: actor), timeout: timeout)
        } catch .rejected(let error) {
            throw error
        }
    }
}

/// Waits (polling every 20 ms, up to `limit`) until `condition` holds; records an issue and throws
/// when it never does. For effects that travel through the broker.
public func eventually(
    _ what: String, within limit: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("never happened within \(limit): \(what)", sourceLocation: sourceLocation)
    throw TestEnvironmentError(description: "gave up waiting for: \(what)")
}
