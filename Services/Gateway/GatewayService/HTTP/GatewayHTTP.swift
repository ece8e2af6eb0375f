import HTTPTypes
import Hummingbird
import SeedRuntime

/// The gateway's HTTP edge: the middleware every request passes, then the route table.
enum GatewayHTTP {
    /// Largest request body the gateway accepts: 1 MiB. Files go to the documents service in
    /// chunks, so no single request needs more.
    static let maximumRequestBytes = 1 << 20

    /// Browsers may call the gateway from any origin without cookies; authentication travels in
    /// the `Authorization` header, so a wildcard origin grants no ambient authority.
    static let cors = CORSMiddleware<SeedRequestContext>(
        allowOrigin: .all,
        allowHeaders: [.accept, .authorization, .contentType, .origin, .requestID, .apiKey, .actingUser],
        allowMethods: [.get, .post, .put, .patch, .delete, .head, .options],
        allowCredentials: false,
        exposedHeaders: [HTTPField.Name.requestID.canonicalName],
        maxAge: .seconds(600)
    )

    /// Adds the gateway's middleware to `router`.
    static func configure(_ router: Router<SeedRequestContext>) {
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: Self.cors)
        // Uploads stream their bodies to the documents service in chunks (decision 0018).
        router.add(middleware: RequestSizeLimitExceptUploads(maximumBytes: Self.maximumRequestBytes))
    }
}
