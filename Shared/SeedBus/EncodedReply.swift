import SeedContracts

/// A command's reply payload already encoded as JSON, exactly as ``WireCoding/encode(value:)`` writes
/// the `Reply` value: what a handler answers with when it keeps the encoded bytes of a reply that many
/// requests share (a read model's cached view), so that answering is sending bytes, not encoding.
public struct EncodedReply<Reply: Codable & Sendable>: Sendable {
    /// The payload's JSON.
    public let bytes: [UInt8]

    /// Bytes as ``WireCoding/encode(value:)`` writes a `Reply` (the caller vouches for that).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// `reply`, encoded.
    public init(_ reply: Reply) throws {
        bytes = try WireCoding.encode(value: reply)
    }

    /// The reply decoded again (for callers in the same process, such as tests).
    public func decoded() throws -> Reply {
        try WireCoding.decode(value: Reply.self, from: bytes)
    }
}

extension Bus {
    /// Handles command `C` like ``handle(_:_:)``, with a handler that answers with its reply already
    /// encoded (``EncodedReply``): the reply body is the envelope and those bytes, unencoded again, and
    /// a gateway passes them on as they are (``requestPayloadJSON(_:to:envelope:timeout:)``).
    public func handleEncoded<C: Command>(_ type: C.Type, _ handler: @escaping @Sendable (C, MessageContext) async throws -> EncodedReply<C.Reply>) {
        registry.withLock { $0.registerEncoded(type, handler) }
    }
}

extension HandlerRegistry {
    mutating func registerEncoded<C: Command>(_ type: C.Type, _ handler: @escaping @Sendable (C, MessageContext) async throws -> EncodedReply<C.Reply>) {
        registerCommand(type, handler) { envelope, reply in try Self.body(envelope: envelope, payload: reply.bytes) }
    }

    /// `{"envelope":…,"payload":…}`: a message body as ``WireCoding/encode(_:)`` writes one (members
    /// in sorted order), around a payload encoded already.
    static func body(envelope: MessageEnvelope, payload: [UInt8]) throws -> [UInt8] {
        let envelope = try WireCoding.encode(value: envelope)
        var body: [UInt8] = []
        body.reserveCapacity(envelope.count + payload.count + 24)
        body.append(contentsOf: Array(#"{"envelope":"#.utf8))
        body.append(contentsOf: envelope)
        body.append(contentsOf: Array(#","payload":"#.utf8))
        body.append(contentsOf: payload)
        body.append(UInt8(ascii: "}"))
        return body
    }
}
