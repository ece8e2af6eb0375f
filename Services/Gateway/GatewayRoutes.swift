import Foundation
import Hummingbird
import SeedBus
import SeedContracts
import SeedRuntime

/// The gateway's route table: every client-facing route, in one place.
///
/// The runtime adds `/health/live`, `/health/ready` and `/metrics` itself; the routes here are the
/// public API under `/api/v1`. Each route that reaches a service sends one command over the bus with
/// the request id as correlation id and a deadline, and answers the command's typed errors with
/// their HTTP status (``GatewayError``).
struct GatewayRoutes: Sendable {
    let bus: Bus

    /// How long a route waits for a service's reply before answering 504.
    static let deadline: Duration = .seconds(5)

    /// Registers every route on `router`.
    func register(on router: Router<SeedRequestContext>) {
        let api = router.group("api/v1")
        api.get("status", use: Self.status)
        api.get("system/ping/{service}", use: self.ping)
    }

    /// `GET /api/v1/status`: which service answered and the request id it assigned, so a client can
    /// quote the id when it reports a problem.
    @Sendable
    static func status(_ request: Request, context: SeedRequestContext) async throws -> GatewayStatus {
        GatewayStatus(service: "gateway", requestID: context.requestID ?? "")
    }

    /// `GET /api/v1/system/ping/{service}`: sends `system.ping.v1` to the named service over the bus
    /// and returns its `system.pong.v1` with the round-trip time.
    @Sendable
    func ping(_ request: Request, context: SeedRequestContext) async throws -> PingResponse {
        let name = context.parameters.get("service") ?? ""
        guard let service = ServiceName(rawValue: name) else {
            throw GatewayError(ContractError.validation(
                "unknown service '\(name)'; one of \(ServiceName.allCases.map(\.rawValue).joined(separator: ", "))",
                field: "service"))
        }
        let envelope = MessageEnvelope(
            correlationId: context.requestID, type: PingV1.messageType, actor: "gateway")
        let started = ContinuousClock.now
        do {
            let pong = try await bus.request(
                PingV1(note: request.uri.queryParameters.get("note")), to: service, envelope: envelope,
                timeout: Self.deadline)
            return PingResponse(pong: pong, roundTripMilliseconds: started.duration(to: .now) / .milliseconds(1))
        } catch {
            throw GatewayError(error.contractError)
        }
    }
}

/// The body of `GET /api/v1/status`.
struct GatewayStatus: ResponseEncodable {
    /// Always `gateway`.
    let service: String
    /// The request's `X-Request-Id`.
    let requestID: String
}

/// The body of `GET /api/v1/system/ping/{service}`.
struct PingResponse: ResponseEncodable {
    let pong: PongV1
    let roundTripMilliseconds: Double
}
