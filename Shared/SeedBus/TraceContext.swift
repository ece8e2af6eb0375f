import SeedContracts

/// W3C `traceparent` values for the envelopes the bus creates on the hot path.
///
/// `TraceParent.random()` draws each byte with its own `getrandom` call; here three 64-bit draws
/// make a whole header, which the benchmark showed is a tenth of a request's CPU time.
enum TraceContext {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A new sampled trace: `00-<32 hex>-<16 hex>-01`.
    static func newTraceparent() -> String {
        var generator = SystemRandomNumberGenerator()
        var traceHigh: UInt64 = 0
        repeat { traceHigh = generator.next() } while traceHigh == 0
        return "00-" + hex(traceHigh) + hex(generator.next()) + "-" + newSpanId(&generator) + "-01"
    }

    /// The same trace with a new span id, or `traceparent` itself when it does not parse.
    static func child(of traceparent: String?) -> String? {
        guard let traceparent, let parsed = TraceParent(traceparent) else { return traceparent }
        var generator = SystemRandomNumberGenerator()
        return "00-" + parsed.traceId + "-" + newSpanId(&generator) + "-" + parsed.flags
    }

    /// The envelope of a message caused by `envelope`, like `MessageEnvelope.caused(type:)`.
    static func caused(by envelope: MessageEnvelope, type: MessageType) -> MessageEnvelope {
        MessageEnvelope(
            correlationId: envelope.correlationId, causationId: envelope.messageId, type: type,
            tenant: envelope.tenant, actor: envelope.actor, traceparent: child(of: envelope.traceparent))
    }

    private static func newSpanId(_ generator: inout SystemRandomNumberGenerator) -> String {
        var span: UInt64 = 0
        repeat { span = generator.next() } while span == 0
        return hex(span)
    }

    private static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                buffer[index] = hexDigits[Int((value >> UInt64(60 - index * 4)) & 0xF)]
            }
            return 16
        }
    }
}
