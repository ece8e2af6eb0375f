/// A W3C trace context `traceparent` value: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
public struct TraceParent: Sendable, Hashable, CustomStringConvertible {
    public let traceId: String
    public let parentId: String
    public let flags: String

    /// Parses a `traceparent` header; returns `nil` when it is malformed or uses the all-zero ids.
    public init?(_ header: String) {
        let parts = header.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "00",
              parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
              parts[1...3].allSatisfy({ $0.allSatisfy(\.isHexDigit) && $0 == $0.lowercased() }),
              parts[1].contains(where: { $0 != "0" }), parts[2].contains(where: { $0 != "0" })
        else { return nil }
        traceId = String(parts[1])
        parentId = String(parts[2])
        flags = String(parts[3])
    }

    private init(traceId: String, parentId: String, flags: String) {
        self.traceId = traceId
        self.parentId = parentId
        self.flags = flags
    }

    /// A new sampled trace.
    public static func random() -> TraceParent {
        var generator = SystemRandomNumberGenerator()
        return TraceParent(
            traceId: hex(nonZero(&generator)) + hex(generator.next()), parentId: hex(nonZero(&generator)), flags: "01")
    }

    /// The same trace with a new span id, for a message caused by this one.
    public func child() -> TraceParent {
        var generator = SystemRandomNumberGenerator()
        return TraceParent(traceId: traceId, parentId: Self.hex(Self.nonZero(&generator)), flags: flags)
    }

    public var description: String { "00-\(traceId)-\(parentId)-\(flags)" }

    // Whole 64-bit draws: one `getrandom` call per 8 bytes rather than per byte keeps this off the
    // bus's hot path (every message gets a traceparent).
    private static func nonZero(_ generator: inout SystemRandomNumberGenerator) -> UInt64 {
        var value: UInt64 = 0
        repeat { value = generator.next() } while value == 0
        return value
    }

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
