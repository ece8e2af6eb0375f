public import Logging
public import SeedContracts
public import Tracing

/// How the bus, the outbox and the unit of work record spans and carry the trace in the envelope
/// (docs/decisions/0038-tracing.md).
///
/// - Outgoing messages: a span for each (`send <type>`, `request <type>`, or `create <type>` when a
///   transaction stages it in the outbox), whose context is injected into the envelope's `traceparent`.
/// - Incoming messages: `process <type>`, a child of the context extracted from the envelope.
/// - Every span's context, and the task-local ``ServiceContext`` of a handler, carries the message's
///   correlation id, which ``Logger/MetadataProvider/correlation`` adds to every log line.
///
/// Built with the tracer of the process (`InstrumentationSystem.tracer`, a no-op unless the runtime
/// bootstrapped an OTLP exporter), or one a test passes. With the no-op tracer no span is made: only the
/// correlation id is set for logs, and envelopes keep the trace context they were built with.
public struct MessageTracing: Sendable {
    /// The tracer spans are recorded with.
    public let tracer: any Tracer
    /// Whether spans are made at all (`false` for the no-op tracer).
    public let isEnabled: Bool
    /// The service whose spans these are (attribute `seed.service`: several share a test process).
    public let service: String?

    /// - Parameters:
    ///   - tracer: The tracer; the active one (task-local or bootstrapped) by default.
    ///   - service: Names the service on every span.
    public init(tracer: any Tracer = InstrumentationSystem.tracer, service: ServiceName? = nil) {
        self.tracer = tracer
        self.isEnabled = !(tracer is NoOpTracer)
        self.service = service?.rawValue
    }

    /// What an outgoing message does on the wire, which names its span.
    public enum Operation: String, Sendable {
        /// Staged in a transaction's outbox; sent after the commit.
        case create
        /// Published or sent without waiting for a handler (including the outbox relay's send).
        case send
        /// Sent as a request whose reply is awaited.
        case request

        var kind: SpanKind { self == .request ? .client : .producer }
    }

    /// Starts the span of an outgoing message and injects its context into `envelope.traceparent`.
    ///
    /// Its parent is the current span (the handler, transaction or HTTP request this runs in); outside
    /// any span, the trace the envelope already names is continued.
    public func outgoing(_ operation: Operation, _ envelope: inout MessageEnvelope, destination: String?) -> MessageSpan {
        guard isEnabled else { return MessageSpan(span: nil) }
        let parent = ServiceContext.current ?? context(of: envelope)
        let span = tracer.startSpan("\(operation.rawValue) \(envelope.type.wireName)", context: parent, ofKind: operation.kind)
        span.updateAttributes { attributes in
            describe(envelope, destination: destination, operation: operation.rawValue, into: &attributes)
        }
        tracer.inject(span.context, into: &envelope, using: EnvelopeInjector())
        return MessageSpan(span: span)
    }

    /// Starts the span of sending a message that was encoded earlier (the outbox relay's send): a
    /// child of the trace context it was staged with, when it has one and no span is current.
    public func outgoing(
        _ operation: Operation, type: MessageType, messageId: String, correlationId: String, traceparent: String?, destination: String
    ) -> MessageSpan {
        guard isEnabled else { return MessageSpan(span: nil) }
        var parent = ServiceContext.current ?? .topLevel
        if ServiceContext.current == nil, let traceparent {
            tracer.extract(traceparent, into: &parent, using: TraceParentExtractor())
        }
        parent.correlationId = correlationId
        let span = tracer.startSpan("\(operation.rawValue) \(type.wireName)", context: parent, ofKind: operation.kind)
        span.updateAttributes { attributes in
            if let service { attributes["seed.service"] = service }
            attributes["messaging.system"] = "rabbitmq"
            attributes["messaging.operation.name"] = operation.rawValue
            attributes["messaging.destination.name"] = destination
            attributes["messaging.message.id"] = messageId
            attributes["messaging.message.conversation_id"] = correlationId
            attributes["seed.message.type"] = type.wireName
        }
        return MessageSpan(span: span)
    }

    /// Runs `body` (a handler) inside the span `process <type>`, a child of the context in the
    /// envelope, with the message's correlation id in the task-local ``ServiceContext`` for logs.
    public func process<R>(
        _ envelope: MessageEnvelope, attempt: Int, _ body: () async throws -> R
    ) async throws -> R {
        var context = isEnabled ? self.context(of: envelope) : .topLevel
        context.correlationId = envelope.correlationId
        guard isEnabled else {
            return try await ServiceContext.$current.withValue(context) { try await body() }
        }
        let span = tracer.startSpan("process \(envelope.type.wireName)", context: context, ofKind: .consumer)
        span.updateAttributes { attributes in
            describe(envelope, destination: nil, operation: "process", into: &attributes)
            attributes["messaging.rabbitmq.attempt"] = attempt
        }
        return try await run(body, in: span)
    }

