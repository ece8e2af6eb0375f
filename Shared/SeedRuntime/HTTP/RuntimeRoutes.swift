import Foundation
import HTTPTypes
public import Hummingbird
public import Prometheus

/// The routes every service serves: liveness, readiness and Prometheus metrics.
public enum RuntimeRoutes {
    /// Path of the liveness probe: `200` while the process serves HTTP.
    public static let livenessPath = "/health/live"
    /// Path of the readiness probe: `200` when every check passes, `503` otherwise; JSON body.
    public static let readinessPath = "/health/ready"
    /// Path of the metrics in the Prometheus text exposition format 0.0.4.
    public static let metricsPath = "/metrics"

    /// Adds the three routes to `router`.
    /// - Parameters:
    ///   - router: The service's router.
    ///   - probe: The readiness checks `/health/ready` runs on every request.
    ///   - registry: The registry `/metrics` renders.
    public static func add<Context: RequestContext>(
        to router: Router<Context>,
        probe: ReadinessProbe,
        registry: PrometheusCollectorRegistry
    ) {
        router.get(RouterPath(self.livenessPath)) { _, _ in
            Self.json(#"{"status":"live"}"#, status: .ok)
        }
        router.get(RouterPath(self.readinessPath)) { _, _ in
            let report = await probe.run()
            let body = try Self.encoder.encode(report)
            return Self.json(String(decoding: body, as: UTF8.self), status: report.isReady ? .ok : .serviceUnavailable)
        }
        router.get(RouterPath(self.metricsPath)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    private static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
