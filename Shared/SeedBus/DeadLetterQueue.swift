/// The dead-letter queue of one consumed queue, for an operator: count, replay, purge.
public struct DeadLetterQueue: Sendable {
    /// The consumed queue whose failures this holds.
    public let queue: String
    /// The dead-letter queue itself: `<queue>.dlq`.
    public let name: String
    let bus: Bus

    init(queue: String, bus: Bus) {
        self.queue = queue
        self.name = bus.names.deadLetterQueue(of: queue)
        self.bus = bus
    }

    /// How many dead letters are waiting.
    public func count() async throws(BusError) -> Int {
        let name = name
        return try await bus.liveConnection().perform(timeout: bus.configuration.publishTimeout) { link, channel throws(BusError) in
            try link.declareQueue(name, passive: true, channel: channel)
        }
    }

    /// Moves up to `limit` dead letters back to the consumed queue, oldest first, with their attempt
    /// count and failure reason removed, so each gets ``BusConfiguration/maxAttempts`` fresh attempts.
    /// Each is acknowledged in the dead-letter queue only after the broker confirmed its copy.
    /// Returns how many were moved.
    @discardableResult
    public func replay(limit: Int = .max) async throws(BusError) -> Int {
        let connection = try bus.liveConnection()
        let name = name
        var moved = 0
        while moved < limit {
            let fetched = try await connection.perform(timeout: bus.configuration.publishTimeout) { link, channel throws(BusError) in
                try link.get(name, channel: channel)
            }
            guard let letter = fetched else { break }
            let acknowledgement = Acknowledgement(channel: letter.channel, deliveryTag: letter.deliveryTag, generation: letter.generation)
            var copy = letter.republished(to: queue, headers: [])
            copy.headers.removeAll { [BusHeaders.attempts, BusHeaders.failureReason, BusHeaders.originalQueue].contains($0.name) }
            do {
                try await bus.publishConfirmed(copy)
            } catch {
                connection.enqueue(.reject(acknowledgement))
                throw error
            }
            connection.enqueue(.acknowledge(acknowledgement))
            moved += 1
        }
        if moved > 0 { bus.logger.notice("replayed dead letters", metadata: ["queue": "\(queue)", "count": "\(moved)"]) }
        return moved
    }

    /// Deletes every dead letter; returns how many there were.
    @discardableResult
    public func purge() async throws(BusError) -> Int {
        let name = name
        return try await bus.liveConnection().perform(timeout: bus.configuration.publishTimeout) { link, channel throws(BusError) in
            try link.purgeQueue(name, channel: channel)
        }
    }
}

extension Bus {
    /// The dead-letter queue of `queue` (for example `names.commandQueue(of: service)`).
    public func deadLetters(of queue: String) -> DeadLetterQueue {
        DeadLetterQueue(queue: queue, bus: self)
    }
}

/// A message in a dead-letter queue, as ``DeadLetterQueue/peek(limit:)`` shows it.
public struct DeadLetter: Sendable {
    /// The AMQP `message-id` (the envelope's message id for bus messages).
    public let messageId: String?
    /// The AMQP `type` (the message type's wire name), if the sender set it.
    public let type: String?
    /// Why the last attempt failed (`x-seed-failure-reason`).
    public let reason: String?
    /// How many attempts were made (`x-seed-attempts`).
    public let attempts: Int?
    /// The body as it was consumed.
    public let body: [UInt8]
    /// The AMQP `correlation-id` (the envelope's correlation id for bus messages).
    public var correlationId: String? = nil
    /// The queue it failed in (`x-seed-original-queue`).
    public var originalQueue: String? = nil
}

extension DeadLetter {
    init(_ letter: Delivery) {
        self.init(
            messageId: letter.messageId, type: letter.type,
            reason: letter.headers[BusHeaders.failureReason]?.stringValue,
            attempts: letter.headers[BusHeaders.attempts]?.integerValue.map { Int($0) },
            body: letter.body, correlationId: letter.correlationId,
            originalQueue: letter.headers[BusHeaders.originalQueue]?.stringValue)
    }
}

extension DeadLetterQueue {
    /// Shows up to `limit` dead letters without removing them (they are fetched and requeued).
    public func peek(limit: Int = 10) async throws(BusError) -> [DeadLetter] {
        let name = name
        return try await bus.liveConnection().perform(timeout: bus.configuration.publishTimeout) { link, channel throws(BusError) in
            var fetched: [Delivery] = []
            while fetched.count < limit, let letter = try link.get(name, channel: channel) {
                fetched.append(letter)
            }
            for letter in fetched {
                try link.reject(letter.deliveryTag, channel: channel)
            }
            return fetched.map(DeadLetter.init)
        }
    }
}
