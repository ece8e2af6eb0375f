import Foundation
public import Logging
public import SeedBus
public import SeedStore
public import ServiceLifecycle
import Synchronization

/// Publishes committed outbox messages, oldest first, and marks each one sent once the broker has
/// confirmed it.
///
/// Guarantees: a message is published only after the transaction that staged it committed (it is not
/// in the outbox before); a crash between commit and publish only delays it (the next relay finds it
/// pending); a crash between the broker's confirmation and the mark publishes it again, which the
/// consumers' ``Inbox`` turns into a no-op. Delivery is at-least-once, effects exactly-once.
///
/// Each send is the span `send <type>` of the bus's tracer, a child of the `create <type>` span of the
/// transaction that staged it (``PreparedMessage/traceparent``), so a trace reads on across the commit.
public final class OutboxRelay: Service, Sendable {
    private let store: any DocumentStore
    private let bus: Bus
    private let logger: Logger
    private let batchSize: Int
    private let pollInterval: Duration
    private let wakeUps = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))

    /// - Parameters:
    ///   - batchSize: At most this many messages per pass.
    ///   - pollInterval: How long to wait between passes when nobody calls ``notify()``.
    public init(store: any DocumentStore, bus: Bus, logger: Logger, batchSize: Int = 100, pollInterval: Duration = .milliseconds(500)) {
        self.store = store
        self.bus = bus
        self.logger = logger
        self.batchSize = batchSize
        self.pollInterval = pollInterval
    }

    /// Asks the running relay for a pass now (call it after committing a transaction that staged messages).
    public func notify() {
        wakeUps.continuation.yield()
    }

    /// Relays until graceful shutdown (or cancellation): a pass at start, after every ``notify()`` and
    /// every poll interval. Notifications that arrive during a pass are folded into one next pass.
    public func run() async throws {
        try await Outbox.prepare(store)
        let (stream, continuation) = (wakeUps.stream, wakeUps.continuation)
        let pollInterval = pollInterval
        continuation.yield()
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: pollInterval)
                        continuation.yield()
                    }
                }
                // One iterator for the relay's whole life: the stream ends on shutdown or cancellation.
                for await _ in stream {
                    do {
                        _ = try await relayPending()
                    } catch {
                        logger.warning("outbox relay pass failed; retrying", metadata: ["error": "\(error)"])
                    }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            continuation.finish()
        }
    }

    /// Publishes every pending message (up to the batch size per query) in creation order and marks
    /// them sent, a batch in one write; stops at the first message the broker does not confirm (after
    /// marking those confirmed before it), so order is kept. Returns how many were relayed.
    @discardableResult
    public func relayPending() async throws -> Int {
        let outbox = DocumentCollection(OutboxRecord.self, in: store)
        var relayed = 0
        while true {
            let pending = try await outbox.find(
                .equal("pending", .bool(true)),
                options: FindOptions(sort: [SortKey("createdAt"), SortKey("_id")], limit: batchSize))
            var confirmed: [DocumentValue] = []
            for record in pending {
                do {
                    // A child of the trace context the record was staged with: its `send <type>` span.
                    try await bus.publish(record.message)
                } catch {
                    logger.warning("outbox message not confirmed; the next pass retries it", metadata: [
                        "correlation.id": .string(record.message.correlationId), "message.id": .string(record.id),
                        "type": .string(record.message.type.wireName), "error": "\(error)",
                    ])
                    try? await Self.markPublished(confirmed, in: outbox)
                    throw error
                }
                confirmed.append(.string(record.id))
            }
            try await Self.markPublished(confirmed, in: outbox)
            relayed += confirmed.count
            if pending.count < batchSize { return relayed }
        }
    }

    /// Marks the records `ids` sent, in one write: one turn of the store's single writer per batch
    /// rather than per message (decision 0043). A crash before it publishes the batch again, which the
    /// consumers' inboxes absorb, as for a single message before.
    private static func markPublished(_ ids: [DocumentValue], in outbox: DocumentCollection<OutboxRecord>) async throws(StoreError) {
        guard !ids.isEmpty else { return }
        _ = try await outbox.update(
            .isIn("_id", ids), Update([.set("pending", .bool(false)), .set("publishedAt", .date(Date()))]), many: true)
    }
}
