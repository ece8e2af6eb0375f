import Foundation
import Testing
@testable import SeedContracts

@Suite("Envelopes and trace context")
struct EnvelopeTests {
    @Test("a new envelope is its own correlation and carries a valid traceparent")
    func newEnvelopeStartsAConversation() throws {
        let envelope = MessageEnvelope(type: PingV1.messageType)
        #expect(envelope.correlationId == envelope.messageId)
        #expect(envelope.causationId == nil)
        let header = try #require(envelope.traceparent)
        #expect(TraceParent(header) != nil)
    }

    @Test("a caused envelope keeps correlation, tenant and trace, and names its cause")
    func causedEnvelopeKeepsTheConversation() throws {
        let first = MessageEnvelope(type: PingV1.messageType, tenant: "acme", actor: "user-1")
        let next = first.caused(type: PongV1.messageType)
        #expect(next.messageId != first.messageId)
        #expect(next.correlationId == first.correlationId)
        #expect(next.causationId == first.messageId)
        #expect(next.tenant == "acme")
        #expect(next.actor == "user-1")
        let parent = try #require(first.traceparent.flatMap(TraceParent.init))
        let child = try #require(next.traceparent.flatMap(TraceParent.init))
        #expect(child.traceId == parent.traceId)
        #expect(child.parentId != parent.parentId)
    }

    @Test("new traces are sampled, valid and different each time")
    func newTracesDiffer() throws {
        let first = TraceParent.random()
        #expect(TraceParent(first.description) == first)
        #expect(first.flags == "01")
        #expect(TraceParent.random().traceId != first.traceId)
    }

    @Test("malformed traceparent headers are refused", arguments: [
        "", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0-",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa-ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
        "00-４bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    ])
    func malformedTraceparentsAreRefused(header: String) {
        #expect(TraceParent(header) == nil)
    }
}
