import Foundation
public import HTTPTypes
import SeedBus
import SeedContracts
public import Hummingbird
import Tracing

extension HTTPField.Name {
    /// `X-Request-Id`: the id of one HTTP request, echoed in the response.
    public static let requestID = Self("X-Request-Id")!
}

/// Gives every request an id: the client's `X-Request-Id` when it is acceptable, a new UUID otherwise.
///
/// The id is stored in ``SeedRequestContext/requestID``, added to the request's logger metadata as
/// `request.id`, and returned in the response's `X-Request-Id` header, HTTP error responses included.
/// It is also the correlation id of the task-local `ServiceContext` while the rest of the request runs,
/// so every log line written for it, by any logger, carries `correlation.id` (``Logger/MetadataProvider/correlation``),
/// and spans started under it (the tracing middleware's, the bus's) carry it on.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = SeedRequestContext

    /// Longest client-supplied id that is kept; longer ones are replaced.
    public static let maximumLength = 128

    /// Creates the middleware.
    public init() {}

    public func handle(
        _ request: Request,
        context: SeedRequestContext,
        next: (Request, SeedRequestContext) async throws -> Response
    ) async throws -> Response {
        let requestID = request.headers[.requestID].flatMap(Self.acceptable) ?? MessageEnvelope.newId()
        var context = context
        context.requestID = requestID
        context.logger[metadataKey: "request.id"] = .string(requestID)
        var serviceContext = ServiceContext.current ?? .topLevel
        serviceContext.correlationId = requestID
        do {
            var response = try await ServiceContext.$current.withValue(serviceContext) { try await next(request, context) }
            response.headers[.requestID] = requestID
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.requestID] = requestID
            return response
        }
    }

    /// The client's id when it is 1...128 visible ASCII characters (so it is safe in logs and AMQP
    /// headers), else `nil`.
    static func acceptable(_ candidate: String) -> String? {
        guard (1...Self.maximumLength).contains(candidate.utf8.count),
            candidate.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else { return nil }
        return candidate
    }
}
