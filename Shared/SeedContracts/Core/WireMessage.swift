import Foundation

/// The JSON body of every AMQP message:
///
/// ```json
/// {"envelope": {...}, "payload": {...}}
/// ```
/// A reply that failed carries `error` instead of `payload`.
public struct WireMessage<Payload: Codable & Sendable>: Codable, Sendable {
    public var envelope: MessageEnvelope
    public var payload: Payload?
    public var error: ContractError?

    public init(envelope: MessageEnvelope, payload: Payload) {
        self.envelope = envelope
        self.payload = payload
        self.error = nil
    }

    public init(envelope: MessageEnvelope, error: ContractError) {
        self.envelope = envelope
        self.payload = nil
        self.error = error
    }

    /// The payload, or the carried error thrown, or a validation error when neither is present.
    public func result() throws(ContractError) -> Payload {
        if let payload { return payload }
        if let error { throw error }
        throw ContractError.validation("message \(envelope.messageId) has neither payload nor error")
    }
}

/// Just the envelope of a body, read without knowing the payload's type
/// (the bus uses it to route a delivery to its handler).
public struct EnvelopeOnly: Decodable, Sendable {
    public var envelope: MessageEnvelope
}

/// The one JSON configuration used for every message on the wire:
/// ISO 8601 dates with milliseconds in UTC, keys sorted so bodies are stable.
public enum WireCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(dateStyle))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let raw = try container.decode(String.self)
            if let date = try? dateStyle.parse(raw) { return date }
            if let date = try? Date.ISO8601FormatStyle().parse(raw) { return date }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(raw)' is not an ISO 8601 date-time")
        }
        return decoder
    }

    private static let sharedEncoder = encoder()
    private static let sharedDecoder = decoder()
    private static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Encodes a message with its envelope.
    public static func encode<M: Codable & Sendable>(_ message: WireMessage<M>) throws -> [UInt8] {
        Array(try sharedEncoder.encode(message))
    }

    /// Decodes a message body; a body that is not JSON of this shape throws `DecodingError`.
    public static func decode<M: Codable & Sendable>(_ type: M.Type, from bytes: some Collection<UInt8>) throws -> WireMessage<M> {
        try sharedDecoder.decode(WireMessage<M>.self, from: Data(bytes))
    }
}
