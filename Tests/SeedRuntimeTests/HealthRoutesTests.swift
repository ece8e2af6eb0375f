import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Prometheus
import SeedContracts
import Testing

@testable import SeedRuntime

@Suite("Liveness, readiness and metrics routes")
struct HealthRoutesTests {
    struct NotConnected: Error, CustomStringConvertible {
        var description: String { "broker connection refused" }
    }

    func makeHost(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) throws -> ServiceHost {
        let configuration = try ServiceConfiguration(service: .identity, environment: [:])
        return ServiceHost(configuration: configuration, logger: Logger(label: "test"), registry: registry)
    }

    @Test("GET /health/live answers 200")
    func live() async throws {
        let app = try self.makeHost().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/health/live", method: .get)
            #expect(response.status == .ok)
        }
    }

    @Test("GET /health/ready answers 503 naming the failing check and its reason")
    func readyFails() async throws {
        let host = try self.makeHost()
        host.addReadinessCheck(name: "redis") {}
        host.addReadinessCheck(name: "bus") { throw NotConnected() }
        let app = host.makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/health/ready", method: .get)
            #expect(response.status == .serviceUnavailable)
            let report = try JSONDecoder().decode(ReadinessReport.self, from: Data(buffer: response.body))
            #expect(report.status == "unavailable")
            #expect(report.failing == ["bus"])
            #expect(report.checks.map(\.name) == ["redis", "bus"])
            #expect(report.checks[1].reason == "broker connection refused")
        }
    }

    @Test("GET /health/ready answers 200 when every check passes")
    func readyPasses() async throws {
        let host = try self.makeHost()
        host.addReadinessCheck(name: "bus") {}
        host.addReadinessCheck(name: "redis") {}
        let app = host.makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/health/ready", method: .get)
            #expect(response.status == .ok)
            let report = try JSONDecoder().decode(ReadinessReport.self, from: Data(buffer: response.body))
            #expect(report.status == "ready")
            #expect(report.failing.isEmpty)
        }
    }

    @Test("a readiness check that does not answer in time is reported as failing")
    func readyTimesOut() async throws {
        let probe = ReadinessProbe(
            checks: [ClosureReadinessCheck(name: "stuck") { try await Task.sleep(for: .seconds(3600)) }],
            timeout: .milliseconds(50)
        )
        let report = await probe.run()
        #expect(report.failing == ["stuck"])
        #expect(report.checks.first?.reason?.hasPrefix("did not answer within") == true)
    }

    @Test("GET /metrics serves a swift-metrics counter in the Prometheus text format")
    func metrics() async throws {
        let registry = MetricsBootstrap.registry
        Counter(label: "seed_runtime_test_events_total", dimensions: [("kind", "probe")]).increment(by: 3)
        let app = try self.makeHost(registry: registry).makeApplication()
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/health/live", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            #expect(text.contains("# TYPE seed_runtime_test_events_total counter"))
            #expect(text.contains(#"seed_runtime_test_events_total{kind="probe"} 3"#))
            #expect(text.contains("hb_requests"))
        }
    }
}
