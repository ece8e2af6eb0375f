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
        TraceParent(traceId: randomHex(bytes: 16), parentId: randomHex(bytes: 8), flags: "01")
    }

    /// The same trace with a new span id, for a message caused by this one.
    public func child() -> TraceParent {
        TraceParent(traceId: traceId, parentId: Self.randomHex(bytes: 8), flags: flags)
    }

    public var description: String { "00-\(traceId)-\(parentId)-\(flags)" }

    private static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = ""
        out.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            out += String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
        }
        return out
    }
}
