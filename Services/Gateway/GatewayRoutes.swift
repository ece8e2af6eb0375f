import Hummingbird
import SeedRuntime

/// The gateway's route table: every client-facing route, in one place.
///
/// The runtime adds `/health/live`, `/health/ready` and `/metrics` itself; the routes here are the
/// public API under `/api/v1`.
enum GatewayRoutes {
    /// Registers every route on `router`.
    static func register(on router: Router<SeedRequestContext>) {
        let api = router.group("api/v1")
        api.get("status", use: self.status)
    }

    /// `GET /api/v1/status`: which service answered and the request id it assigned, so a client can
    /// quote the id when it reports a problem.
    @Sendable
    static func status(_ request: Request, context: SeedRequestContext) async throws -> GatewayStatus {
        GatewayStatus(service: "gateway", requestID: context.requestID ?? "")
    }
}

/// The body of `GET /api/v1/status`.
struct GatewayStatus: ResponseEncodable {
    /// Always `gateway`.
    let service: String
    /// The request's `X-Request-Id`.
    let requestID: String
}
