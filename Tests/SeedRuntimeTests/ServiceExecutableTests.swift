import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import SeedRuntime

/// Runs the real service executables as child processes. Ports 18090-18099 are used.
@Suite("Service executables", .serialized)
struct ServiceExecutableTests {
    @Test("a bad configuration prints every problem to stderr and exits with EX_CONFIG (78)")
    func badConfigurationExits() async throws {
        let outcome = try await BuiltExecutable(named: "seed-identity").run(environment: [
            "SEED_HTTP_PORT": "70000",
            "SEED_LOG_LEVEL": "loud",
            "SEED_AMQP_URL": "http://127.0.0.1:5672",
        ])
        #expect(outcome.exitCode == 78)
        #expect(outcome.standardError.contains("seed-identity: invalid configuration (3 problems):"))
        #expect(outcome.standardError.contains(#"SEED_HTTP_PORT="70000": must be a whole number from 1 to 65535"#))
        #expect(outcome.standardError.contains("SEED_LOG_LEVEL=\"loud\": must be one of trace, debug, info"))
        #expect(outcome.standardError.contains("for example SEED_AMQP_URL=amqp://guest:guest@127.0.0.1:5672/"))
    }

    @Test("a service answers its health checks and exits 0 on SIGTERM")
    func servesAndStopsOnSIGTERM() async throws {
        let port = 18091
        let running = try BuiltExecutable(named: "seed-nutrition").start(environment: [
            "SEED_HTTP_PORT": "\(port)", "SEED_AMQP_URL": try Self.brokerURL(),
        ])
        let live = try await Self.waitUntilServing(port: port, path: "/health/live")
        #expect(live.status == .ok)
        let ready = try await Self.waitUntilReady(port: port)
        #expect(ready.status == .ok)
        let metrics = try await Self.get(port: port, path: "/metrics")
        #expect(String(buffer: metrics.body ?? ByteBuffer()).contains("hb_requests"))

        running.terminate()
        let outcome = try await running.finish()
        #expect(outcome.exitCode == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.contains(#""message":"starting""#))
        #expect(outcome.standardOutput.contains(#""service":"nutrition""#))
    }

    @Test("SEED_LOG_FORMAT=text writes human-readable lines and SEED_DATA_DIR is created at start")
    func textLogsAndDataDirectory() async throws {
        let port = 18093
        let running = try BuiltExecutable(named: "seed-documents").start(environment: [
            "SEED_HTTP_PORT": "\(port)",
            "SEED_AMQP_URL": try Self.brokerURL(),
            "SEED_LOG_FORMAT": "text",
            "SEED_DATA_DIR": "state/documents",
        ])
        _ = try await Self.waitUntilServing(port: port, path: "/health/live")
        var isDirectory: ObjCBool = false
        let dataDirectory = running.folder.appendingPathComponent("state/documents").path
        #expect(FileManager.default.fileExists(atPath: dataDirectory, isDirectory: &isDirectory) && isDirectory.boolValue)

        running.terminate()
        let outcome = try await running.finish()
        #expect(outcome.exitCode == 0, "stderr: \(outcome.standardError)")
        let firstLine = try #require(outcome.standardOutput.split(separator: "\n").first)
        #expect(!firstLine.hasPrefix("{"))
        #expect(firstLine.contains("info seed.documents"))
        #expect(firstLine.contains("starting"))
    }

    @Test("the gateway echoes X-Request-Id and refuses a body over its size limit")
    func gatewayEdge() async throws {
        let port = 18090
        let running = try BuiltExecutable(named: "seed-gateway").start(environment: [
            "SEED_HTTP_PORT": "\(port)", "SEED_AMQP_URL": try Self.brokerURL(),
        ])
        _ = try await Self.waitUntilServing(port: port, path: "/health/live")
        let status = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.get("/api/v1/status", headers: [.requestID: "trace-me-7"])
        }
        #expect(status.status == .ok)
        #expect(status.headers[.requestID] == "trace-me-7")
        #expect(String(buffer: status.body ?? ByteBuffer()).contains(#""requestID":"trace-me-7""#))

