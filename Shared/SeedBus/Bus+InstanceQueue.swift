import Synchronization

/// A message that reached this process's own queue (``Bus/consumeInstanceQueue(_:exchange:_:)``).
public struct InstanceDelivery: Sendable {
    /// The routing key it was published with.
    public let routingKey: String
    /// The AMQP `type` property, if the publisher set one.
    public let type: String?
    /// The body, as published.
    public let body: [UInt8]
}

/// One process's own queue: exclusive and auto-delete (it dies with the connection and is declared
/// again on the next one), bound to a durable topic exchange with routing keys that change while
/// the process runs, consumed without acknowledgements on its own channel.
///
/// It carries what only this process wants (a gateway instance's real-time fan-out): nothing is
/// redelivered, and what is published while no connection is up is lost, so a consumer must be able
/// to catch up by other means.
final class InstanceQueue: Sendable {
    let name: String
    let exchange: String
    /// Called on the connection thread for each delivery; it must return quickly.
    let handler: @Sendable (InstanceDelivery) -> Void
    /// The routing keys bound now; every connection binds them all again.
    let bindings = Mutex<Set<String>>([])

    init(name: String, exchange: String, handler: @escaping @Sendable (InstanceDelivery) -> Void) {
        self.name = name
        self.exchange = exchange
        self.handler = handler
    }

    /// Declares the exchange and the queue, binds the current keys and starts the consumer.
    func declare(on link: AMQPLink, channel: UInt16, consumeOn consumerChannel: UInt16) throws(BusError) {
        try link.declareExchange(exchange, kind: "topic", channel: channel)
        try link.declareExclusiveQueue(name, channel: channel)
        for key in bindings.withLock({ $0 }).sorted() {
            try link.bindQueue(name, exchange: exchange, routingKey: key, channel: channel)
        }
        try link.consume(name, tag: name, noAck: true, channel: consumerChannel)
    }
}

extension Bus {
    /// Gives this process a queue of its own, `<namespace><name>`, bound to the topic exchange
    /// `<namespace><exchange>` with the keys added by ``bindInstanceQueue(routingKey:)``; `handler`
    /// receives its messages on the connection thread and must return quickly (hand them on).
    ///
    /// Register it before ``run()`` or ``connect()``, once. The queue is exclusive, auto-delete and
    /// consumed without acknowledgements: best-effort delivery to whichever processes are connected
    /// now, for a fan-out per instance (the gateway's real-time edge, decision 0023).
    public func consumeInstanceQueue(_ name: String, exchange: String, _ handler: @escaping @Sendable (InstanceDelivery) -> Void) {
        instanceQueue.withLock { queue in
            precondition(queue == nil, "consumeInstanceQueue may be called once per bus")
            queue = InstanceQueue(name: names.namespace + name, exchange: names.namespace + exchange, handler: handler)
        }
    }

    /// The routing keys the instance queue is bound with now.
    public var instanceQueueBindings: Set<String> {
        instanceQueue.withLock { $0?.bindings.withLock { $0 } } ?? []
    }

    /// Binds the instance queue with `routingKey` (now, and on every later connection).
    public func bindInstanceQueue(routingKey: String) async throws(BusError) {
        let queue = try registeredInstanceQueue()
        guard queue.bindings.withLock({ $0.insert(routingKey).inserted }) else { return }
        try await liveConnection().perform(timeout: configuration.publishTimeout) { link, channel throws(BusError) in
            try link.bindQueue(queue.name, exchange: queue.exchange, routingKey: routingKey, channel: channel)
        }
    }

    /// Removes the binding with `routingKey`.
    public func unbindInstanceQueue(routingKey: String) async throws(BusError) {
        let queue = try registeredInstanceQueue()
        guard queue.bindings.withLock({ $0.remove(routingKey) != nil }) else { return }
        try await liveConnection().perform(timeout: configuration.publishTimeout) { link, channel throws(BusError) in
            try link.unbindQueue(queue.name, exchange: queue.exchange, routingKey: routingKey, channel: channel)
        }
    }

    /// Publishes `body` to the topic exchange `<namespace><exchange>` with `routingKey`, transient and
    /// not mandatory (no queue bound for it is not an error), and waits for the broker's confirmation.
    /// For the instance queues of other processes; the exchange must exist (any bus that registered an
    /// instance queue on it declares it).
    public func publishTransient(_ body: [UInt8], exchange: String, routingKey: String, type: String? = nil) async throws(BusError) {
        try await publishConfirmed(OutgoingMessage(
            exchange: names.namespace + exchange, routingKey: routingKey, body: body, type: type, messageId: nil,
            correlationId: nil, mandatory: false, persistent: false))
    }

    private func registeredInstanceQueue() throws(BusError) -> InstanceQueue {
        guard let queue = instanceQueue.withLock({ $0 }) else {
            throw .invalidConfiguration("no instance queue: call consumeInstanceQueue before starting the bus")
        }
        return queue
    }
}
