import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SeedAuth
import SeedBus
import SeedContracts
import SeedRuntime
import Synchronization
import Testing

@testable import GatewayService

/// Log records kept in memory, to prove what the gateway logs.
final class CapturedLogs: Sendable {
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    private let records = Mutex<[Record]>([])

    var all: [Record] { records.withLock { $0 } }

    func append(_ record: Record) { records.withLock { $0.append(record) } }

    var logger: Logger {
        Logger(label: "test.captured") { _ in Handler(logs: self) }
    }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            logs.append(Record(
                level: event.level, message: "\(event.message)", metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
        }
    }
}

@Suite("What a client may read of a failure")
struct ErrorExposureTests {
    /// Text that names the bus or its broker; none of it may reach a response body.
    static let internals = ["127.0.0.1", "5672", "amqp", "guest", "broker", "seed.", ".commands", "queue", "database", "disk I/O"]

    static func leaks(_ text: String) -> [String] {
        internals.filter { text.localizedCaseInsensitiveContains($0) }
    }

    @Test("bus failures become a generic 503 with Retry-After and the request id (a passed deadline too); the full error, host and port included, is logged with that id")
    func busFailuresAreGeneric() throws {
        let logs = CapturedLogs()
        let failures: [(BusError, ErrorCode)] = [
            (.unavailable("cannot connect to 127.0.0.1:5672: a socket error occurred"), .unavailable),
            (.timeout("no reply to identity.get-user.v1 before the deadline"), .unavailable),
            (.unroutable(exchange: "", routingKey: "gw-1234.seed.nutrition.commands"), .unavailable),
            (.invalidConfiguration("'amqp://guest:guest@127.0.0.1:5672/' names no host"), .internal),
        ]
        for (failure, code) in failures {
            let error = GatewayError.from(failure, requestID: "req-17", logger: logs.logger).error
            #expect(error.code == code)
            #expect(Self.leaks(error.message).isEmpty, "\(error.message)")
            #expect(error.message.contains("req-17") && error.details["requestId"] == "req-17")
            #expect(error.details["retryAfterSeconds"] == (code == .unavailable ? "1" : nil))
        }
        let logged = logs.all
        #expect(logged.count == failures.count)
        #expect(logged.allSatisfy { $0.metadata["request.id"] == "req-17" })
        #expect(logged.first?.metadata["error"]?.description.contains("127.0.0.1:5672") == true, "the log keeps the whole error")
        #expect(logged.last?.level == .error && logged.first?.level == .warning)
    }

    @Test("internal and unavailable errors that a service sends back lose their message; client errors keep theirs")
    func serviceErrorsAreFiltered() {
        let logs = CapturedLogs()
        let database = ContractError(.unavailable, "the identity database is unavailable: disk I/O error in /var/lib/seed/identity/store.sqlite")
        for failure: any Error in [database, BusError.rejected(database), ContractError(.internal, "index out of range in UserStore.swift:42")] {
            let error = GatewayError.from(failure, requestID: "req-9", logger: logs.logger).error
            #expect(Self.leaks(error.message).isEmpty && !error.message.contains("swift"), "\(error.message)")
            #expect(error.message.contains("req-9"))
        }
        let conflict = ContractError(.conflict, "the email is already registered", details: ["field": "email"])
        #expect(GatewayError.from(BusError.rejected(conflict), requestID: "req-9", logger: logs.logger).error == conflict)
        #expect(GatewayError.from(GatewayError(conflict), requestID: "req-9", logger: logs.logger).error == conflict)
        #expect(logs.all.count == 3, "client errors are not logged as failures")
    }

    @Test("an error the gateway did not expect is answered `internal` with a generic message and the request id, and logged with it")
    func unexpectedErrorsAreInternal() throws {
        struct SomethingBroke: Error, CustomStringConvertible {
            var description: String { "the cache file /tmp/secret.db is corrupt" }
        }
        let logs = CapturedLogs()
        let error = GatewayError.from(SomethingBroke(), requestID: "req-abc", logger: logs.logger).error
        #expect(error.code == .internal)
        #expect(error.message == "the gateway could not serve this request; quote request id req-abc when reporting it")
        #expect(error.details == ["requestId": "req-abc"])
        let record = try #require(logs.all.first)
        #expect(record.level == .error && record.metadata["request.id"] == "req-abc")
        #expect(record.metadata["error"]?.description.contains("/tmp/secret.db") == true)
    }

    @Test("a refused access token says what kind of failure it was, never the verifier's own error text")
    func tokenRefusalsAreWorded() {
        let error = GatewayError.from(AuthError.invalid("JWTKitError(errorType: signatureVerificationFailed, reason: EdDSA Curve25519)"),
                                      requestID: "r", logger: CapturedLogs().logger).error
        #expect(error.code == .unauthenticated && !error.message.contains("JWTKit") && !error.message.contains("Curve25519"))
        #expect(GatewayError.from(AuthError.expired, requestID: "r", logger: CapturedLogs().logger).error == AuthError.expired.contractError)
    }

    @Test("with the broker unreachable, no response body names it: the routes answer a generic error with the request id")
    func unreachableBrokerLeaksNothing() async throws {
        var configuration = try BusConfiguration(url: "amqp://guest:guest@127.0.0.1:5672/nowhere-\(UUID().uuidString.prefix(6))")
        configuration.port = 1
        configuration.publishTimeout = .milliseconds(50)
        let bus = Bus(service: .gateway, configuration: configuration, logger: Logger(label: "test"))
        let router = Router(context: SeedRequestContext.self)
        Gateway.configure(router, bus: bus, redis: nil, logger: CapturedLogs().logger)
        try await Application(router: router).test(.router) { client in
            let requests: [(HTTPRequest.Method, String, HTTPFields)] = [
                (.get, "/api/v1/system/ping/identity", [:]),
                (.get, "/api/v1/users/me", [.authorization: "Bearer a.b.c"]),
                (.get, "/api/v1/platform/users/u-1", [HTTPField.Name("X-API-Key")!: "sk_abc.def"]),
                (.get, "/.well-known/jwks.json", [:]),
            ]
            for (index, (method, uri, headers)) in requests.enumerated() {
                var headers = headers
                headers[.requestID] = "leak-check-\(index)"
                let response = try await client.execute(uri: uri, method: method, headers: headers)
                let body = String(decoding: Data(buffer: response.body), as: UTF8.self)
                #expect(response.status == .serviceUnavailable || response.status == .gatewayTimeout, "\(uri) → \(response.status)")
                #expect(Self.leaks(body).isEmpty, "\(uri): \(body)")
                #expect(!body.contains(":1"), "\(uri): no port in \(body)")
                let error = try JSONDecoder().decode(ContractError.self, from: Data(buffer: response.body))
                #expect(error.message.contains("leak-check-\(index)") && error.details["requestId"] == "leak-check-\(index)")
            }
        }
    }

    @Test("a command that no service answers before the deadline gets a generic 503 with Retry-After that names neither the message nor the bus namespace")
    func unansweredCommandLeaksNothing() async throws {
        var options = SuiteFixture.Options()
        options.deadline = .seconds(2)
        try await SuiteFixture.run(options) { client, _ in
            let result = try await client.call(.get, "/api/v1/system/ping/nutrition")
            let body = String(decoding: result.body, as: UTF8.self)
            #expect(result.status == .serviceUnavailable && result.headers[.retryAfter] == "1", "\(body)")
            #expect(Self.leaks(body).isEmpty && !body.contains("gw-") && !body.contains("ping") && !body.contains("nutrition"), "\(body)")
            #expect(result.error?.details["requestId"] == result.headers[.requestID])
        }
    }
}
