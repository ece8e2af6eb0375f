/// The depth and consumers of one queue, as a passive `queue.declare` reports them.
public struct QueueStatus: Sendable, Equatable {
    /// The queue's name.
    public let name: String
    /// Ready messages (deliveries handed out and not yet acknowledged are not counted).
    public let messages: Int
    /// Consumers attached to it.
    public let consumers: Int
}

extension Bus {
    /// The ready messages and consumers of `queue`, or `nil` when the broker has no such queue.
    ///
    /// A passive declaration is all AMQP offers: it reports no rates and no unacknowledged count.
    public func queueStatus(of queue: String) async throws(BusError) -> QueueStatus? {
        do {
            let counts = try await liveConnection().perform(timeout: configuration.publishTimeout) { link, channel throws(BusError) in
                try link.queueCounts(queue, channel: channel)
            }
            return QueueStatus(name: queue, messages: counts.messages, consumers: counts.consumers)
        } catch {
            if case .broker(let text) = error, text.contains("NOT_FOUND") { return nil }
            throw error
        }
    }
}

extension DeadLetterQueue {
    /// What ``settle(limit:where:action:)`` does with each dead letter it picks.
    public enum SelectionAction: Sendable {
        /// Publish a copy to the consumed queue (attempt count and failure reason removed, so it gets
        /// fresh attempts), then delete it here once the broker confirmed the copy.
        case replay
        /// Delete it.
        case discard
    }

    /// Walks the dead letters oldest first and replays or discards those `matching` picks, up to
    /// `limit`; the others stay in the queue (they are fetched and returned, keeping their order on a
    /// classic queue). Returns the dead letters it acted on.
    ///
    /// A letter is removed only after its copy is confirmed (``SelectionAction/replay``), so a crash
    /// in between leaves at worst one duplicate, which the consumers' deduplication absorbs.
    public func settle(
        limit: Int = .max, where matching: @Sendable (DeadLetter) -> Bool, action: SelectionAction
    ) async throws(BusError) -> [DeadLetter] {
        let connection = try bus.liveConnection()
        let name = name
        var settled: [DeadLetter] = []
        var kept: [Acknowledgement] = []
        defer { for acknowledgement in kept { connection.enqueue(.reject(acknowledgement)) } }
        while settled.count < limit {
            let fetched = try await connection.perform(timeout: bus.configuration.publishTimeout) { link, channel throws(BusError) in
                try link.get(name, channel: channel)
            }
            guard let letter = fetched else { break }
            let acknowledgement = Acknowledgement(channel: letter.channel, deliveryTag: letter.deliveryTag, generation: letter.generation)
            let view = DeadLetter(letter)
            guard matching(view) else {
                kept.append(acknowledgement)
                continue
            }
            if case .replay = action {
                var copy = letter.republished(to: queue, headers: [])
                copy.headers.removeAll { [BusHeaders.attempts, BusHeaders.failureReason, BusHeaders.originalQueue].contains($0.name) }
                do throws(BusError) {
                    try await bus.publishConfirmed(copy)
                } catch {
                    kept.append(acknowledgement)
                    throw error
                }
            }
            connection.enqueue(.acknowledge(acknowledgement))
            settled.append(view)
        }
        if !settled.isEmpty {
            bus.logger.notice(
                "settled dead letters",
                metadata: ["queue": "\(queue)", "count": "\(settled.count)", "action": "\(action)"])
        }
        return settled
    }

}
