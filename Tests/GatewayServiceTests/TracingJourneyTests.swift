import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SeedBus
import SeedContracts
import SeedServiceTesting
import Testing
import Tracing

/// One request's trace, read from the spans the gateway, the bus and the services record
/// (docs/decisions/0038-tracing.md), with a ``TraceRecorder`` scoped to the test (`withTracer`).
@Suite("Tracing a request through the gateway, the bus and two services")
struct TracingJourneyTests {
    @Test("""
        a registration continues the caller's trace: gateway span → request to identity → identity's handler → \
        its transaction → the staged event → the relay's send, and messaging's handler of that event, \
        each the child of the one before, all with the request id as correlation id
        """)
    func registrationIsOneTraceAcrossTwoServices() async throws {
        let recorder = TraceRecorder()
        let caller = TraceParent.random()
        let requestID = "trace-journey-\(MessageEnvelope.newId())"
        try await withTracer(recorder) {
            try await SuiteFixture.run { client, _ in
                let headers: HTTPFields = [
                    .contentType: "application/json", HTTPField.Name("traceparent")!: caller.description, .requestID: requestID,
                ]
                let response = try await client.execute(
                    uri: "/api/v1/auth/register", method: .post, headers: headers,
                    body: ByteBuffer(string: #"{"email":"traced@example.com","password":"correct horse battery"}"#))
                #expect(response.status == .created)
                try await eventually("messaging handled identity.user-registered.v1 of the caller's trace") {
                    recorder.spans(inTrace: caller.traceId).contains {
                        $0.operationName == "process identity.user-registered.v1" && $0.attributes.get("seed.service") == .string("messaging")
                    }
                }
            }
        }

        let spans = recorder.spans(inTrace: caller.traceId)
        func span(_ name: String, in service: String, kind: SpanKind, sourceLocation: SourceLocation = #_sourceLocation) throws -> RecordedSpan {
            let found = spans.filter { $0.operationName == name && $0.attributes.get("seed.service") == .string(service) }
            try #require(found.count == 1, "one \(name) span of \(service), found \(spans.map(\.operationName))", sourceLocation: sourceLocation)
            #expect(found[0].kind == kind, "\(name) is a \(kind) span", sourceLocation: sourceLocation)
            return found[0]
        }
        // The gateway continues the caller's trace: its server span's parent is the caller's span.
        let server = try #require(spans.first { $0.kind == .server }, "the gateway's server span")
        #expect(server.parentSpanID == caller.parentId)
        #expect(server.attributes.get("http.response.header.x_request_id") == .string(requestID))

        let request = try span("request identity.register-user.v1", in: "gateway", kind: .client)
        let handled = try span("process identity.register-user.v1", in: "identity", kind: .consumer)
        let transaction = try span("transaction identity", in: "identity", kind: .internal)
        let staged = try span("create identity.user-registered.v1", in: "identity", kind: .producer)
        let relayed = try span("send identity.user-registered.v1", in: "identity", kind: .producer)
        let consumed = try span("process identity.user-registered.v1", in: "messaging", kind: .consumer)
        // Messaging keeps its directory and its notification channels from the event: two transactions.
        let messagingTransactions = spans.filter { $0.operationName == "transaction messaging" }
        #expect(!messagingTransactions.isEmpty)

        #expect(request.parentSpanID == server.spanID, "the bus request is a child of the HTTP span")
        #expect(handled.parentSpanID == request.spanID, "identity continues the trace the request carried over the bus")
        #expect(transaction.parentSpanID == handled.spanID)
        #expect(staged.parentSpanID == transaction.spanID, "the event is staged inside the transaction")
        #expect(relayed.parentSpanID == staged.spanID, "the outbox row kept the staging span's traceparent for the relay")
        #expect(consumed.parentSpanID == staged.spanID, "messaging continues the trace the event's envelope carried")
        for transaction in messagingTransactions {
            #expect(transaction.parentSpanID == consumed.spanID, "messaging's transactions run inside its handler's span")
        }

        // Every span made while handling the request carries its id as correlation id (what logs show).
        for span in [request, handled, transaction, staged, relayed, consumed] + messagingTransactions {
            #expect(span.context.correlationId == requestID, "\(span.operationName) carries correlation id \(requestID)")
        }
    }
}
