import DequeModule
import Glibc
import Logging

/// The body of a connection thread: connects with backoff, declares the topology, starts the
/// consumers, and then serves operations and broker frames until it is closed.
///
/// Everything here runs on that one thread, so none of its state needs a lock.
final class ConnectionLoop {
    private let connection: BusConnection
    private let configuration: BusConfiguration
    private var logger: Logger
    private var generation: UInt64 = 0
    /// Operations waiting for a link (or, while connected, for their turn).
    private var backlog = Deque<ConnectionOperation>()
    /// Publishes sent on the confirm channel and not yet confirmed, in delivery-tag order.
    private var unconfirmed = Deque<(tag: UInt64, publish: ConfirmedPublish)>()
    private var nextPublishTag: UInt64 = 1
    /// Message ids the broker returned as unroutable whose confirmation has not arrived yet.
    private var returnedMessageIds: [String: Int] = [:]
    /// Requests waiting for their reply, by correlation id.
    private var requests: [String: PendingRequest] = [:]
    /// Acknowledgements of the consumer channel, sent together at the end of each round.
    private var acknowledgements = AcknowledgementBatch()
    private var consuming = false
    private var closeRequest: CheckedContinuation<Void, Never>?
    private var nextExpiryCheck = ContinuousClock.now

    init(connection: BusConnection) {
        self.connection = connection
        self.configuration = connection.configuration
        self.logger = connection.logger
    }

    func run() {
        var delay = configuration.reconnectInitialDelay
        var failedAttempts = 0
        while true {
            absorbInbox(connected: false)
            if let closeRequest {
                finish(closeRequest)
                return
            }
            var linkWasUp = false
            do {
                let link = try openLink()
                linkWasUp = true
                failedAttempts = 0
                delay = configuration.reconnectInitialDelay
                try serve(link)
                return
            } catch {
                connection.setConnected(false, generation: generation)
                if linkWasUp {
                    logger.warning("message broker connection lost; reconnecting", metadata: ["error": "\(error)"])
                } else {
                    failedAttempts += 1
                    // The first failure and every tenth are worth a warning; the rest are noise.
                    logger.log(
                        level: failedAttempts % 10 == 1 ? .warning : .debug,
                        "cannot connect to the message broker; retrying",
                        metadata: ["error": "\(error)", "attempt": "\(failedAttempts)", "retryIn": "\(delay)"])
                }
                dropLink()
                waitWhileDisconnected(for: delay)
                delay = min(delay * 2, configuration.reconnectMaxDelay)
            }
        }
    }

    // MARK: Connecting

    private func openLink() throws(BusError) -> AMQPLink {
        generation += 1
        let link = try AMQPLink(configuration: configuration, generation: generation)
        for channel in [BusConnection.topologyChannel, BusConnection.confirmChannel, BusConnection.replyChannel, BusConnection.consumerChannel] {
            try link.openChannel(channel)
        }
        try link.selectConfirms(on: BusConnection.confirmChannel)
        try connection.plan.declare(on: link, channel: BusConnection.topologyChannel)
        try link.setPrefetch(configuration.prefetch, channel: BusConnection.consumerChannel)
        try link.consume(BusConnection.directReplyTo, tag: "replies", noAck: true, channel: BusConnection.replyChannel)
        if consuming { try startConsumers(on: link) }
        if let instanceQueue = connection.plan.instanceQueue {
            try link.openChannel(BusConnection.instanceChannel)
            try instanceQueue.declare(on: link, channel: BusConnection.topologyChannel, consumeOn: BusConnection.instanceChannel)
        }
        nextPublishTag = 1
        connection.setConnected(true, generation: generation)
        connection.share(link)
        logger.info("connected to the message broker", metadata: [
            "host": "\(configuration.host):\(configuration.port)", "generation": "\(generation)",
        ])
        return link
    }

    private func startConsumers(on link: AMQPLink) throws(BusError) {
        for queue in connection.plan.consumedQueues {
            try link.consume(queue.name, tag: queue.name, noAck: false, channel: BusConnection.consumerChannel)
        }
    }

    /// Forgets a broken link: unconfirmed publishes go back to the front of the backlog
    /// (they are published again: at-least-once), requests in flight fail.
    private func dropLink() {
        connection.share(nil)
        acknowledgements = AcknowledgementBatch()
        for (_, publish) in unconfirmed.reversed() {
            backlog.prepend(.publish(publish))
        }
        unconfirmed.removeAll()
        returnedMessageIds.removeAll()
        for request in requests.values {
            request.completion.resume(returning: .failure(.unavailable("the connection was lost before the reply arrived")))
        }
        requests.removeAll()
    }

