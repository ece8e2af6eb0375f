import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SeedBus
import SeedContracts
import SeedRuntime
import SeedServiceTesting
import Synchronization
import Testing
@testable import GatewayService

/// A business-ai stand-in on the real broker whose handler holds every question until released: a
/// service that has stopped keeping up. (Only its handler is a stand-in; the broker, the buses and the
/// gateway are the real ones.)
private final class StuckAssistant: Sendable {
    private let state = Mutex<(received: Int, waiting: [CheckedContinuation<Void, Never>], released: Bool)>((0, [], false))

    var received: Int { state.withLock { $0.received } }

    func hold() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                state.received += 1
                if state.released { return true }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func release() {
        let waiting = state.withLock { state in
            state.released = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

@Suite("Back-pressure at the gateway")
struct LoadSheddingTests {
    @Test("a flooded service gets 503 with Retry-After once its places are taken, at once; another service still answers; freed places admit again")
    func floodedServiceIsShedAndOthersStillAnswer() async throws {
        try await FixtureGate.shared.run {
            let namespace = "shed-\(UUID().uuidString.prefix(8).lowercased())."
            let configuration = try SuiteFixture.busConfiguration(namespace: namespace)
            let logger = Logger(label: "test.shedding")
            let assistant = StuckAssistant()
            let businessAI = Bus(service: .businessAI, configuration: configuration, logger: logger)
            businessAI.handle(AskPublicAssistantV1.self) { _, _ in
                await assistant.hold()
                throw ContractError(.notFound, "no public assistant here")
            }
            let nutrition = Bus(service: .nutrition, configuration: configuration, logger: logger)
            nutrition.handle(PingV1.self) { ping, _ in PongV1(service: .nutrition, instance: "test", note: ping.note) }
            let gatewayBus = Bus(service: .gateway, configuration: configuration, logger: logger)
            let router = Router(context: SeedRequestContext.self)
            var admission = AdmissionPolicy()
            admission.maxInFlightPerService = 4
            Gateway.configure(router, bus: gatewayBus, redis: nil, logger: logger, deadline: .seconds(60), admission: admission)

            let tasks = [Task { try await businessAI.run() }, Task { try await nutrition.run() }]
            defer { assistant.release() }
            do {
                try await waitUntilConnected([businessAI, nutrition])
                try await gatewayBus.connect()
                try await Application(router: router, logger: logger).test(.live) { client in
                    let port = try #require(client.port)
                    let question = #"{"question":"When do you open?"}"#
                    // Four questions take every place business-ai has; each on its own connection.
                    let flood = (0..<4).map { _ in Task { try await Self.post(port: port, "/api/v1/public/businesses/acme-bakery/questions", json: question) } }
                    try await eventually("four questions reached the stuck service") { assistant.received == 4 }

                    let started = ContinuousClock.now
                    let shed = try await Self.post(port: port, "/api/v1/public/businesses/acme-bakery/questions", json: question)
                    #expect(shed.head.status == .serviceUnavailable)
                    #expect(shed.head.headerFields[.retryAfter] == "1")
                    let error = try JSONDecoder().decode(ContractError.self, from: Data(buffer: shed.body ?? ByteBuffer()))
                    #expect(error.code == .unavailable && error.details["service"] == "business-ai" && error.details["retryAfterSeconds"] == "1")
                    #expect(started.duration(to: .now) < .seconds(30), "refused at once, not after the 60 s deadline")
                    #expect(assistant.received == 4, "the refused question never reached the service")

                    let ping = try await Self.post(port: port, "/api/v1/system/ping/nutrition", method: .get)
                    #expect(ping.head.status == .ok, "another service answers while business-ai is flooded")

                    assistant.release()
                    for request in flood {
                        let answer = try await request.value
                        #expect(answer.head.status == .notFound, "a held question is answered once the service catches up")
                    }
                    let again = try await Self.post(port: port, "/api/v1/public/businesses/acme-bakery/questions", json: question)
                    #expect(again.head.status == .notFound, "freed places admit new questions")
                }
            } catch {
                await Self.stop(gatewayBus, [businessAI, nutrition], tasks)
                throw error
            }
            await Self.stop(gatewayBus, [businessAI, nutrition], tasks)
        }
    }

    /// One request on a connection of its own (the live test client has one connection, and HTTP/1.1
    /// answers its requests in order: a held request would hold every later one).
    private static func post(port: Int, _ uri: String, method: HTTPRequest.Method = .post, json: String? = nil) async throws -> TestClient.Response {
        let client = TestClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(90)))
        client.connect()
        var headers: HTTPFields = [:]
        if json != nil { headers[.contentType] = "application/json" }
        let request = TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: json.map { ByteBuffer(string: $0) })
        do {
            let response = try await client.execute(request)
            try await client.shutdown()
            return response
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func stop(_ gateway: Bus, _ buses: [Bus], _ tasks: [Task<Void, any Error>]) async {
        await gateway.shutdown()
        for bus in buses { await bus.shutdown() }
        for task in tasks { _ = await task.result }
    }
}
