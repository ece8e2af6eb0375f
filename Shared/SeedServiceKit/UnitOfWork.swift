public import Foundation
public import SeedContracts
import SeedOutbox
public import SeedStore
import SeedBus
public import Tracing

/// The one way a use case changes state: run a body once per message id, in one transaction of the
/// service's store, with the events (and commands) it stages in the outbox; publish them after the
/// commit; answer store failures as contract errors.
///
/// ```swift
/// func rename(_ command: RenameBoardV1, envelope: MessageEnvelope) async throws -> BoardV1 {
///     let name = try BoardRules.name(command.name)          // validate before the transaction opens
///     return try await work.once(envelope) { tx in
///         var board = try await tx.boards.require(command.boardId)
///         board.name = name
///         try await tx.boards.replace(board)
///         try await tx.publish(BoardRenamedV1(board: board.view))
///         return board.view
///     }
/// }
/// ```
///
/// Guarantees (see docs/architecture.md, "How a request flows"):
/// - the body's writes, the staged messages and the inbox record of the message id commit together;
/// - a redelivered message (same id) does not run the body again and gets the first result back
///   (``once(_:consumer:_:)``), or is refused as a conflict (``onceWithoutReplay(_:consumer:_:)``);
/// - the outbox relay is woken after a commit that staged messages, never before.
public struct UnitOfWork: Sendable {
    /// The service's store, for reads outside a transaction (``mapStoreErrors(_:)``).
    public let store: any DocumentStore
    private let service: ServiceName
    private let errors: StoreErrorMapping
    private let clock: @Sendable () -> Date
    private let messagesStaged: @Sendable () -> Void
    private let tracing: MessageTracing

    /// - Parameters:
    ///   - store: The service's own database.
    ///   - service: Names the inbox's default consumer and the database in error messages.
    ///   - errors: How store failures read as contract errors (nouns for duplicate keys).
    ///   - now: The clock of ``Transaction/now``; tests inject one.
    ///   - messagesStaged: Called after a transaction that staged messages committed: wakes the
    ///     outbox relay (`relay.notify()`).
    ///   - tracer: Records each transaction (span `transaction <service>`) and each staged message
    ///     (`create <type>`); the active tracer by default, the service bus's in ``ServiceHost/addUnitOfWork(bus:collections:errors:)``.
    public init(
        store: any DocumentStore, service: ServiceName, errors: StoreErrorMapping = StoreErrorMapping(),
        now: @escaping @Sendable () -> Date = Date.init, messagesStaged: @escaping @Sendable () -> Void,
        tracer: any Tracer = InstrumentationSystem.tracer
    ) {
        self.store = store
        self.service = service
        self.errors = errors
        self.clock = now
        self.messagesStaged = messagesStaged
        self.tracing = MessageTracing(tracer: tracer, service: service)
    }

    /// The current time of this service's clock.
    public var now: Date { clock() }

    /// Runs `body` once per message id in one transaction and returns its result; a redelivery of the
    /// same message returns the first result without running `body`.
    ///
    /// - Parameter consumer: Names the handler in the inbox. Commands can keep the default (the
    ///   service); give each *event* handler its own name, so that two handlers of one event in this
    ///   service each run once.
    public func once<R: Codable & Sendable>(
        _ envelope: MessageEnvelope, consumer: String? = nil, _ body: @escaping @Sendable (Transaction) async throws -> R
    ) async throws -> R {
        let inbox = Inbox(store: store, consumer: consumer ?? service.rawValue)
        return try await committing(envelope) { begin in
            try await inbox.once(envelope.messageId) { try await body(begin($0)) }
        }
    }

    /// Like ``once(_:consumer:_:)`` for results that must not be stored (new tokens, secrets): a
    /// redelivery of a message already carried out is refused as a `conflict`.
    public func onceWithoutReplay<R: Sendable>(
        _ envelope: MessageEnvelope, consumer: String? = nil, _ body: @escaping @Sendable (Transaction) async throws -> R
    ) async throws -> R {
        let inbox = Inbox(store: store, consumer: consumer ?? service.rawValue)
        let result = try await committing(envelope) { begin in
            try await inbox.onceWithoutReplay(envelope.messageId) { try await body(begin($0)) }
        }
        guard let result else {
            throw ContractError(.conflict, "this command (message \(envelope.messageId)) was already carried out; its result went to the first reply")
        }
        return result
    }

    /// Runs `body` (reads, or a single write that needs no transaction and no deduplication) against
    /// ``store`` directly, with store failures answered as contract errors.
    public func mapStoreErrors<R>(_ body: () async throws -> R) async throws -> R {
        try await errors.map(database: service.rawValue, body)
    }

    /// Opens the transaction (through `run`, which the inbox wraps), maps errors, wakes the relay.
    private func committing<R>(
        _ envelope: MessageEnvelope,
        _ run: (_ begin: @escaping @Sendable (any DocumentOperations) -> Transaction) async throws -> R
    ) async throws -> R {
        let now = clock()
        let staged = StagedMessages()
        let tracing = tracing
        let attributes: SpanAttributes = [
            "messaging.message.id": .string(envelope.messageId), "seed.message.type": .string(envelope.type.wireName),
        ]
        let result = try await tracing.withSpan("transaction \(service.rawValue)", continuing: envelope, attributes: attributes) {
            try await errors.map(database: service.rawValue) {
                try await run { operations in
                    Transaction(operations: operations, envelope: envelope, now: now, staged: staged, tracing: tracing)
                }
            }
        }
        if staged.any { messagesStaged() }
        return result
    }
}