    /// Sleeps for `delay` while still taking operations and failing those past their deadline.
    private func waitWhileDisconnected(for delay: Duration) {
        let until = ContinuousClock.now + delay
        while closeRequest == nil {
            let now = ContinuousClock.now
            guard now < until else { return }
            var descriptor = pollfd(fd: connection.wake.descriptor, events: Int16(POLLIN), revents: 0)
            let timeout = connection.prepareToSleep() ? Int32(min(100, max(1, (until - now).milliseconds))) : 0
            _ = poll(&descriptor, 1, timeout)
            connection.wokeUp()
            connection.wake.reset()
            absorbInbox(connected: false)
            expireOperations(now: .now, force: true)
        }
    }

    /// Ends the thread without a link: every waiting caller learns the bus is shut down.
    private func finish(_ closeRequest: CheckedContinuation<Void, Never>) {
        connection.share(nil)
        connection.setConnected(false, generation: generation)
        let work = connection.takeWork(finishing: true)
        for operation in backlog + work.operations {
            operation.fail(.shutDown)
        }
        backlog.removeAll()
        connection.forward(work.jobs)
        connection.deliveries.finish()
        closeRequest.resume()
    }

    // MARK: Serving a link

    private func serve(_ link: AMQPLink) throws(BusError) {
        // Read once: while the thread sleeps, a caller may be using the link (``BusConnection/SharedLink``).
        let socket = link.socket
        var wakeSignalled = true
        var socketReadable = true
        var nextIdleRead = ContinuousClock.now
        while true {
            if wakeSignalled { connection.wake.reset() }
            absorbInbox(connected: true)
            while let operation = backlog.popFirst() {
                if case .abandon(let continuation) = operation {
                    // Returning drops the link: librabbitmq closes the socket without `connection.close`.
                    logger.warning("abandoning the broker connection without closing it")
                    finish(continuation)
                    return
                }
                try execute(operation, on: link)
            }
            try sendAcknowledgements(on: link)
            // The round's publishes and acknowledgements leave in one write.
            try link.flush()
            // Read only when there is something to read: a read of an empty socket costs a failed
            // `recv` and a `poll` inside librabbitmq. Reading also sends due heartbeats and notices a
            // silent broker, so it happens at least every `idleReadInterval` regardless.
            let now = ContinuousClock.now
            var budget = 256
            if socketReadable || link.hasBufferedInput || now >= nextIdleRead {
                nextIdleRead = now + Self.idleReadInterval
                while budget > 0, let event = try link.nextEvent() {
                    try handle(event)
                    budget -= 1
                    // Whether the socket holds more is `poll()`'s to say, not a read that fails.
                    if !link.hasBufferedInput { break }
                }
            }
            expireOperations(now: now, force: false)
            if let closeRequest, unconfirmed.isEmpty, requests.isEmpty {
                connection.share(nil)
                link.close()
                finish(closeRequest)
                return
            }
            // More buffered or left unread: go round again without a system call.
            if budget == 0 || link.hasBufferedInput {
                wakeSignalled = false
                socketReadable = true
                continue
            }
            // Sleep until the socket or the wake pipe is readable; with work enqueued meanwhile
            // (handlers' replies, say) only look, so the next round knows whether to read.
            let sleeping = connection.prepareToSleep()
            var descriptors = (
                pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
                pollfd(fd: connection.wake.descriptor, events: Int16(POLLIN), revents: 0))
            withUnsafeMutableBytes(of: &descriptors) { raw in
                _ = poll(raw.baseAddress!.assumingMemoryBound(to: pollfd.self), 2, sleeping ? 100 : 0)
            }
            if sleeping { connection.wokeUp() }
            socketReadable = descriptors.0.revents != 0
            wakeSignalled = descriptors.1.revents != 0
        }
    }

    /// How long the thread goes without reading the socket when `poll()` does not report it readable.
    private static let idleReadInterval = Duration.milliseconds(100)

