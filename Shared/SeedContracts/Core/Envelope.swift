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
    ///
    /// Drawn from ``IdRandomNumberGenerator`` (the kernel's random bytes, read 4 KiB at a time) rather
    /// than with `UUID()`, which opens, reads and closes `/dev/urandom` for every id on Linux; every
    /// message on the bus needs one.
    public static func newId() -> String {
        var generator = IdRandomNumberGenerator()
        let halves = (generator.next() as UInt64, generator.next() as UInt64)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for index in 0..<16 {
                var byte = UInt8(truncatingIfNeeded: (index < 8 ? halves.0 : halves.1) >> UInt64(56 - (index % 8) * 8))
                if index == 6 { byte = byte & 0x0F | 0x40 }  // version 4
                if index == 8 { byte = byte & 0x3F | 0x80 }  // RFC 4122 variant
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                buffer[position] = hexDigits[Int(byte >> 4)]
                buffer[position + 1] = hexDigits[Int(byte & 0xF)]
                position += 2
            }
            return position
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

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