    /// Runs `body` inside an internal span `operationName`, such as a store transaction: a child of the
    /// current span, or outside any span of the trace `envelope` names. With tracing off it only runs `body`.
    public func withSpan<R>(
        _ operationName: String, continuing envelope: MessageEnvelope? = nil, attributes: SpanAttributes = [:],
        _ body: () async throws -> R
    ) async throws -> R {
        guard isEnabled else { return try await body() }
        let parent = ServiceContext.current ?? envelope.map(context(of:)) ?? .topLevel
        let span = tracer.startSpan(operationName, context: parent, ofKind: .internal)
        span.updateAttributes { merged in
            if let service { merged["seed.service"] = service }
            merged.merge(attributes)
        }
        return try await run(body, in: span)
    }

    /// Runs `body` with `span` as the current context, marks the span failed when `body` throws, and ends it.
    private func run<R>(_ body: () async throws -> R, in span: any Span) async throws -> R {
        defer { span.end() }
        do {
            return try await ServiceContext.$current.withValue(span.context) { try await body() }
        } catch {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }

    /// The context of the trace `envelope` names (with its correlation id), or a new trace's.
    public func context(of envelope: MessageEnvelope) -> ServiceContext {
        var context = ServiceContext.topLevel
        tracer.extract(envelope, into: &context, using: EnvelopeExtractor())
        context.correlationId = envelope.correlationId
        return context
    }

    private func describe(_ envelope: MessageEnvelope, destination: String?, operation: String, into attributes: inout SpanAttributes) {
        if let service { attributes["seed.service"] = service }
        attributes["messaging.system"] = "rabbitmq"
        attributes["messaging.operation.name"] = operation
        if let destination { attributes["messaging.destination.name"] = destination }
        attributes["messaging.message.id"] = envelope.messageId
        attributes["messaging.message.conversation_id"] = envelope.correlationId
        attributes["seed.message.type"] = envelope.type.wireName
        if let tenant = envelope.tenant { attributes["seed.tenant"] = tenant }
    }
}

/// The span of one outgoing message (nothing when tracing is off); end it once the broker confirmed
/// the message or refused it.
public struct MessageSpan: Sendable {
    let span: (any Span)?

    /// Ends the span, as failed when `error` is given.
    public func end(failing error: (any Error)? = nil) {
        guard let span else { return }
        if let error {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }
}

/// The W3C `traceparent` key, the one member of the trace context an envelope carries.
let traceparentKey = "traceparent"

/// Writes a tracer's `traceparent` into an envelope; other keys (`tracestate`) have no place there.
public struct EnvelopeInjector: Injector {
    public init() {}

    public func inject(_ value: String, forKey key: String, into envelope: inout MessageEnvelope) {
        if key == traceparentKey { envelope.traceparent = value }
    }
}

/// Reads the `traceparent` of an envelope for a tracer.
public struct EnvelopeExtractor: Extractor {
    public init() {}

    public func extract(key: String, from envelope: MessageEnvelope) -> String? {
        key == traceparentKey ? envelope.traceparent : nil
    }
}

/// Reads a bare `traceparent` value (what an outbox record keeps) for a tracer.
struct TraceParentExtractor: Extractor {
    func extract(key: String, from traceparent: String) -> String? {
        key == traceparentKey ? traceparent : nil
    }
}

/// The correlation id of the request or message a task is working for.
private enum CorrelationIDKey: ServiceContextKey {
    typealias Value = String
    static var nameOverride: String? { "correlation.id" }
}

extension ServiceContext {
    /// The correlation id (an HTTP request's id, a message's `envelope.correlationId`) of the work
    /// this context belongs to; ``Logger/MetadataProvider/correlation`` logs it.
    public var correlationId: String? {
        get { self[CorrelationIDKey.self] }
        set { self[CorrelationIDKey.self] = newValue }
    }
}

extension Logger.MetadataProvider {
    /// Adds `correlation.id` to every log line written while handling a request or a message (from the
    /// task-local ``ServiceContext``), whichever logger writes it: gateway, handler, store, outbox.
    public static let correlation = Logger.MetadataProvider {
        guard let id = ServiceContext.current?.correlationId else { return [:] }
        return ["correlation.id": .string(id)]
    }
}