    /// Moves the inbox into the backlog (without a link, settles what needs no link at once),
    /// then runs the jobs of tasks that prefer this connection's executor.
    private func absorbInbox(connected: Bool) {
        var work = connection.takeWork()
        // Jobs usually enqueue operations (a handler's reply and ack): take those in the same round,
        // but go back to I/O after a few rounds even if jobs keep coming.
        for _ in 0..<4 where !work.jobs.isEmpty {
            connection.run(work.jobs)
            absorb(work.operations, connected: connected)
            work = connection.takeWork()
        }
        absorb(work.operations, connected: connected)
        connection.run(work.jobs)
    }

    private func absorb(_ operations: Deque<ConnectionOperation>, connected: Bool) {
        for operation in operations {
            switch operation {
            case .close(let continuation):
                closeRequest = continuation
            case .abandon(let continuation) where !connected:
                closeRequest = continuation
            case .startConsuming where !connected:
                consuming = true
            case .stopConsuming(let continuation) where !connected:
                consuming = false
                connection.deliveries.finish()
                continuation?.resume()
            case .acknowledge, .reject, .reply:
                // Tags of a lost link are stale; the broker redelivers those messages.
                if connected { backlog.append(operation) }
            case .sent(let request, let sentOn):
                // Registered before any frame is read, so the reply cannot be missed.
                if connected, sentOn == generation {
                    requests[request.message.correlationId ?? ""] = request
                } else {
                    request.completion.resume(returning: .failure(.unavailable("the connection was lost before the reply arrived")))
                }
            default:
                backlog.append(operation)
            }
        }
    }

    private func execute(_ operation: ConnectionOperation, on link: AMQPLink) throws(BusError) {
        switch operation {
        // `publish` only encodes (the round's frames are written by `flush()`), so what fails here is a
        // message that can never be sent (a name longer than AMQP allows, headers larger than a frame):
        // its caller learns why, and the link stays up.
        case .publish(let publish):
            do throws(BusError) {
                try link.publish(publish.message, channel: BusConnection.confirmChannel)
            } catch {
                publish.completion.resume(returning: .failure(error))
                return
            }
            unconfirmed.append((nextPublishTag, publish))
            nextPublishTag += 1
        case .request(let request):
            do throws(BusError) {
                try link.publish(request.message, channel: BusConnection.replyChannel)
            } catch {
                request.completion.resume(returning: .failure(error))
                return
            }
            requests[request.message.correlationId ?? ""] = request
        case .sent:
            return  // registered by `absorb`
        case .acknowledge(let acknowledgement):
            try acknowledge(acknowledgement, on: link)
        case .reject(let acknowledgement):
            guard acknowledgement.generation == generation else { return }
            if acknowledgement.channel == BusConnection.consumerChannel {
                acknowledgements.settledOtherwise(acknowledgement.deliveryTag)
            }
            try link.reject(acknowledgement.deliveryTag, channel: acknowledgement.channel)
        case .reply(let reply, let acknowledgement):
            do throws(BusError) {
                try link.publish(reply, channel: BusConnection.consumerChannel)
            } catch {
                logger.error("a reply does not encode; its requester will time out", metadata: ["error": "\(error)"])
            }
            try acknowledge(acknowledgement, on: link)
        case .perform(let task):
            do throws(BusError) {
                try task.run(link, BusConnection.topologyChannel)
            } catch {
                task.fail(error)
                // A refused method (say, a passive declare of a missing queue) closes only the
                // topology channel: reopen it rather than dropping the connection and its consumers.
                guard link.closedChannel == BusConnection.topologyChannel else { throw error }
                try link.reopenClosedChannel()
            }
        case .startConsuming:
            if !consuming {
                consuming = true
                try startConsumers(on: link)
            }
        case .stopConsuming(let continuation):
            defer {
                connection.deliveries.finish()
                continuation?.resume()
            }
            guard consuming else { return }
            consuming = false
            for queue in connection.plan.consumedQueues {
                try link.cancel(consumerTag: queue.name, channel: BusConnection.consumerChannel)
            }
            while let event = try link.nextEvent() {
                try handle(event)
            }
        case .close(let continuation):
            closeRequest = continuation
        case .abandon(let continuation):
            finish(continuation)
        }
    }

    /// Sends the consumer channel's acknowledgements gathered this round (``AcknowledgementBatch``).
    private func sendAcknowledgements(on link: AMQPLink) throws(BusError) {
        let (upTo, single) = acknowledgements.take()
        if let upTo { try link.acknowledge(upTo, multiple: true, channel: BusConnection.consumerChannel) }
        for tag in single { try link.acknowledge(tag, multiple: false, channel: BusConnection.consumerChannel) }
    }

