import Foundation
public import Logging
import OTel
public import SeedBus
public import ServiceLifecycle
import Tracing

/// Installs the process-wide tracer: swift-otel's OTLP/HTTP exporter when an endpoint is configured,
/// otherwise nothing, so that `InstrumentationSystem.tracer` stays the no-op tracer and the bus, the
/// unit of work and the gateway make no spans at all (docs/decisions/0038-tracing.md).
public enum TracingBootstrap {
    /// The standard variables that also turn exporting on (swift-otel reads them and the rest of
    /// `OTEL_*`, which take precedence over the values set here).
    public static let standardEndpointVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]

    /// Whether traces are exported: `SEED_OTLP_ENDPOINT` or a standard endpoint variable is set, and
    /// neither `OTEL_SDK_DISABLED=true` nor `OTEL_TRACES_EXPORTER=none` turns it off.
    public static func isEnabled(_ configuration: ServiceConfiguration, environment: [String: String]) -> Bool {
        if environment["OTEL_SDK_DISABLED"]?.lowercased() == "true" || environment["OTEL_TRACES_EXPORTER"]?.lowercased() == "none" {
            return false
        }
        return configuration.otlpEndpoint != nil
            || standardEndpointVariables.contains { environment[$0].map { !$0.isEmpty } ?? false }
    }

    /// What swift-otel is configured with: traces only (metrics stay Prometheus on `/metrics`, logs stay
    /// JSON lines), the executable's name as `service.name`, OTLP/HTTP with protobuf bodies to
    /// `<SEED_OTLP_ENDPOINT>/v1/traces`.
    static func otelConfiguration(_ configuration: ServiceConfiguration) -> OTel.Configuration {
        var otel = OTel.Configuration.default
        otel.serviceName = configuration.service.executableName
        otel.logs.enabled = false
        otel.metrics.enabled = false
        otel.traces.enabled = true
        otel.traces.otlpExporter.protocol = .httpProtobuf
        if let endpoint = configuration.otlpEndpoint {
            otel.traces.otlpExporter.endpoint = endpoint.appendingPathComponent("v1/traces").absoluteString
        }
        return otel
    }

    /// Bootstraps `InstrumentationSystem` with swift-otel's tracer when ``isEnabled(_:environment:)``
    /// and returns the exporter's background service, to run (first, so that it stops last and flushes
    /// the final spans) with the service's others; returns `nil` and bootstraps nothing otherwise.
    ///
    /// Call it once per process, before the bus, the unit of work or the HTTP router is made: they
    /// take the tracer that is active when they are created.
    ///
    /// - Throws: swift-otel's error for an `OTEL_*` variable it cannot use.
    public static func bootstrap(
        _ configuration: ServiceConfiguration, environment: [String: String], logger: Logger
    ) throws -> (any Service)? {
        guard isEnabled(configuration, environment: environment) else { return nil }
        let backend = try OTel.makeTracingBackend(configuration: otelConfiguration(configuration))
        InstrumentationSystem.bootstrap(backend.factory)
        logger.info("exporting traces over OTLP/HTTP", metadata: [
            "otlp.endpoint": "\(configuration.otlpEndpoint?.absoluteString ?? "from OTEL_EXPORTER_OTLP_*")"
        ])
        return backend.service
    }

    /// What every log line gets from the task-local context: the correlation id, and with tracing on
    /// the `trace_id` and `span_id` of the current span (swift-otel's provider).
    public static func metadataProvider(tracing: Bool) -> Logger.MetadataProvider {
        guard tracing else { return .correlation }
        return .multiplex([.correlation, OTel.makeLoggingMetadataProvider()]) ?? .correlation
    }
}
