public import Foundation
public import SeedBus
public import SeedContracts
import SeedOutbox
public import SeedStore
import Synchronization

/// One transaction of a use case (``UnitOfWork/once(_:consumer:_:)``): the store operations, the
/// message that caused it and the time it runs at. Messages staged here are published after the commit.
///
/// Services add their collections as computed properties in an extension:
/// `var boards: DocumentCollection<Board> { collection(Board.self) }`.
public struct Transaction: Sendable {
    /// The store operations of this transaction.
    public let operations: any DocumentOperations
    /// The message being handled.
    public let envelope: MessageEnvelope
    /// The time this transaction runs at (one value for all its writes).
    public let now: Date
    let staged: StagedMessages
    let tracing: MessageTracing

    /// A typed collection inside this transaction.
    public func collection<D: StoredDocument>(_ type: D.Type) -> DocumentCollection<D> {
        DocumentCollection(type, in: operations)
    }

    /// Stages `event` in the outbox, caused by this transaction's message.
    ///
    /// Recorded as the span `create <type>`, a child of the transaction's: the staged envelope carries
    /// its context, and the relay's later `send <type>` continues from it.
    public func publish<E: Event>(_ event: E) async throws {
        var caused = envelope.caused(type: E.messageType)
        let span = tracing.outgoing(.create, &caused, destination: nil)
        do {
            try await Outbox.stage(try Bus.prepare(event, envelope: caused), in: operations)
            span.end()
        } catch {
            span.end(failing: error)
            throw error
        }
        staged.mark()
    }

    /// Stages `command` for its owner in the outbox: it is sent after the commit, at least once
    /// (the owner's inbox makes a redelivery harmless). For commands whose reply nobody waits for.
    ///
    /// Recorded as the span `create <type>`, as ``publish(_:)`` is.
    public func send<C: Command>(_ command: C, to destination: ServiceName? = nil) async throws {
        var caused = envelope.caused(type: C.messageType)
        let span = tracing.outgoing(.create, &caused, destination: nil)
        do {
            try await Outbox.stage(try Bus.prepare(command, to: destination, envelope: caused), in: operations)
            span.end()
        } catch {
            span.end(failing: error)
            throw error
        }
        staged.mark()
    }

    /// The signed-in caller (`envelope.actor`), or `unauthenticated`.
    public func actor() throws(ContractError) -> String {
        try envelope.signedInActor()
    }
}

/// Whether a transaction staged any message (in any of its attempts: an extra relay pass is harmless).
final class StagedMessages: Sendable {
    private let flag = Atomic<Bool>(false)

    func mark() { flag.store(true, ordering: .relaxed) }

    var any: Bool { flag.load(ordering: .relaxed) }
}

extension MessageEnvelope {
    /// The signed-in caller that the gateway put in `actor` from a verified token, or `unauthenticated`.
    public func signedInActor() throws(ContractError) -> String {
        guard let actor, !actor.isEmpty else {
            throw ContractError(.unauthenticated, "this command needs a signed-in user (envelope.actor)")
        }
        return actor
    }
}