    private func acknowledge(_ acknowledgement: Acknowledgement, on link: AMQPLink) throws(BusError) {
        guard acknowledgement.generation == generation else {
            logger.debug("dropping a stale delivery tag", metadata: ["tag": "\(acknowledgement.deliveryTag)"])
            return
        }
        if acknowledgement.channel == BusConnection.consumerChannel {
            acknowledgements.add(acknowledgement.deliveryTag)
        } else {
            try link.acknowledge(acknowledgement.deliveryTag, multiple: false, channel: acknowledgement.channel)
        }
    }

    private func handle(_ event: LinkEvent) throws(BusError) {
        switch event {
        case .delivery(let delivery) where delivery.channel == BusConnection.instanceChannel:
            connection.plan.instanceQueue?.handler(InstanceDelivery(routingKey: delivery.routingKey, type: delivery.type, body: delivery.body))
        case .delivery(let delivery) where delivery.channel == BusConnection.replyChannel:
            if let id = delivery.correlationId, let request = requests.removeValue(forKey: id) {
                request.completion.resume(returning: .success(delivery.body))
            }
        case .delivery(let delivery):
            if delivery.channel == BusConnection.consumerChannel { acknowledgements.delivered(delivery.deliveryTag) }
            connection.deliveries.yield(delivery)
        case .confirm(let channel, let tag, let multiple, let acknowledged):
            guard channel == BusConnection.confirmChannel else { return }
            if multiple {
                while let first = unconfirmed.first, first.tag <= tag {
                    unconfirmed.removeFirst()
                    settle(first.publish, acknowledged: acknowledged)
                }
            } else if let index = unconfirmed.firstIndex(where: { $0.tag == tag }) {
                settle(unconfirmed.remove(at: index).publish, acknowledged: acknowledged)
            }
        case .returned(let channel, let messageId, let correlationId, let exchange, let routingKey):
            if channel == BusConnection.confirmChannel, let messageId {
                returnedMessageIds[messageId, default: 0] += 1
            } else if channel == BusConnection.replyChannel, let correlationId,
                      let request = requests.removeValue(forKey: correlationId) {
                request.completion.resume(returning: .failure(.unroutable(exchange: exchange, routingKey: routingKey)))
            }
        case .consumerCancelled(let tag):
            throw .broker("the broker cancelled the consumer of \(tag)")
        case .ignored:
            return
        }
    }

    private func settle(_ publish: ConfirmedPublish, acknowledged: Bool) {
        let message = publish.message
        guard acknowledged else {
            publish.completion.resume(returning: .failure(.publishNacked(exchange: message.exchange, routingKey: message.routingKey)))
            return
        }
        if let id = message.messageId, let count = returnedMessageIds[id] {
            returnedMessageIds[id] = count > 1 ? count - 1 : nil
            publish.completion.resume(returning: .failure(.unroutable(exchange: message.exchange, routingKey: message.routingKey)))
        } else {
            publish.completion.resume(returning: .success(()))
        }
    }

    /// Fails operations past their deadline (checked at most every 10 ms unless forced).
    private func expireOperations(now: ContinuousClock.Instant, force: Bool) {
        guard force || now >= nextExpiryCheck else { return }
        nextExpiryCheck = now + .milliseconds(10)
        if backlog.contains(where: { $0.deadline.map { $0 <= now } ?? false }) {
            var kept = Deque<ConnectionOperation>()
            for operation in backlog {
                if let deadline = operation.deadline, deadline <= now {
                    operation.fail(.unavailable("no connection to the message broker before the deadline"))
                } else {
                    kept.append(operation)
                }
            }
            backlog = kept
        }
        if unconfirmed.contains(where: { $0.publish.deadline <= now }) {
            unconfirmed.removeAll { entry in
                guard entry.publish.deadline <= now else { return false }
                entry.publish.completion.resume(returning: .failure(.timeout("no publisher confirm for \(entry.publish.message.routingKey) before the deadline")))
                return true
            }
        }
        for (id, request) in requests where request.deadline <= now {
            requests[id] = nil
            request.completion.resume(returning: .failure(.timeout("no reply to \(request.message.type ?? "the request") before the deadline")))
        }
    }
}

extension Duration {
    /// The duration in whole milliseconds.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
