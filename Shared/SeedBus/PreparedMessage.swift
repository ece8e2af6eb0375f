import SeedContracts

/// A command or event encoded ahead of publishing: what a transactional outbox stores in the same
/// transaction as the state change, and what its relay publishes once the change is committed.
public struct PreparedMessage: Codable, Sendable, Hashable {
    /// Where the message goes.
    public enum Route: Codable, Sendable, Hashable {
        /// The event exchange, with the message type's wire name as routing key.
        case event
        /// A service's command queue.
        case command(ServiceName)
    }

    public var route: Route
    public var type: MessageType
    public var messageId: String
    public var correlationId: String
    /// The `WireMessage` JSON body.
    public var body: [UInt8]
    /// The envelope's W3C trace context (the span that staged the message), kept beside the body so
    /// that sending it later continues the trace without decoding the body; `nil` in records written
    /// before it was kept.
    public var traceparent: String?
}

extension Bus {
    /// `event` with its envelope, encoded for publishing later with ``publish(_:)-(PreparedMessage)``.
    public static func prepare<E: Event>(_ event: E, envelope: MessageEnvelope? = nil) throws(BusError) -> PreparedMessage {
        let envelope = Self.envelope(envelope, type: E.messageType)
        return PreparedMessage(
            route: .event, type: E.messageType, messageId: envelope.messageId, correlationId: envelope.correlationId,
            body: try Self.encode(WireMessage(envelope: envelope, payload: event)), traceparent: envelope.traceparent)
    }

    /// `command` (fire-and-forget) with its envelope, encoded for sending later.
    public static func prepare<C: Command>(_ command: C, to destination: ServiceName? = nil, envelope: MessageEnvelope? = nil) throws(BusError) -> PreparedMessage {
        let envelope = Self.envelope(envelope, type: C.messageType)
        return PreparedMessage(
            route: .command(try Self.destination(of: C.self, to: destination)), type: C.messageType,
            messageId: envelope.messageId, correlationId: envelope.correlationId,
            body: try Self.encode(WireMessage(envelope: envelope, payload: command)), traceparent: envelope.traceparent)
    }

    /// Publishes a prepared message (persistent, confirmed, mandatory) and waits for the broker's
    /// confirmation, exactly as ``publish(_:envelope:)`` or ``send(_:to:envelope:)`` would have.
    ///
    /// Recorded as the span `send <type>`: a child of the current span, or else of the trace context
    /// the message was prepared with (the outbox relay sends what a transaction staged earlier).
    public func publish(_ prepared: PreparedMessage) async throws(BusError) {
        let span = tracing.outgoing(
            .send, type: prepared.type, messageId: prepared.messageId, correlationId: prepared.correlationId,
            traceparent: prepared.traceparent, destination: destination(of: prepared.route))
        do throws(BusError) {
            try await publishUntraced(prepared)
            span.end()
        } catch {
            span.end(failing: error)
            throw error
        }
    }

    private func destination(of route: PreparedMessage.Route) -> String {
        switch route {
        case .event: names.eventExchange
        case .command(let service): names.commandQueue(of: service)
        }
    }

    /// Publishes a prepared message whose span the caller records.
    func publishUntraced(_ prepared: PreparedMessage) async throws(BusError) {
        let (exchange, routingKey) = switch prepared.route {
        case .event: (names.eventExchange, prepared.type.wireName)
        case .command(let service): ("", names.commandQueue(of: service))
        }
        try await publishConfirmed(OutgoingMessage(
            exchange: exchange, routingKey: routingKey, body: prepared.body, type: prepared.type.wireName,
            messageId: prepared.messageId, correlationId: prepared.correlationId, mandatory: true, persistent: true))
    }
}
