import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SeedContracts
import Synchronization
import Testing

/// A fake of an OpenTelemetry collector's OTLP/HTTP receiver (an external system): it keeps what the
/// services post to `/v1/traces` and answers 200, as a collector does.
final class FakeOTLPCollector: Sendable {
    struct Export: Sendable {
        let contentType: String?
        let body: [UInt8]
    }

    private let exports = Mutex<[Export]>([])

    var received: [Export] { exports.withLock { $0 } }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("v1/traces") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 16 << 20)
            self.exports.withLock { $0.append(Export(contentType: request.headers[.contentType], body: Array(buffer: body))) }
            return .ok
        }
        return router
    }
}

@Suite("Trace export from the executables")
struct TraceExportTests {
    @Test("""
        with SEED_OTLP_ENDPOINT the gateway and identity export their spans over OTLP/HTTP, \
        both in the trace of the caller's traceparent
        """)
    func executablesExportOneTrace() async throws {
        let collector = FakeOTLPCollector()
        let broker = try ServiceExecutableTests.brokerURL()
        let caller = TraceParent.random()
        try await Application(router: collector.router()).test(.live) { collectorClient in
            let port = try #require(collectorClient.port)
            let tracing = [
                "SEED_OTLP_ENDPOINT": "http://127.0.0.1:\(port)", "OTEL_BSP_SCHEDULE_DELAY": "100", "SEED_AMQP_URL": broker,
            ]
            let identity = try BuiltExecutable(named: "seed-identity").start(environment: tracing.merging(["SEED_HTTP_PORT": "18097"]) { $1 })
            let gateway = try BuiltExecutable(named: "seed-gateway").start(environment: tracing.merging(["SEED_HTTP_PORT": "18098"]) { $1 })
            _ = try await ServiceExecutableTests.waitUntilReady(port: 18097)
            _ = try await ServiceExecutableTests.waitUntilReady(port: 18098)

            let pong = try await TestClient.withClient(host: "127.0.0.1", port: 18098) { client in
                try await client.get("/api/v1/system/ping/identity?note=traced", headers: [HTTPField.Name("traceparent")!: caller.description])
            }
            #expect(pong.status == .ok)

            // Trace ids travel as 16 raw bytes in the OTLP protobuf body.
            let traceBytes = stride(from: 0, to: 32, by: 2).map { offset -> UInt8 in
                let digits = caller.traceId.dropFirst(offset).prefix(2)
                return UInt8(digits, radix: 16)!
            }
            func carriesTrace(_ export: FakeOTLPCollector.Export) -> Bool {
                export.body.count >= 16 && (0...(export.body.count - 16)).contains { Array(export.body[$0..<($0 + 16)]) == traceBytes }
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline, collector.received.filter(carriesTrace).count < 2 {
                try await Task.sleep(for: .milliseconds(100))
            }
            identity.terminate()
            gateway.terminate()
            #expect(try await identity.finish().exitCode == 0)
            #expect(try await gateway.finish().exitCode == 0)

            let exports = collector.received
            #expect(exports.allSatisfy { $0.contentType == "application/x-protobuf" })
            let traced = exports.filter(carriesTrace)
            #expect(traced.count >= 2, "the gateway's and identity's batches of the caller's trace (got \(exports.count) exports)")
            let names = traced.map { String(decoding: $0.body, as: UTF8.self) }
            #expect(names.contains { $0.contains("seed-gateway") && $0.contains("request system.ping.v1") })
            #expect(names.contains { $0.contains("seed-identity") && $0.contains("process system.ping.v1") })
        }
    }
}
