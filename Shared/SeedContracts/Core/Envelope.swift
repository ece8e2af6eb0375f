import Foundation

/// The metadata that travels with every command, reply and event.
///
/// On the wire it is the `envelope` member of the JSON body (see ``WireMessage``).
public struct MessageEnvelope: Codable, Sendable, Equatable {
    /// Unique id of this message; consumers deduplicate on it.
    public var messageId: String
    /// Id shared by every message of one conversation (an HTTP request and everything it causes).
    public var correlationId: String
    /// Id of the message that caused this one, if any.
    public var causationId: String?
    /// What the payload is.
    public var type: MessageType
    /// Tenant the message belongs to, for tenant-scoped data.
    public var tenant: String?
    /// The user or service on whose behalf the message was sent.
    public var actor: String?
    /// When the sender created the message, in whole milliseconds.
    public var occurredAt: Date
    /// W3C trace context (`00-<trace-id>-<span-id>-<flags>`).
    public var traceparent: String?

    public init(
        messageId: String = MessageEnvelope.newId(),
        correlationId: String? = nil,
        causationId: String? = nil,
        type: MessageType,
        tenant: String? = nil,
        actor: String? = nil,
        occurredAt: Date = Date(),
        traceparent: String? = TraceParent.random().description
    ) {
        self.messageId = messageId
        self.correlationId = correlationId ?? messageId
        self.causationId = causationId
        self.type = type
        self.tenant = tenant
        self.actor = actor
        self.occurredAt = WireDate.rounded(occurredAt)
        self.traceparent = traceparent
    }

    /// A new random message id (a lower-case UUID).
    public static func newId() -> String { UUID().uuidString.lowercased() }

    /// The envelope of a message caused by this one: same correlation, tenant and trace,
    /// a new message id, and this message as its cause.
    public func caused(type: MessageType, actor: String? = nil) -> MessageEnvelope {
        MessageEnvelope(
            correlationId: correlationId,
            causationId: messageId,
            type: type,
            tenant: tenant,
            actor: actor ?? self.actor,
            traceparent: traceparent.flatMap(TraceParent.init(_:))?.child().description ?? traceparent
        )
    }
}
