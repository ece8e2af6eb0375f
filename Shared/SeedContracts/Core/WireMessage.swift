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

    init(envelope: MessageEnvelope, payload: Payload?, error: ContractError?) {
        self.envelope = envelope
        self.payload = payload
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

    /// Encodes a message with its envelope: the bytes `encoder()` writes, by the faster ``WireJSON``
    /// when it covers the message (decision 0009), else by `encoder()` itself.
    public static func encode<M: Codable & Sendable>(_ message: WireMessage<M>) throws -> [UInt8] {
        if let bytes = try? WireJSON.encode(message: message) { return bytes }
        return Array(try sharedEncoder.encode(message))
    }

    /// Encodes any value as `encoder()` does (by ``WireJSON`` when it covers the value): a reply's
    /// payload on its own, say, or an HTTP body that should read like the wire.
    public static func encode<T: Encodable>(value: T) throws -> [UInt8] {
        if let bytes = try? WireJSON.encode(value) { return bytes }
        return Array(try sharedEncoder.encode(value))
    }

    /// Decodes any value as `decoder()` does (by ``WireJSON`` when it can be sure to agree): an HTTP
    /// request body, say. Bytes that do not decode throw `decoder()`'s `DecodingError`.
    public static func decode<T: Decodable>(value type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        let fast = bytes.withContiguousStorageIfAvailable { buffer in try? WireJSON.decode(T.self, from: buffer) }
        if let fast, let value = fast { return value }
        return try sharedDecoder.decode(T.self, from: Data(bytes))
    }

    /// Decodes a message body as `decoder()` does (by ``WireJSON`` when it can be sure to agree);
    /// a body that is not JSON of this shape throws `DecodingError`.
    public static func decode<M: Codable & Sendable>(_ type: M.Type, from bytes: some Collection<UInt8>) throws -> WireMessage<M> {
        let fast = bytes.withContiguousStorageIfAvailable { buffer in
            try? WireJSON.decode(message: M.self, from: buffer)
        }
        if let fast, let message = fast { return message }
        return try sharedDecoder.decode(WireMessage<M>.self, from: Data(bytes))
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
        // Every message carries a date: the common case (years 1970…9999) is written by hand,
        // which is many times faster than a format style.
        if seconds >= 0, seconds < 253_402_300_800 {
            let (year, month, day) = civilDate(daysSinceEpoch: seconds / 86_400)
            let secondOfDay = Int(seconds % 86_400)
            return String(unsafeUninitializedCapacity: 24) { buffer in
                func put(_ value: Int, digits: Int, at offset: Int) {
                    var value = value
                    for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                        buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                }
                put(year, digits: 4, at: 0)
                buffer[4] = UInt8(ascii: "-")
                put(month, digits: 2, at: 5)
                buffer[7] = UInt8(ascii: "-")
                put(day, digits: 2, at: 8)
                buffer[10] = UInt8(ascii: "T")
                put(secondOfDay / 3600, digits: 2, at: 11)
                buffer[13] = UInt8(ascii: ":")
                put(secondOfDay / 60 % 60, digits: 2, at: 14)
                buffer[16] = UInt8(ascii: ":")
                put(secondOfDay % 60, digits: 2, at: 17)
                buffer[19] = UInt8(ascii: ".")
                put(fraction, digits: 3, at: 20)
                buffer[23] = UInt8(ascii: "Z")
                return 24
            }
        }
        let whole = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(wholeSeconds)
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Parses an ISO 8601 date-time with or without fraction digits; `nil` for anything else.
    public static func parse(_ raw: String) -> Date? {
        if let milliseconds = parseCanonical(raw) { return Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
        if let date = try? withFraction.parse(raw) { return rounded(date) }
        if let date = try? wholeSeconds.parse(raw) { return date }
        return nil
    }

    /// Milliseconds since 1970 of a date in exactly the form ``format(_:)`` writes
    /// (`yyyy-MM-ddTHH:mm:ss.SSSZ`, year ≥ 1970); `nil` for any other form.
    private static func parseCanonical(_ raw: String) -> Int64? {
        var raw = raw
        return raw.withUTF8 { bytes -> Int64? in
            guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
            else { return nil }
            func number(_ offset: Int, _ digits: Int) -> Int? {
                var value = 0
                for index in offset..<(offset + digits) {
                    let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  let millisecond = number(20, 3),
                  year >= 1970, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
                  hour < 24, minute < 60, second < 60
            else { return nil }
            let days = Int64(daysSinceEpoch(year: year, month: month, day: day))
            return ((days * 86_400 + Int64(hour * 3600 + minute * 60 + second)) * 1000) + Int64(millisecond)
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's `days_from_civil` and `civil_from_days` (proleptic Gregorian calendar).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = Int(days) + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSeconds = Date.ISO8601FormatStyle()
}
