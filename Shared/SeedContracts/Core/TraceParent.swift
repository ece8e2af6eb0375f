/// A W3C trace context `traceparent` value: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
///
/// Every message the bus sends carries one, and every caused message a new one, so a value keeps its
/// 55-byte header text and each new header is written into one string: no per-part strings on the way.
public struct TraceParent: Sendable, Hashable, CustomStringConvertible {
    /// The header text, valid by construction.
    public let description: String

    /// The 32 hex digits of the trace id.
    public var traceId: String { part(3..<35) }
    /// The 16 hex digits of the parent (span) id.
    public var parentId: String { part(36..<52) }
    /// The 2 hex digits of the trace flags.
    public var flags: String { part(53..<55) }

    /// Parses a `traceparent` header; returns `nil` when it is malformed or uses the all-zero ids.
    ///
    /// Every consumed message's envelope is checked here, so this reads UTF-8 bytes rather than characters:
    /// `00-<32 lower-case hex digits>-<16>-<2>`.
    public init?(_ header: String) {
        var header = header
        let valid = header.withUTF8 { bytes in
            func isLowerHex(_ byte: UInt8) -> Bool {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            }
            let dash = UInt8(ascii: "-")
            guard bytes.count == Self.length, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "0"),
                  bytes[2] == dash, bytes[35] == dash, bytes[52] == dash
            else { return false }
            let trace = bytes[3..<35], parent = bytes[36..<52]
            return trace.allSatisfy(isLowerHex) && parent.allSatisfy(isLowerHex) && bytes[53...].allSatisfy(isLowerHex)
                && trace.contains(where: { $0 != UInt8(ascii: "0") }) && parent.contains(where: { $0 != UInt8(ascii: "0") })
        }
        guard valid else { return nil }
        description = header
    }

    private init(unchecked header: String) {
        description = header
    }

    /// A new sampled trace.
    ///
    /// Ids come from ``IdRandomNumberGenerator``: every message gets a traceparent, so this is on the
    /// bus's hot path.
    public static func random() -> TraceParent {
        var generator = IdRandomNumberGenerator()
        let trace = (generator.nextNonZero(), generator.next())
        let parent = generator.nextNonZero()
        return TraceParent(unchecked: String(unsafeUninitializedCapacity: length) { buffer in
            buffer[0] = UInt8(ascii: "0")
            buffer[1] = UInt8(ascii: "0")
            buffer[2] = UInt8(ascii: "-")
            writeHex(trace.0, to: buffer, at: 3)
            writeHex(trace.1, to: buffer, at: 19)
            buffer[35] = UInt8(ascii: "-")
            writeHex(parent, to: buffer, at: 36)
            buffer[52] = UInt8(ascii: "-")
            buffer[53] = UInt8(ascii: "0")
            buffer[54] = UInt8(ascii: "1")
            return length
        })
    }

    /// The same trace with a new span id, for a message caused by this one.
    public func child() -> TraceParent {
        var generator = IdRandomNumberGenerator()
        let parent = generator.nextNonZero()
        var header = description
        return TraceParent(unchecked: header.withUTF8 { old in
            String(unsafeUninitializedCapacity: Self.length) { buffer in
                for index in 0..<36 { buffer[index] = old[index] }
                Self.writeHex(parent, to: buffer, at: 36)
                for index in 52..<Self.length { buffer[index] = old[index] }
                return Self.length
            }
        })
    }

    private static let length = 55
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Bytes `range` of the header, which is ASCII, so any byte range is whole characters.
    private func part(_ range: Range<Int>) -> String {
        let utf8 = description.utf8
        return String(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])!
    }

    private static func writeHex(_ value: UInt64, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        for index in 0..<16 {
            buffer[offset + index] = hexDigits[Int((value >> UInt64(60 - index * 4)) & 0xF)]
        }
    }
}
