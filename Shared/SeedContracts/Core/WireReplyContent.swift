/// What a reply body carries, found by scanning its top-level members without decoding them.
///
/// A caller that only passes a reply on (the gateway answering HTTP with a service's reply) takes the
/// payload's JSON as the replying service encoded it, instead of decoding it into its type and
/// encoding it again.
public enum WireReplyContent: Equatable, Sendable {
    /// The body's `payload` member: the byte range of its JSON value.
    case payload(Range<Int>)
    /// The body has an `error` member and no `payload`: decode it to read the error.
    case error
    /// The body is not a JSON object with a `payload` or an `error` member (or its member names
    /// are escaped): decode it to find out.
    case unknown

    /// Scans the top level of `body`. Nested values are skipped by their brackets and strings, so the
    /// cost is one pass over the bytes; nothing is validated beyond that structure.
    public init(of body: [UInt8]) {
        self = body.withUnsafeBufferPointer { bytes in
            var scanner = Scanner(bytes: bytes)
            return scanner.content() ?? .unknown
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func content() -> WireReplyContent? {
            skipWhitespace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var payload: Range<Int>?
            var hasError = false
            skipWhitespace()
            if take(UInt8(ascii: "}")) { return nil }
            while true {
                skipWhitespace()
                guard let key = string() else { return nil }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                guard let value = value() else { return nil }
                if matches(key, "payload") {
                    payload = value
                } else if matches(key, "error") {
                    hasError = true
                }
                skipWhitespace()
                if take(UInt8(ascii: "}")) { break }
                guard take(UInt8(ascii: ",")) else { return nil }
            }
            skipWhitespace()
            guard index == bytes.count else { return nil }
            // `"payload": null` beside an error is how Foundation would write an absent payload.
            if let payload, !(hasError && isNull(payload)) { return .payload(payload) }
            return hasError ? .error : nil
        }

        /// The range of a string's contents (between its quotes), escapes left as they are.
        private mutating func string() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""):
                    defer { index += 1 }
                    return start..<index
                default: index += 1
                }
            }
            return nil
        }

        /// The range of one JSON value: a string, an object or array (to its matching bracket), or a
        /// number or literal (to the next delimiter).
        private mutating func value() -> Range<Int>? {
            let start = index
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard string() != nil else { return nil }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                repeat {
                    guard index < bytes.count else { return nil }
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return nil }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    index += 1
                } while depth > 0
            default:
                while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
                guard index > start else { return nil }
            }
            return start..<index
        }

        private func matches(_ range: Range<Int>, _ name: StaticString) -> Bool {
            guard range.count == name.utf8CodeUnitCount else { return false }
            return name.withUTF8Buffer { name in
                name.indices.allSatisfy { bytes[range.lowerBound + $0] == name[$0] }
            }
        }

        private func isNull(_ range: Range<Int>) -> Bool { matches(range, "null") }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func skipWhitespace() {
            while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
        }

        private static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }

        private static func isDelimiter(_ byte: UInt8) -> Bool {
            isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
        }
    }
}
