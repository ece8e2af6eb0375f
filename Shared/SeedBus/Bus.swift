import Logging
import SeedContracts
import ServiceLifecycle
import Synchronization
import Tracing

/// A service's connection to the message bus: it sends commands, publishes events, makes requests,
/// and (in ``run()``) consumes its command and event queues with retries and dead-lettering.
///
/// Register handlers with ``handle(_:_:)`` and ``subscribe(_:_:)`` before ``run()`` or ``connect()``;
/// the topology declared on the broker is computed from them when the bus starts.
public final class Bus: Service, Sendable {
    /// The service this bus belongs to; it consumes this service's queues.
    public let service: ServiceName
    public let configuration: BusConfiguration
    /// The exchange and queue names in use (see ``BusConfiguration/namespace``).
    public let names: BusNames
    let logger: Logger
    let metrics: BusMetrics
    /// Spans of the messages this bus sends and handles (docs/decisions/0038-tracing.md).
    let tracing: MessageTracing
    let registry = Mutex(HandlerRegistry())
    private let lifecycle: Mutex<Lifecycle>
    private let inFlight = InFlightHandlers()
    /// This process's own queue, if ``consumeInstanceQueue(_:exchange:_:)`` registered one.
    let instanceQueue = Mutex<InstanceQueue?>(nil)

    private struct Lifecycle: ~Copyable {
        var connection: BusConnection?
        var running = false
        var shutDown = false
        var closed = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Creates a bus; nothing touches the network until ``connect()`` or ``run()``.
    ///
    /// - Parameter tracer: Records the spans of sent and handled messages: the active tracer by
    ///   default (the runtime's OTLP exporter when configured, a no-op otherwise; a test's `withTracer`).
    public init(service: ServiceName, configuration: BusConfiguration, logger: Logger, tracer: any Tracer = InstrumentationSystem.tracer) {
        self.service = service
        self.configuration = configuration
        self.names = BusNames(namespace: configuration.namespace)
        var logger = logger
        logger[metadataKey: "bus.service"] = "\(service.rawValue)"
        self.logger = logger
        self.metrics = BusMetrics(service: service)
        let tracing = MessageTracing(tracer: tracer, service: service)
        self.tracing = tracing
        lifecycle = Mutex(Lifecycle())
        registry.withLock { $0.tracing = tracing }
    }

    /// The tracer this bus records spans with; the unit of work and the outbox relay of its service use it too.
    public var tracer: any Tracer { tracing.tracer }

    // MARK: Registration

    /// Handles command `C` from this service's command queue; the handler's value answers requests.
    ///
    /// A client-side ``ContractError`` (validation, notFound, conflict, forbidden, unauthenticated,
    /// rateLimited) rejects the command without retry; any other error is retried and then dead-lettered.
    public func handle<C: Command>(_ type: C.Type, _ handler: @escaping @Sendable (C, MessageContext) async throws -> C.Reply) {
        registry.withLock { $0.register(type, handler) }
    }

    /// The wire names (`<name>.v<major>`) of the commands this bus has handlers for, for the checks
    /// that every command addressed to a service is handled.
    public var handledCommands: Set<String> {
        registry.withLock { Set($0.commands.keys) }
    }

    /// Consumes event `E` through this service's event queue, bound to the event exchange by `E`'s wire name.
    public func subscribe<E: Event>(_ type: E.Type, _ handler: @escaping @Sendable (E, MessageContext) async throws -> Void) {
        registry.withLock { $0.register(type, handler) }
    }

    // MARK: Lifecycle

    /// Whether the bus has a live broker connection with its topology (and consumers) in place.
    public var isConnected: Bool {
        lifecycle.withLock { $0.connection?.isConnected ?? false }
    }

    /// Connects for sending only (no consuming) and waits up to ``BusConfiguration/publishTimeout``
    /// for the first connection. The bus keeps reconnecting afterwards on its own.
    public func connect() async throws(BusError) {
        let connection = try start(consuming: false)
        _ = try await connection.perform(timeout: configuration.publishTimeout) { _, _ throws(BusError) in () }
    }

