import Foundation
import HTTPTypes
import SeedBus
import SeedContracts

/// The body of `GET /api/v1/status`.
struct GatewayStatus: Codable, Sendable {
    /// Always `gateway`.
    var service: String
    /// The request's `X-Request-Id`.
    var requestID: String
}

/// The body of `GET /api/v1/system/ping/{service}`.
struct PingResponse: Codable, Sendable {
    var pong: PongV1
    var roundTripMilliseconds: Double
}

/// Routes of the gateway itself.
enum SystemRoutes {
    static let all: [APIRoute] = [
        .route(.get, "/api/v1/status", operationId: "status", summary: "The gateway answers, with the request id it assigned.",
               tag: "system", security: .open, body: NoBody.self, reply: GatewayStatus.self) { _, call in
            .value(GatewayStatus(service: "gateway", requestID: call.requestID ?? ""))
        },
        .route(.get, "/api/v1/system/ping/{service}", operationId: "pingService",
               summary: "Send system.ping.v1 to a service over the bus and return its pong with the round-trip time.",
               tag: "system", security: .open, body: NoBody.self, reply: PingResponse.self,
               query: [QueryParameter(name: "note", description: "Echoed back by the service.")],
               pathParameters: ["service": .object([("type", .string("string")), ("enum", .array(ServiceName.allCases.map { .string($0.rawValue) }))])]) { _, call in
            let name = call.parameter("service")
            guard let service = ServiceName(rawValue: name) else {
                throw GatewayError(ContractError.validation(
                    "unknown service '\(name)'; one of \(ServiceName.allCases.map(\.rawValue).joined(separator: ", "))", field: "service"))
            }
            let envelope = MessageEnvelope(correlationId: call.requestID, type: PingV1.messageType, actor: "gateway")
            let started = ContinuousClock.now
            let pong = try await call.sending(to: service) {
                try await call.bus.request(PingV1(note: call.queryParameters["note"]), to: service, envelope: envelope, timeout: call.deadline)
            }
            return .value(PingResponse(pong: pong, roundTripMilliseconds: started.duration(to: .now) / .milliseconds(1)))
        },
    ]
}
