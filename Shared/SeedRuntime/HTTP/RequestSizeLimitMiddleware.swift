public import Hummingbird

/// Rejects request bodies larger than a limit with `413 Content Too Large`.
///
/// A declared `Content-Length` over the limit is refused before any body byte is read; a body
/// without one (chunked) is collected up to the limit and refused once it passes it.
public struct RequestSizeLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Largest accepted body, in bytes.
    public let maximumBytes: Int

    /// Creates the middleware; `maximumBytes` must be positive.
    public init(maximumBytes: Int) {
        precondition(maximumBytes > 0, "the request size limit must be positive")
        self.maximumBytes = maximumBytes
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }) {
            guard declared <= self.maximumBytes else { throw self.tooLarge }
            return try await next(request, context)
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: self.maximumBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw self.tooLarge
        }
        return try await next(request, context)
    }

    private var tooLarge: HTTPError {
        HTTPError(.contentTooLarge, message: "Request body is larger than \(self.maximumBytes) bytes.")
    }
}
