import SeedContracts

/// What a handler knows about the delivery it is handling.
public struct MessageContext: Sendable {
    /// The envelope of the message; build follow-up envelopes with `envelope.caused(type:)`.
    public let envelope: MessageEnvelope
    /// 1 for the first delivery, then one more for every retry through a retry queue.
    public let attempt: Int
    /// The broker delivered this message before (a consumer died before acknowledging it).
    public let redelivered: Bool

    /// Creates a context; the bus does this for every delivery.
    public init(envelope: MessageEnvelope, attempt: Int, redelivered: Bool) {
        self.envelope = envelope
        self.attempt = attempt
        self.redelivered = redelivered
    }
}
