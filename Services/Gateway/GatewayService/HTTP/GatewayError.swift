import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SeedAuth
import SeedBus
import SeedContracts

/// A ``ContractError`` as an HTTP response: the status of its ``ErrorCode`` and the JSON body
/// `{"code": ..., "message": ..., "details": {...}}` — never an HTML page, never a 500 for bad input.
///
/// Build one from a failure with ``from(_:requestID:logger:)``, which decides what a client may read;
/// ``init(_:)`` is for errors the gateway words itself for the client (validation, 405, 429).
struct GatewayError: HTTPResponseError {
    let error: ContractError

    init(_ error: ContractError) { self.error = error }

    var status: HTTPResponse.Status { HTTPResponse.Status(code: error.code.httpStatus) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try GatewayJSON.encode(error)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if error.code == .rateLimited || error.code == .unavailable, let retryAfter = error.details["retryAfterSeconds"] {
            headers[.retryAfter] = retryAfter
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension GatewayError {
    /// Codes whose messages never reach a client, whoever wrote them: they describe our side (a bug, a
    /// dependency that is down or slow), and their text may hold internals such as a broker's
    /// `host:port`, a queue name or a database's error. The client gets ``generic(_:requestID:)``.
    static let opaqueCodes: Set<ErrorCode> = [.internal, .unavailable, .timeout]

    /// Any failure as the error a client sees, the only way an error becomes a response body:
    /// - typed client errors (``ContractError`` with a code outside ``opaqueCodes``, from a service or
    ///   the gateway, or a ``BusError/rejected(_:)`` one) keep their code, message and details;
    /// - ``AuthError``s are 401 with a fixed sentence per kind (``AuthError/clientError``);
    /// - ``opaqueCodes`` (bus failures are `unavailable` or `timeout`) and every error of a type the
    ///   gateway does not expect (then `internal`) become ``generic(_:requestID:)``: a fixed message
    ///   with the request id, which is also the bus messages' correlation id. The full error is logged
    ///   with that id (`request.id`): `error` level for `internal`, `warning` for the others.
    static func from(_ failure: any Error, requestID: String?, logger: Logger) -> GatewayError {
        let error: ContractError
        switch failure {
        case let failure as GatewayError: error = failure.error
        case let failure as ContractError: error = failure
        case let failure as BusError: error = failure.contractError
        case let failure as AuthError: error = failure.clientError
        case let failure as LoadShed: return GatewayError(failure.contractError(requestID: requestID))
        default: error = ContractError(.internal, "unexpected \(type(of: failure))")
        }
        guard opaqueCodes.contains(error.code) else { return GatewayError(error) }
        var logger = logger
        if let requestID { logger[metadataKey: "request.id"] = .string(requestID) }
        logger.log(level: error.code == .internal ? .error : .warning, "request failed",
                   metadata: ["error.code": .string(error.code.rawValue), "error": .string(String(describing: failure))])
        return GatewayError(generic(error.code, requestID: requestID))
    }

    /// The fixed answer for a code of ``opaqueCodes``: no internals, the request id in the message
    /// and in `details.requestId`, so that a report can be matched with the gateway's log.
    ///
    /// A service that is down and one whose deadline passed are both a 503 with `Retry-After`
    /// (``retryAfter``, in `details.retryAfterSeconds`): the client may try again later, and nothing
    /// queues without end (decision 0037).
    static func generic(_ code: ErrorCode, requestID: String?) -> ContractError {
        let id = requestID ?? "-"
        let retry = ["requestId": id, "retryAfterSeconds": String(wholeSeconds(retryAfter))]
        return switch code {
        case .unavailable: ContractError(.unavailable, "a service this request needs is unavailable; retry later (request id \(id))", details: retry)
        case .timeout: ContractError(.unavailable, "a service this request needs did not answer in time; retry later (request id \(id))", details: retry)
        default: ContractError(code, "the gateway could not serve this request; quote request id \(id) when reporting it", details: ["requestId": id])
        }
    }

    /// The `Retry-After` of a service that is down or did not answer in time.
    static let retryAfter: Duration = .seconds(1)

    /// `duration` in whole seconds, rounded up, at least 1 (the unit of `Retry-After`).
    static func wholeSeconds(_ duration: Duration) -> Int {
        max(1, Int(duration.components.seconds) + (duration.components.attoseconds > 0 ? 1 : 0))
    }
}

extension AuthError {
    /// The error a client reads: the kind of failure, never the verifier's own error text (``invalid(_:)``
    /// carries jwt-kit's description, which is logged by the authenticator instead).
    var clientError: ContractError {
        switch self {
        case .invalid: ContractError(.unauthenticated, "the access token is invalid: its signature, issuer, audience or lifetime does not check out")
        case .unknownKey: ContractError(.unauthenticated, "the access token is signed by a key the gateway does not know")
        case .malformed, .expired, .noKeys: contractError
        }
    }
}
