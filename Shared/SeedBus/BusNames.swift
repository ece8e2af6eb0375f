import SeedContracts

/// The names of every exchange, queue and header the bus uses.
///
/// With an empty namespace the names are exactly those of ``ServiceName`` and ``BusTopology``;
/// a namespace prefixes every exchange and queue so several suites (or test cases) share one broker.
public struct BusNames: Sendable, Hashable {
    /// Prepended to every exchange and queue name.
    public let namespace: String

    /// Names in `namespace` (`""` for production names).
    public init(namespace: String = "") { self.namespace = namespace }

    /// The topic exchange that carries every event.
    public var eventExchange: String { namespace + BusTopology.eventExchange }

    /// The alternate exchange of ``eventExchange``: it receives every event that no queue is bound for.
    public var unroutedEventExchange: String { namespace + BusTopology.eventExchange + ".unrouted" }

    /// The durable queue that keeps events no service subscribed to when they were published
    /// (`seed.events.unrouted`), so that none vanishes; an operator may inspect, replay or purge it.
    public var unroutedEventQueue: String { namespace + BusTopology.eventExchange + ".unrouted" }

    /// The durable queue that receives `service`'s commands.
    public func commandQueue(of service: ServiceName) -> String { namespace + service.commandQueue }

    /// The durable queue that receives the events `service` subscribes to.
    public func eventQueue(of service: ServiceName) -> String { namespace + service.eventQueue }

    /// The queue that holds a failed message of `queue` for its `attempt`-th retry delay
    /// and then dead-letters it back to `queue`: `<queue>.retry.<attempt>`.
    public func retryQueue(of queue: String, attempt: Int) -> String { "\(queue).retry.\(attempt)" }

    /// The durable dead-letter queue of `queue`: `<queue>.dlq`.
    public func deadLetterQueue(of queue: String) -> String { "\(queue).dlq" }
}

/// Header names the bus writes on retried and dead-lettered messages.
public enum BusHeaders {
    /// How many times the message has been handled and failed (an integer).
    public static let attempts = "x-seed-attempts"
    /// Why the last attempt failed (a string).
    public static let failureReason = "x-seed-failure-reason"
    /// The queue the message was consumed from when it failed (a string).
    public static let originalQueue = "x-seed-original-queue"
}