        let tooLarge = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.post("/api/v1/status", body: ByteBuffer(repeating: 0x61, count: (1 << 20) + 1))
        }
        #expect(tooLarge.status == .contentTooLarge)

        let preflight = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.execute(
                .init("/api/v1/status", method: .options, headers: [.origin: "https://app.example", .accessControlRequestMethod: "GET"])
            )
        }
        #expect(preflight.headers[.accessControlAllowOrigin] == "*")

        running.terminate()
        #expect(try await running.finish().exitCode == 0)
    }

    @Test("a service whose broker is unreachable stays alive but reports the bus as not ready")
    func unreachableBrokerIsNotReady() async throws {
        let port = 18094
        // Port 1 on loopback refuses connections at once.
        let running = try BuiltExecutable(named: "seed-work").start(environment: [
            "SEED_HTTP_PORT": "\(port)", "SEED_AMQP_URL": "amqp://guest:guest@127.0.0.1:1/",
        ])
        let live = try await Self.waitUntilServing(port: port, path: "/health/live")
        #expect(live.status == .ok)
        let ready = try await Self.get(port: port, path: "/health/ready")
        #expect(ready.status == .serviceUnavailable)
        #expect(String(buffer: ready.body ?? ByteBuffer()).contains(#""failing":["bus"]"#))
        running.terminate()
        #expect(try await running.finish().exitCode == 0)
    }

    @Test("the gateway reaches a service over the bus and answers typed errors as JSON with their status")
    func gatewayPingsAServiceOverTheBus() async throws {
        let gatewayPort = 18095
        let broker = try Self.brokerURL()
        let identity = try BuiltExecutable(named: "seed-identity").start(environment: [
            "SEED_HTTP_PORT": "18096", "SEED_AMQP_URL": broker,
        ])
        let gateway = try BuiltExecutable(named: "seed-gateway").start(environment: [
            "SEED_HTTP_PORT": "\(gatewayPort)", "SEED_AMQP_URL": broker,
        ])
        _ = try await Self.waitUntilReady(port: 18096)
        _ = try await Self.waitUntilReady(port: gatewayPort)

        let pong = try await TestClient.withClient(host: "127.0.0.1", port: gatewayPort) { client in
            try await client.get("/api/v1/system/ping/identity?note=hi", headers: [.requestID: "ping-1"])
        }
        #expect(pong.status == .ok)
        let body = String(buffer: pong.body ?? ByteBuffer())
        #expect(body.contains(#""service":"identity""#))
        #expect(body.contains(#""note":"hi""#))

        let unknown = try await Self.get(port: gatewayPort, path: "/api/v1/system/ping/nobody")
        #expect(unknown.status == .badRequest)
        #expect(unknown.headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(String(buffer: unknown.body ?? ByteBuffer()).contains(#""code":"validation_failed""#))

        identity.terminate()
        gateway.terminate()
        #expect(try await identity.finish().exitCode == 0)
        #expect(try await gateway.finish().exitCode == 0)
    }

    /// The test broker that scripts/test starts.
    static func brokerURL() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["SEED_TEST_AMQP_URL"],
            "SEED_TEST_AMQP_URL is not set: run the tests with scripts/test, which starts RabbitMQ")
    }

    /// Polls `/health/ready` until it answers 200 (at most 30 s), returning the last answer.
    static func waitUntilReady(port: Int) async throws -> TestClient.Response {
        var last = try await Self.waitUntilServing(port: port, path: "/health/ready")
        for _ in 0..<300 where last.status != .ok {
            try await Task.sleep(for: .milliseconds(100))
            last = try await Self.get(port: port, path: "/health/ready")
        }
        return last
    }

    static func get(port: Int, path: String) async throws -> TestClient.Response {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in try await client.get(path) }
    }

    /// Polls `path` until the server accepts connections (at most 30 s, for a loaded machine).
    static func waitUntilServing(port: Int, path: String) async throws -> TestClient.Response {
        var lastError: (any Error)?
        for _ in 0..<300 {
            do {
                return try await Self.get(port: port, path: path)
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        Issue.record("the service never answered on port \(port): \(String(describing: lastError))")
        throw CancellationError()
    }
}
