/// The continuation through which the connection thread answers one caller.
typealias Completion<Value: Sendable> = CheckedContinuation<Result<Value, BusError>, Never>

/// A message to publish on the confirm channel, answered when the broker confirms it.
struct ConfirmedPublish: Sendable {
    var message: OutgoingMessage
    var deadline: ContinuousClock.Instant
    var completion: Completion<Void>
}

/// A request to publish on the reply channel, answered with the reply's body.
struct PendingRequest: Sendable {
    var message: OutgoingMessage
    var deadline: ContinuousClock.Instant
    var completion: Completion<[UInt8]>
}

/// Synchronous work on the topology channel of a live link.
struct LinkTask: Sendable {
    var deadline: ContinuousClock.Instant
    /// Runs on the connection thread with the link; it resumes its own continuation.
    var run: @Sendable (AMQPLink, UInt16) throws(BusError) -> Void
    /// Called instead of `run` when the work cannot be done.
    var fail: @Sendable (BusError) -> Void
}

/// What Swift callers ask the connection thread to do, in the order they asked.
enum ConnectionOperation: Sendable {
    case publish(ConfirmedPublish)
    case request(PendingRequest)
    /// A request its caller already published on the link of `generation` (see
    /// ``BusConnection/request(_:timeout:)``): only its reply remains to be awaited.
    case sent(PendingRequest, generation: UInt64)
    case acknowledge(Acknowledgement)
    /// Returns a delivery to its queue (`basic.reject` with requeue).
    case reject(Acknowledgement)
    /// Publishes a reply (unconfirmed) and acknowledges the request it answers.
    case reply(OutgoingMessage, Acknowledgement)
    case perform(LinkTask)
    /// Starts the consumers now and after every reconnection.
    case startConsuming
    /// Cancels the consumers, hands over deliveries already received, then says no more will come.
    case stopConsuming(CheckedContinuation<Void, Never>?)
    /// Waits for outstanding confirmations, closes the connection and ends the thread.
    case close(CheckedContinuation<Void, Never>)
    /// Drops the socket at once, as a crashed process would, and ends the thread.
    case abandon(CheckedContinuation<Void, Never>)

    /// When the operation gives up while no connection is available, if ever.
    var deadline: ContinuousClock.Instant? {
        switch self {
        case .publish(let publish): publish.deadline
        case .request(let request), .sent(let request, _): request.deadline
        case .perform(let task): task.deadline
        case .acknowledge, .reject, .reply, .startConsuming, .stopConsuming, .close, .abandon: nil
        }
    }

    /// Answers the caller with `error`, if the operation has a caller waiting.
    func fail(_ error: BusError) {
        switch self {
        case .publish(let publish): publish.completion.resume(returning: .failure(error))
        case .request(let request), .sent(let request, _): request.completion.resume(returning: .failure(error))
        case .perform(let task): task.fail(error)
        case .stopConsuming(let continuation): continuation?.resume()
        case .close(let continuation), .abandon(let continuation): continuation.resume()
        case .acknowledge, .reject, .reply, .startConsuming: break
        }
    }
}

/// Exchanges and queues to declare on every (re)connection, and the consumers to start.
struct TopologyPlan: Sendable {
    /// A queue the bus consumes, with its retry and dead-letter queues.
    struct ConsumedQueue: Sendable {
        var name: String
        /// Routing keys that bind it to the event exchange (empty for a command queue).
        var eventBindings: [String]
    }

    var names: BusNames
    var consumedQueues: [ConsumedQueue]
    /// The TTL of retry queue `n` is `retryDelays[n - 1]`.
    var retryDelays: [Duration]
    /// The type of every queue declared here (`x-queue-type`).
    var queueType: QueueType = .classic
    /// This process's own queue, declared and consumed on every connection (``Bus/consumeInstanceQueue(_:exchange:_:)``).
    var instanceQueue: InstanceQueue?

    /// Declares the event exchange (with its parking place for events no service subscribes to)
    /// and every consumed queue with its retry and dead-letter queues.
    func declare(on link: AMQPLink, channel: UInt16) throws(BusError) {
        try link.declareExchange(names.unroutedEventExchange, kind: "fanout", channel: channel)
        let typed = queueType.declarationArguments
        try link.declareQueue(names.unroutedEventQueue, arguments: typed, channel: channel)
        try link.bindQueue(names.unroutedEventQueue, exchange: names.unroutedEventExchange, routingKey: "", channel: channel)
        try link.declareExchange(
            names.eventExchange, kind: "topic",
            arguments: [("alternate-exchange", .string(names.unroutedEventExchange))], channel: channel)
        for queue in consumedQueues {
            try link.declareQueue(queue.name, arguments: typed, channel: channel)
            try link.declareQueue(names.deadLetterQueue(of: queue.name), arguments: typed, channel: channel)
            for (index, delay) in retryDelays.enumerated() {
                let milliseconds = delay.milliseconds
                try link.declareQueue(
                    names.retryQueue(of: queue.name, attempt: index + 1),
                    arguments: typed + [
                        ("x-message-ttl", .integer(milliseconds)),
                        ("x-dead-letter-exchange", .string("")),
                        ("x-dead-letter-routing-key", .string(queue.name)),
                    ],
                    channel: channel)
            }
            for routingKey in queue.eventBindings {
                try link.bindQueue(queue.name, exchange: names.eventExchange, routingKey: routingKey, channel: channel)
            }
        }
    }
}
