public import InMemoryTracing
import SeedContracts
public import Tracing

/// A span ``TraceRecorder`` kept: name, kind, trace, span and parent ids, attributes, status, context.
public typealias RecordedSpan = FinishedInMemorySpan

/// A tracer for tests that keeps every finished span in memory and propagates context the way the
/// suite's production tracer (swift-otel) does: as a W3C `traceparent` (32 hex digits of trace id, 16 of
/// span id), the only trace context an envelope carries.
///
/// Spans are recorded by swift-distributed-tracing's `InMemoryTracer`; this adds the W3C propagation
/// it lacks. Use it without bootstrapping the process-wide system (test targets share one process):
///
/// ```swift
/// let recorder = TraceRecorder()
/// try await withTracer(recorder) {
///     // buses, units of work and routers made here record with `recorder`
/// }
/// let spans = recorder.spans(inTrace: traceId)
/// ```
public struct TraceRecorder: Tracer {
    public typealias Span = InMemorySpan

    private let recorder = InMemoryTracer(
        idGenerator: .init(nextTraceID: { TraceParent.random().traceId }, nextSpanID: { TraceParent.random().parentId }),
        recordInjections: false, recordExtractions: false)

    public init() {}

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> InMemorySpan {
        recorder.startSpan(operationName, context: context(), ofKind: kind, at: instant(), function: function, file: fileID, line: line)
    }

    public func forceFlush() {}

    /// Writes the context's span as `traceparent`.
    public func inject<Carrier, Inject: Injector>(_ context: ServiceContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        guard let span = context.inMemorySpanContext else { return }
        injector.inject("00-\(span.traceID)-\(span.spanID)-01", forKey: "traceparent", into: &carrier)
    }

    /// Reads a valid `traceparent` as the remote parent span.
    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: "traceparent", from: carrier), let parent = TraceParent(header) else { return }
        context.inMemorySpanContext = InMemorySpanContext(traceID: parent.traceId, spanID: parent.parentId, parentSpanID: nil)
    }

    /// Every span that ended so far, in the order they ended.
    public var finishedSpans: [RecordedSpan] { recorder.finishedSpans }

    /// The finished spans of trace `traceId` (32 hex digits).
    public func spans(inTrace traceId: String) -> [RecordedSpan] {
        finishedSpans.filter { $0.traceID == traceId }
    }
}
