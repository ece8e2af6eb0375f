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
            try container.encode(WireDate.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let raw = try container.decode(String.self)
            if let date = WireDate.parse(raw) { return date }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(raw)' is not an ISO 8601 date-time")
        }
        return decoder
    }

    private static let sharedEncoder = encoder()
    private static let sharedDecoder = decoder()

    /// Encodes a message with its envelope.
    public static func encode<M: Codable & Sendable>(_ message: WireMessage<M>) throws -> [UInt8] {
        Array(try sharedEncoder.encode(message))
    }

    /// Decodes a message body; a body that is not JSON of this shape throws `DecodingError`.
    public static func decode<M: Codable & Sendable>(_ type: M.Type, from bytes: some Collection<UInt8>) throws -> WireMessage<M> {
        try sharedDecoder.decode(WireMessage<M>.self, from: Data(bytes))
    }
}

/// Dates on the wire: ISO 8601 in UTC with exactly three fraction digits, `2026-01-01T09:30:00.000Z`.
///
/// Every date is rounded to whole milliseconds, when an envelope is made and when a body is read,
/// so a date survives encoding and decoding bit for bit.
public enum WireDate {
    /// `date` rounded to whole milliseconds.
    public static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = Int(milliseconds - seconds * 1000)
        let whole = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(wholeSeconds)
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Parses an ISO 8601 date-time with or without fraction digits; `nil` for anything else.
    public static func parse(_ raw: String) -> Date? {
        if let date = try? withFraction.parse(raw) { return rounded(date) }
        if let date = try? wholeSeconds.parse(raw) { return date }
        return nil
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSeconds = Date.ISO8601FormatStyle()
}
