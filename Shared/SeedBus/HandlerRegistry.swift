import SeedContracts
import Tracing

/// What became of one delivery in its handler.
enum HandlerOutcome: Sendable {
    /// Done; `reply` is the encoded reply when the delivery asked for one.
    case succeeded(reply: [UInt8]?)
    /// The handler threw a client-side ``ContractError``: retrying cannot help.
    case rejected(ContractError, reply: [UInt8]?)
    /// The handler failed in a way a retry may fix; `reply` carries the error for a final answer.
    case failed(reason: String, reply: [UInt8]?)
    /// The body does not decode as the registered type.
    case malformed(reason: String)
}

/// A type-erased handler: decodes the body, runs the typed handler, encodes its reply.
struct RegisteredHandler: Sendable {
    var run: @Sendable (_ body: [UInt8], _ attempt: Int, _ redelivered: Bool, _ wantsReply: Bool) async -> HandlerOutcome
}

/// Handlers by message type wire name, one table per consumed queue.
struct HandlerRegistry: Sendable {
    var commands: [String: RegisteredHandler] = [:]
    var events: [String: RegisteredHandler] = [:]
    /// Wraps every handler in its `process <type>` span and correlation id (the bus sets its own).
    var tracing = MessageTracing(tracer: NoOpTracer())

    mutating func register<C: Command>(_ type: C.Type, _ handler: @escaping @Sendable (C, MessageContext) async throws -> C.Reply) {
        registerCommand(type, handler) { envelope, reply in try WireCoding.encode(WireMessage(envelope: envelope, payload: reply)) }
    }

    /// Registers command `C` with a handler answering `Answer`, which `encode` turns into the reply
    /// message's body around the reply envelope (a `C.Reply` value, or its bytes encoded already).
    mutating func registerCommand<C: Command, Answer: Sendable>(
        _ type: C.Type, _ handler: @escaping @Sendable (C, MessageContext) async throws -> Answer,
        encode: @escaping @Sendable (MessageEnvelope, Answer) throws -> [UInt8]
    ) {
        let tracing = tracing
        commands[C.messageType.wireName] = RegisteredHandler { body, attempt, redelivered, wantsReply in
            let message: WireMessage<C>
            do {
                message = try WireCoding.decode(C.self, from: body)
            } catch {
                return .malformed(reason: "\(C.messageType): \(error)")
            }
            guard let payload = message.payload else {
                return .malformed(reason: "\(C.messageType): the body has no payload")
            }
            let context = MessageContext(envelope: message.envelope, attempt: attempt, redelivered: redelivered)
            let replyEnvelope = context.envelope.caused(type: C.Reply.messageType)
            do {
                let reply = try await tracing.process(context.envelope, attempt: attempt) { try await handler(payload, context) }
                guard wantsReply else { return .succeeded(reply: nil) }
                return .succeeded(reply: try encode(replyEnvelope, reply))
            } catch {
                return Self.failure(error, replyEnvelope: replyEnvelope, replyType: C.Reply.self, wantsReply: wantsReply)
            }
        }
    }

    mutating func register<E: Event>(_ type: E.Type, _ handler: @escaping @Sendable (E, MessageContext) async throws -> Void) {
        let tracing = tracing
        events[E.messageType.wireName] = RegisteredHandler { body, attempt, redelivered, _ in
            let message: WireMessage<E>
            do {
                message = try WireCoding.decode(E.self, from: body)
            } catch {
                return .malformed(reason: "\(E.messageType): \(error)")
            }
            guard let payload = message.payload else {
                return .malformed(reason: "\(E.messageType): the body has no payload")
            }
            do {
                let context = MessageContext(envelope: message.envelope, attempt: attempt, redelivered: redelivered)
                try await tracing.process(context.envelope, attempt: attempt) { try await handler(payload, context) }
                return .succeeded(reply: nil)
            } catch {
                return Self.failure(error, replyEnvelope: nil, replyType: Accepted.self, wantsReply: false)
            }
        }
    }

    static func failure<R: Message>(
        _ error: any Error, replyEnvelope: MessageEnvelope?, replyType: R.Type, wantsReply: Bool
    ) -> HandlerOutcome {
        let contractError = (error as? ContractError) ?? ContractError(.internal, "\(error)")
        let reply = wantsReply ? replyEnvelope.flatMap { envelope in
            try? WireCoding.encode(WireMessage<R>(envelope: envelope, error: contractError))
        } : nil
        if let error = error as? ContractError, error.code.isDeterministicRejection {
            return .rejected(error, reply: reply)
        }
        return .failed(reason: "\(error)", reply: reply)
    }
}

extension ErrorCode {
    /// Client-side codes: the same message would fail the same way, so it is not retried.
    var isDeterministicRejection: Bool {
        switch self {
        case .validation, .notFound, .conflict, .forbidden, .unauthenticated, .rateLimited, .methodNotAllowed: true
        case .unavailable, .timeout, .internal: false
        }
    }
}
