import Foundation
import Logging
import Prometheus
import SeedBus
import SeedContracts
import SeedOutbox
import SeedRuntime
import SeedServiceKit
import SeedServiceTesting
import SeedStore
import Synchronization
import Testing
import Tracing

/// An event only these tests publish, so that its metric series are theirs alone in the test process.
private struct TraceProbeV1: Event, Equatable {
    static let messageType = MessageType("test.trace-probe", version: 1)
    static let source = ServiceName.gateway
    static let summary = "A probe of the tracing tests."
    static let example = TraceProbeV1(note: "probe")
    var note: String
}

/// Spans, correlation ids and per-type metrics of the bus and the unit of work on the real broker
/// (docs/decisions/0038-tracing.md).
@Suite("Tracing and handler metrics")
struct TracingTests {
    @Test("with no tracer, a handler runs with its message's correlation id for the logs, and the envelope keeps its traceparent")
    func noTracerStillCorrelatesLogs() async throws {
        let harness = try BusHarness()
        let bus = harness.bus(.work)
        let seen = Mutex<(correlation: String?, logged: Logger.Metadata.Value?, traceparent: String?)>((nil, nil, nil))
        bus.handle(AddNoteV1.self) { command, context in
            seen.withLock {
                $0 = (ServiceContext.current?.correlationId, Logger.MetadataProvider.correlation.get()["correlation.id"], context.envelope.traceparent)
            }
            return NoteV1(id: "n1", text: command.text)
        }
        let envelope = MessageEnvelope(correlationId: "request-42", type: AddNoteV1.messageType)
        try await harness.run { client in
            _ = try await client.bus.request(AddNoteV1(text: "hello"), envelope: envelope, timeout: .seconds(30))
        }
        let (correlation, logged, traceparent) = seen.withLock { $0 }
        #expect(correlation == "request-42")
        #expect(logged == .string("request-42"), "every log line of the handler gets correlation.id")
        #expect(traceparent == envelope.traceparent, "no tracer: the envelope's trace context is passed on as it was")
        #expect(ServiceContext.current?.correlationId == nil, "the context is the handler's alone")
    }

    @Test("""
        a handler that keeps failing: each attempt is an error span continuing the sender's trace, and its time, \
        retry and dead letter are counted for its message type
        """)
    func failingHandlerSpansAndMetrics() async throws {
        let registry = MetricsBootstrap.registry  // before the buses make their metrics
        let recorder = TraceRecorder()
        let caller = TraceParent.random()
        var configuration = try TestServers.busConfiguration()
        configuration.maxAttempts = 2
        configuration.retryBaseDelay = .milliseconds(20)
        let logger = TestServers.logger("test.tracing")

        try await withTracer(recorder) {
            let consumer = Bus(service: .work, configuration: configuration, logger: logger)
            consumer.subscribe(TraceProbeV1.self) { _, _ in throw ContractError(.unavailable, "the probe's dependency is down") }
            let sender = Bus(service: .gateway, configuration: configuration, logger: logger)
            let running = Task { try await consumer.run() }
            do {
                try await eventually("the consumer is connected") { consumer.isConnected }
                try await sender.connect()
                try await sender.publish(TraceProbeV1(note: "fail"), envelope: MessageEnvelope(type: TraceProbeV1.messageType, traceparent: caller.description))
                try await eventually("the probe was dead-lettered after its retry") {
                    Self.sample(registry, "seed_bus_dead_lettered_total", service: "work", type: TraceProbeV1.messageType.wireName) == 1
                }
            } catch {
                await sender.shutdown()
                await consumer.shutdown()
                _ = await running.result
                throw error
            }
            await sender.shutdown()
            await consumer.shutdown()
            _ = await running.result
        }

        let wire = TraceProbeV1.messageType.wireName
        #expect(Self.sample(registry, "seed_bus_retried_total", service: "work", type: wire) == 1)
        #expect(Self.sample(registry, "seed_bus_handler_duration_count", service: "work", type: wire) == 2)

        let spans = recorder.spans(inTrace: caller.traceId)
        let sent = try #require(spans.first { $0.operationName == "send \(wire)" })
        #expect(sent.parentSpanID == caller.parentId, "published outside any span, the send continues the envelope's trace")
        #expect(sent.kind == .producer)
        let attempts = spans.filter { $0.operationName == "process \(wire)" }
        #expect(attempts.count == 2)
        for attempt in attempts {
            #expect(attempt.kind == .consumer)
            #expect(attempt.parentSpanID == sent.spanID, "every attempt is a child of the send its envelope carries")
            #expect(attempt.status?.code == .error)
            #expect(attempt.attributes.get("seed.service") == .string("work"))
        }
        let numbers = attempts.map { $0.attributes.get("messaging.rabbitmq.attempt") }
        #expect(numbers.contains(.int64(1)) && numbers.contains(.int64(2)), "the first delivery and its retry")
    }

    @Test("a transaction's staged event keeps the staging span's traceparent in its outbox row; the relay's send continues it")
    func outboxRowKeepsTheTrace() async throws {
        let recorder = TraceRecorder()
        let caller = TraceParent.random()
        let configuration = try TestServers.busConfiguration()
        try await withTracer(recorder) {
            let fixture = try await ServiceFixture.make(.work, collections: [Note.collection])
            let envelope = MessageEnvelope(correlationId: "request-7", type: AddNoteV1.messageType, traceparent: caller.description)
            _ = try await fixture.work.once(envelope) { tx in
                try await tx.publish(NoteAddedV1(note: NoteV1(id: "n1", text: "traced")))
                return Accepted()
            }
            let bus = Bus(service: .work, configuration: configuration, logger: TestServers.logger("test.tracing"))
            try await bus.connect()
            let relay = OutboxRelay(store: fixture.store, bus: bus, logger: TestServers.logger("test.tracing"))
            let relayed = try await relay.relayPending()
            await bus.shutdown()
            #expect(relayed == 1)

            let record = try #require(try await DocumentCollection(OutboxRecord.self, in: fixture.store).find().first)
            let spans = recorder.spans(inTrace: caller.traceId)
            let transaction = try #require(spans.first { $0.operationName == "transaction work" })
            let staged = try #require(spans.first { $0.operationName == "create \(NoteAddedV1.messageType.wireName)" })
            let sent = try #require(spans.first { $0.operationName == "send \(NoteAddedV1.messageType.wireName)" })
            #expect(transaction.parentSpanID == caller.parentId, "outside a handler the transaction continues its message's trace")
            #expect(staged.parentSpanID == transaction.spanID)
            #expect(record.message.traceparent == "00-\(caller.traceId)-\(staged.spanID)-01")
            let body = try WireCoding.decode(NoteAddedV1.self, from: record.message.body)
            #expect(body.envelope.traceparent == record.message.traceparent, "the envelope on the wire carries the same context")
            #expect(sent.parentSpanID == staged.spanID, "the relay's send, later and elsewhere, is a child of the staging span")
            #expect(sent.context.correlationId == "request-7")
        }
    }

    /// The value of one series in the registry's Prometheus text (`nil` when it is not there).
    static func sample(_ registry: PrometheusCollectorRegistry, _ name: String, service: String, type: String) -> Double? {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let prefix = "\(name){service=\"\(service)\",type=\"\(type)\"} "
        let line = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix(prefix) }
        return line.flatMap { Double($0.dropFirst(prefix.count)) }
    }
}
