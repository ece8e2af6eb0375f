/// A W3C trace context `traceparent` value: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
public struct TraceParent: Sendable, Hashable, CustomStringConvertible {
    public let traceId: String
    public let parentId: String
    public let flags: String

    /// Parses a `traceparent` header; returns `nil` when it is malformed or uses the all-zero ids.
    ///
    /// Every consumed message's envelope is checked here, so this reads UTF-8 bytes rather than characters:
    /// `00-<32 lower-case hex digits>-<16>-<2>`.
    public init?(_ header: String) {
        let bytes = Array(header.utf8)
        let dash = UInt8(ascii: "-")
        func isLowerHex(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
        let trace = bytes.count == 55 ? bytes[3..<35] : []
        let parent = bytes.count == 55 ? bytes[36..<52] : []
        guard bytes.count == 55, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "0"),
              bytes[2] == dash, bytes[35] == dash, bytes[52] == dash,
              trace.allSatisfy(isLowerHex), parent.allSatisfy(isLowerHex), bytes[53...].allSatisfy(isLowerHex),
              trace.contains(where: { $0 != UInt8(ascii: "0") }), parent.contains(where: { $0 != UInt8(ascii: "0") })
        else { return nil }
        traceId = String(decoding: trace, as: UTF8.self)
        parentId = String(decoding: parent, as: UTF8.self)
        flags = String(decoding: bytes[53...], as: UTF8.self)
    }

    private init(traceId: String, parentId: String, flags: String) {
        self.traceId = traceId
        self.parentId = parentId
        self.flags = flags
    }

    /// A new sampled trace.
    ///
    /// Ids come from ``IdRandomNumberGenerator``: every message gets a traceparent, so this is on the
    /// bus's hot path.
    public static func random() -> TraceParent {
        var generator = IdRandomNumberGenerator()
        return TraceParent(
            traceId: hex(generator.nextNonZero()) + hex(generator.next()), parentId: hex(generator.nextNonZero()), flags: "01")
    }

    /// The same trace with a new span id, for a message caused by this one.
    public func child() -> TraceParent {
        var generator = IdRandomNumberGenerator()
        return TraceParent(traceId: traceId, parentId: Self.hex(generator.nextNonZero()), flags: flags)
    }

    public var description: String { "00-\(traceId)-\(parentId)-\(flags)" }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                buffer[index] = hexDigits[Int((value >> UInt64(60 - index * 4)) & 0xF)]
            }
            return 16
        }
    }
}
