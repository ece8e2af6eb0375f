import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SeedBus
import Synchronization
import Testing
import Tracing

@testable import SeedRuntime

/// The runtime's part of tracing and correlated logs (docs/decisions/0038-tracing.md).
@Suite("Tracing configuration and correlated logs")
struct ObservabilityConfigurationTests {
    let dataDirectory = FileManager.default.temporaryDirectory.path

    @Test("tracing is off unless an OTLP endpoint is configured, ours or a standard one, and OTEL_SDK_DISABLED wins")
    func tracingNeedsAnEndpoint() throws {
        let plain = try ServiceConfiguration(service: .work, environment: ["SEED_DATA_DIR": dataDirectory])
        #expect(plain.otlpEndpoint == nil)
        #expect(!TracingBootstrap.isEnabled(plain, environment: [:]))
        #expect(TracingBootstrap.isEnabled(plain, environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]))

        let configured = try ServiceConfiguration(
            service: .work, environment: ["SEED_DATA_DIR": dataDirectory, "SEED_OTLP_ENDPOINT": "http://collector:4318"])
        #expect(configured.otlpEndpoint == URL(string: "http://collector:4318"))
        #expect(TracingBootstrap.isEnabled(configured, environment: [:]))
        #expect(!TracingBootstrap.isEnabled(configured, environment: ["OTEL_SDK_DISABLED": "true"]))
        #expect(!TracingBootstrap.isEnabled(configured, environment: ["OTEL_TRACES_EXPORTER": "none"]))

        let otel = TracingBootstrap.otelConfiguration(configured)
        #expect(otel.serviceName == "seed-work")
        #expect(otel.traces.enabled && !otel.metrics.enabled && !otel.logs.enabled, "only traces go to OTLP")
        #expect(otel.traces.otlpExporter.endpoint == "http://collector:4318/v1/traces")
    }

    @Test("an OTLP endpoint that is not an http(s) URL is refused at start", arguments: ["collector:4318", "grpc://collector:4317", "http://"])
    func badEndpointIsRefused(_ value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: .work, environment: ["SEED_DATA_DIR": dataDirectory, "SEED_OTLP_ENDPOINT": value])
        }
        #expect(error?.problems.map(\.variable) == [.otlpEndpoint])
    }

    @Test("every line logged while a request is handled carries its request id as correlation.id, whichever logger writes it")
    func requestLogsCarryCorrelation() async throws {
        let lines = Mutex<[String]>([])
        let output = LogOutput { line in lines.withLock { $0.append(line) } }
        // A logger made apart from the request, as a store or a service's own logger is.
        let storeLogger = Logger(label: "seed.store") { label in
            JSONLogHandler(label: label, service: "work", logLevel: .info, metadataProvider: .correlation, output: output)
        }
        let router = Router(context: SeedRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.get("work") { _, _ in
            storeLogger.info("wrote a task")
            return ServiceContext.current?.correlationId ?? "none"
        }
        try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/work", method: .get, headers: [.requestID: "req-77"])
            #expect(String(buffer: response.body) == "req-77")
        }
        storeLogger.info("outside any request")
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        #expect(written.first?.contains(#""correlation.id":"req-77""#) == true)
        #expect(written.last?.contains("correlation.id") == false)
    }
}
