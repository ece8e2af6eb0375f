import Foundation
import Logging
import Metrics
import SeedContracts

extension Bus {
    /// Runs the handler of one delivery and settles it: acknowledge (and reply), retry, or dead-letter.
    /// Never throws: every failure ends in a retry or dead-letter queue, or in a redelivery.
    func dispatch(_ delivery: Delivery, connection: BusConnection) async {
        metrics.consumed.increment()
        let attempt = Int(delivery.headers[BusHeaders.attempts]?.integerValue ?? 0) + 1
        let acknowledgement = Acknowledgement(
            channel: delivery.channel, deliveryTag: delivery.deliveryTag, generation: delivery.generation)
        guard let type = delivery.type ?? (try? WireCoding.decoder().decode(EnvelopeOnly.self, from: Data(delivery.body)))?.envelope.type.wireName else {
            await deadLetter(delivery, reason: "malformed body: not a Seed Suite message", attempts: attempt, reply: nil, connection: connection)
            return
        }
        guard let handler = handler(forQueue: delivery.consumerTag, type: type) else {
            await deadLetter(delivery, reason: "unknown message type '\(type)' on \(delivery.consumerTag)", attempts: attempt, reply: nil, connection: connection)
            return
        }
        // Only types with a handler get their own series: a body's type names no unbounded label values.
        let instruments = metrics.byType[type]
        let started = ContinuousClock.now
        let outcome = await handler.run(delivery.body, attempt, delivery.redelivered, delivery.replyTo != nil)
        instruments.handlerDuration.recordNanoseconds(started.duration(to: .now).nanoseconds)
        switch outcome {
        case .succeeded(let reply):
            settle(delivery, reply: reply, acknowledgement: acknowledgement, connection: connection)
        case .rejected(let error, let reply):
            if delivery.replyTo != nil, reply != nil {
                logger.debug("request rejected", metadata: Self.metadata(of: delivery, ["type": "\(type)", "error": "\(error)"]))
                settle(delivery, reply: reply, acknowledgement: acknowledgement, connection: connection)
            } else {
                await deadLetter(delivery, reason: "rejected: \(error)", attempts: attempt, reply: nil, connection: connection, counter: instruments.deadLettered)
            }
        case .failed(let reason, let reply):
            if attempt < configuration.maxAttempts {
                await retry(delivery, reason: reason, attempt: attempt, connection: connection, counter: instruments.retried)
            } else {
                await deadLetter(delivery, reason: reason, attempts: attempt, reply: reply, connection: connection, counter: instruments.deadLettered)
            }
        case .malformed(let reason):
            await deadLetter(delivery, reason: "malformed body: \(reason)", attempts: attempt, reply: nil, connection: connection, counter: instruments.deadLettered)
        }
    }

    /// Acknowledges, publishing the reply first when the delivery asked for one.
    private func settle(_ delivery: Delivery, reply: [UInt8]?, acknowledgement: Acknowledgement, connection: BusConnection) {
        metrics.acknowledged.increment()
        guard let replyTo = delivery.replyTo, let reply else {
            connection.enqueue(.acknowledge(acknowledgement))
            return
        }
        let message = OutgoingMessage(
            exchange: "", routingKey: replyTo, body: reply, type: nil, messageId: nil,
            correlationId: delivery.correlationId, mandatory: false, persistent: false)
        connection.enqueue(.reply(message, acknowledgement))
    }

    /// Publishes the delivery to retry queue `attempt` (confirmed), then acknowledges the original.
    private func retry(_ delivery: Delivery, reason: String, attempt: Int, connection: BusConnection, counter: Counter) async {
        logger.notice("handler failed; retrying", metadata: Self.metadata(of: delivery, [
            "queue": "\(delivery.consumerTag)", "attempt": "\(attempt)", "reason": "\(reason)",
        ]))
        let moved = await move(
            delivery, to: names.retryQueue(of: delivery.consumerTag, attempt: attempt),
            headers: [(BusHeaders.attempts, .integer(Int64(attempt))), (BusHeaders.failureReason, .string(reason))],
            connection: connection)
        if moved { counter.increment() }
    }

    /// Publishes the delivery to its dead-letter queue (confirmed) with the reason and attempt count,
    /// then acknowledges the original (replying with `reply` when the delivery was a request).
    private func deadLetter(
        _ delivery: Delivery, reason: String, attempts: Int, reply: [UInt8]?, connection: BusConnection,
        counter: Counter? = nil
    ) async {
        logger.warning("dead-lettering a message", metadata: Self.metadata(of: delivery, [
            "queue": "\(delivery.consumerTag)", "attempts": "\(attempts)", "reason": "\(reason)",
            "type": "\(delivery.type ?? "unknown")",
        ]))
        let moved = await move(
            delivery, to: names.deadLetterQueue(of: delivery.consumerTag),
            headers: [
                (BusHeaders.attempts, .integer(Int64(attempts))), (BusHeaders.failureReason, .string(reason)),
                (BusHeaders.originalQueue, .string(delivery.consumerTag)),
            ],
            connection: connection, reply: reply)
        if moved { (counter ?? metrics.byType["unknown"].deadLettered).increment() }
    }

    /// `metadata` with the delivery's message id and, unless it is a request (whose AMQP correlation id
    /// is its own message id), its correlation id: the bus logs these outside the handler's context.
    private static func metadata(of delivery: Delivery, _ metadata: Logger.Metadata) -> Logger.Metadata {
        var metadata = metadata
        if let id = delivery.messageId { metadata["message.id"] = .string(id) }
        if delivery.replyTo == nil, let id = delivery.correlationId { metadata["correlation.id"] = .string(id) }
        return metadata
    }

    /// Moves a delivery to `queue`: the copy is confirmed before the original is acknowledged.
    /// When the copy cannot be confirmed, the original is requeued (never lost, possibly duplicated).
    private func move(
        _ delivery: Delivery, to queue: String, headers: [(name: String, value: HeaderValue)],
        connection: BusConnection, reply: [UInt8]? = nil
    ) async -> Bool {
        let acknowledgement = Acknowledgement(
            channel: delivery.channel, deliveryTag: delivery.deliveryTag, generation: delivery.generation)
        guard delivery.generation == connection.generation else {
            // The link that delivered it is gone; the broker redelivers the original.
            return false
        }
        let copy = delivery.republished(to: queue, headers: headers)
        switch await connection.publishConfirmed(copy, timeout: configuration.publishTimeout) {
        case .success:
            if let reply, let replyTo = delivery.replyTo {
                let message = OutgoingMessage(
                    exchange: "", routingKey: replyTo, body: reply, type: nil, messageId: nil,
                    correlationId: delivery.correlationId, mandatory: false, persistent: false)
                connection.enqueue(.reply(message, acknowledgement))
            } else {
                connection.enqueue(.acknowledge(acknowledgement))
            }
            return true
        case .failure(let error):
            logger.error("could not move a message; requeueing it", metadata: ["queue": "\(queue)", "error": "\(error)"])
            connection.enqueue(.reject(acknowledgement))
            return false
        }
    }
}
