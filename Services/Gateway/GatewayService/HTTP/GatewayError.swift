import Foundation
import HTTPTypes
import Hummingbird
import SeedAuth
import SeedBus
import SeedContracts

/// A ``ContractError`` as an HTTP response: the status of its ``ErrorCode`` and the JSON body
/// `{"code": ..., "message": ..., "details": {...}}` — never an HTML page, never a 500 for bad input.
struct GatewayError: HTTPResponseError {
    let error: ContractError

    init(_ error: ContractError) { self.error = error }

    var status: HTTPResponse.Status { HTTPResponse.Status(code: error.code.httpStatus) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try GatewayJSON.encode(error)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if error.code == .rateLimited, let retryAfter = error.details["retryAfterSeconds"] {
            headers[.retryAfter] = retryAfter
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension GatewayError {
    /// Any failure as the error a client sees: typed errors keep their code, bus failures become
    /// 503/504, anything else is a 500 that names no internals.
    static func from(_ error: any Error) -> GatewayError {
        switch error {
        case let error as GatewayError: error
        case let error as ContractError: GatewayError(error)
        case let error as BusError: GatewayError(error.contractError)
        case let error as AuthError: GatewayError(error.contractError)
        default: GatewayError(ContractError(.internal, "the gateway failed to serve this request"))
        }
    }
}