    /// Connects, declares the topology and consumes until graceful shutdown (or ``shutdown()``),
    /// then stops consuming, lets in-flight handlers finish and acknowledge, and closes.
    public func run() async throws {
        let connection = try start(consuming: true)
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await inFlight.drained()
            } onCancel: {
                connection.enqueue(.stopConsuming(nil))
            }
        } onGracefulShutdown: {
            connection.enqueue(.stopConsuming(nil))
        }
        await connection.close()
        markClosed()
    }

    /// Shuts the bus down: a running bus stops consuming, finishes in-flight handlers and closes;
    /// a send-only bus waits for outstanding confirmations and closes. Later calls fail with `.shutDown`.
    public func shutdown() async {
        enum Step { case done, close(BusConnection), stopAndWait(BusConnection) }
        let step: Step = lifecycle.withLock { state in
            guard !state.closed else { return .done }
            state.shutDown = true
            guard let connection = state.connection else {
                state.closed = true
                return .done
            }
            return state.running ? .stopAndWait(connection) : .close(connection)
        }
        switch step {
        case .done:
            return
        case .close(let connection):
            await connection.close()
            markClosed()
        case .stopAndWait(let connection):
            connection.enqueue(.stopConsuming(nil))
            await withCheckedContinuation { continuation in
                let alreadyClosed = lifecycle.withLock { state in
                    if !state.closed { state.closeWaiters.append(continuation) }
                    return state.closed
                }
                if alreadyClosed { continuation.resume() }
            }
        }
    }

    /// How many ready messages `queue` holds (unacknowledged deliveries are not counted).
    public func messageCount(of queue: String) async throws(BusError) -> Int {
        try await liveConnection().perform(timeout: configuration.publishTimeout) { link, channel throws(BusError) in
            try link.declareQueue(queue, passive: true, channel: channel)
        }
    }

    /// Drops the broker connection without closing it, as if the process had crashed:
    /// unacknowledged deliveries go back to their queues and the bus is unusable afterwards.
    /// For tests of redelivery.
    func abandonConnection() async {
        guard let connection = try? liveConnection() else { return }
        await withCheckedContinuation { continuation in connection.enqueue(.abandon(continuation)) }
        markClosed()
    }

    /// The thread of the bus's broker connection as a task executor, once ``connect()`` or ``run()``
    /// has started it (`nil` before).
    ///
    /// Handlers already run on it. Other code that makes requests one after another can prefer it,
    /// `withTaskExecutorPreference(bus.taskExecutor) { … }`: its code then runs on the connection
    /// thread between two rounds of I/O, publishes from there, and is resumed there by its reply,
    /// with no hand-off to and from the global pool (35–60 µs less CPU per round trip in
    /// `seed-bench-bus`). The price is that while such code runs, the connection does no I/O, so
    /// it suits short steps between awaits, not heavy computation. After ``shutdown()`` the jobs of
    /// such a task run on the global concurrent executor.
    public var taskExecutor: (any TaskExecutor)? {
        lifecycle.withLock { $0.connection }
    }

    /// The running connection, or why there is none.
    func liveConnection() throws(BusError) -> BusConnection {
        let result: Result<BusConnection, BusError> = lifecycle.withLock { state in
            if state.shutDown { return .failure(.shutDown) }
            guard let connection = state.connection else {
                return .failure(.unavailable("the bus is not started: call connect() or run() first"))
            }
            return .success(connection)
        }
        return try result.get()
    }

    private func start(consuming: Bool) throws(BusError) -> BusConnection {
        let handlers = registry.withLock { $0 }
        let plan = TopologyPlan(
            names: names,
            consumedQueues: Self.consumedQueues(of: service, handlers: handlers, names: names),
            retryDelays: (1..<max(configuration.maxAttempts, 1)).map { configuration.retryBaseDelay * (1 << ($0 - 1)) },
            queueType: configuration.queueType,
            instanceQueue: instanceQueue.withLock { $0 })
        let result: Result<BusConnection, BusError> = lifecycle.withLock { state in
            guard !state.shutDown else { return .failure(.shutDown) }
            if consuming {
                guard !state.running else { return .failure(.invalidConfiguration("run() was called twice")) }
                state.running = true
            }
            if let existing = state.connection { return .success(existing) }
            do throws(BusError) {
                let connection = try BusConnection(
                    configuration: configuration, plan: plan, logger: logger, deliveries: deliverySink())
                state.connection = connection
                return .success(connection)
            } catch {
                return .failure(error)
            }
        }
        let connection = try result.get()
        if consuming { connection.enqueue(.startConsuming) }
        connection.start(threadName: Self.threadName(of: service))
        return connection
    }

    /// The name of a service's connection thread, as `top -H`, `perf` and debuggers show it: `bus-<service>`.
    /// Linux keeps at most 15 bytes of a thread's name and refuses a longer one, leaving the thread
    /// with the name of the thread that started it.
    static func threadName(of service: ServiceName) -> String {
        "bus-\(service.rawValue)"
    }

    /// Each delivery runs in its own task, which prefers the connection's executor: the handler runs
    /// on the connection thread as soon as the current round of reading ends, and its reply and
    /// acknowledgement are sent in the next round, without a thread hand-off. ``inFlight`` lets
    /// `run()` wait for these tasks at shutdown.
    private func deliverySink() -> DeliverySink {
        DeliverySink(
            yield: { [weak self] delivery in
                guard let self, let connection = lifecycle.withLock({ $0.connection }) else { return }
                inFlight.begin()
                Task(executorPreference: connection) {
                    await self.dispatch(delivery, connection: connection)
                    self.inFlight.end()
                }
            },
            finish: { [weak self] in self?.inFlight.stop() })
    }

    private static func consumedQueues(of service: ServiceName, handlers: HandlerRegistry, names: BusNames) -> [TopologyPlan.ConsumedQueue] {
        var queues: [TopologyPlan.ConsumedQueue] = []
        if !handlers.commands.isEmpty {
            queues.append(.init(name: names.commandQueue(of: service), eventBindings: []))
        }
        if !handlers.events.isEmpty {
            queues.append(.init(name: names.eventQueue(of: service), eventBindings: handlers.events.keys.sorted()))
        }
        return queues
    }

    private func markClosed() {
        let waiters = lifecycle.withLock { state in
            state.closed = true
            state.shutDown = true
            defer { state.closeWaiters.removeAll() }
            return state.closeWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func handler(forQueue queue: String, type: String) -> RegisteredHandler? {
        registry.withLock { registry in
            queue == names.commandQueue(of: service) ? registry.commands[type] : registry.events[type]
        }
    }
}
