import HTTPTypes
import Hummingbird
import SeedRuntime
import Tracing

/// The gateway's HTTP edge: the middleware every request passes, then the route table.
extension HTTPField.Name {
    /// `traceparent`: the W3C trace context of a request (https://www.w3.org/TR/trace-context/).
    static let traceparent = Self("traceparent")!
    /// `tracestate`: vendor data of the W3C trace context, passed on by tracers that use it.
    static let tracestate = Self("tracestate")!
}

enum GatewayHTTP {
    /// Largest request body the gateway accepts: 1 MiB. Files go to the documents service in
    /// chunks, so no single request needs more.
    static let maximumRequestBytes = 1 << 20

    /// Browsers may call the gateway from any origin without cookies; authentication travels in
    /// the `Authorization` header, so a wildcard origin grants no ambient authority.
    static let cors = CORSMiddleware<SeedRequestContext>(
        allowOrigin: .all,
        allowHeaders: [.accept, .authorization, .contentType, .origin, .requestID, .apiKey, .actingUser, .traceparent, .tracestate],
        allowMethods: [.get, .post, .put, .patch, .delete, .head, .options],
        allowCredentials: false,
        exposedHeaders: [HTTPField.Name.requestID.canonicalName],
        maxAge: .seconds(600)
    )

    /// Adds the gateway's middleware to `router`.
    ///
    /// When a tracer is active (an OTLP endpoint is configured, or a test's `withTracer`), Hummingbird's
    /// `TracingMiddleware` comes first: it starts each request's server span, continuing the W3C trace
    /// of a `traceparent` header, and records the `X-Request-Id` answered; the bus requests of the
    /// route are children of that span (docs/decisions/0038-tracing.md). Without one it is left out.
    static func configure(_ router: Router<SeedRequestContext>) {
        if !(InstrumentationSystem.tracer is NoOpTracer) {
            router.add(middleware: TracingMiddleware<SeedRequestContext>(recordingHeaders: [.requestID]))
        }
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: Self.cors)
        // Uploads stream their bodies to the documents service in chunks (decision 0018).
        router.add(middleware: RequestSizeLimitExceptUploads(maximumBytes: Self.maximumRequestBytes))
    }
}
