import Foundation
import HTTPTypes
import Hummingbird
import SeedBus
import SeedContracts
import SeedRuntime

/// How a route authenticates its caller.
enum RouteSecurity: Sendable, Equatable {
    /// Anyone.
    case open
    /// `Authorization: Bearer <access token>`.
    case bearer
    /// `X-API-Key: <key>` with this scope.
    case apiKey(scope: String)
    /// A user's `Authorization: Bearer <access token>`, or a tenant's backend acting for one of its end
    /// users: `X-API-Key: <key>` with this scope and `X-Acting-User: <user id>` (decision 0019). Either
    /// way the command's actor is a user; with a key, the tenant is the key's.
    case bearerOrAPIKey(scope: String)
    /// A user's `Authorization: Bearer <access token>` (the service decides whether that user may), or
    /// a tenant's backend acting as the tenant itself: `X-API-Key: <key>` with this scope and no
    /// `X-Acting-User` (decision 0044). With a key the command's actor is the key and its tenant the key's.
    case bearerOrTenantAPIKey(scope: String)
}

/// A query parameter of a route, for the OpenAPI document.
struct QueryParameter: Sendable {
    var name: String
    var description: String
    var schema: JSONValue = .object([("type", .string("string"))])
    /// Whether the route refuses a request without it (400 naming it).
    var required = false
}

/// One public route: everything the router needs to serve it and the OpenAPI document needs to
/// describe it, in one value, so the two cannot disagree.
struct APIRoute: Sendable {
    var method: HTTPRequest.Method
    /// OpenAPI form, `/api/v1/users/{userId}`; Hummingbird reads the same syntax.
    var path: String
    var operationId: String
    var summary: String
    var tag: String
    var security: RouteSecurity
    /// The JSON Schema of the request body (`nil`: the route takes none) and of the reply, derived
    /// from their Codable types.
    var requestSchema: (@Sendable (SchemaRecorder) -> JSONValue)?
    var responseSchema: @Sendable (SchemaRecorder) -> JSONValue
    var successStatus: HTTPResponse.Status
    var query: [QueryParameter] = []
    /// Requests per client per window on this route; `nil` uses the gateway's default.
    var rateLimit: Int?
    /// Schemas of path parameters that are more than a non-empty string.
    var pathParameters: [String: JSONValue] = [:]
    /// An open route whose body carries credentials that the service checks (login, refresh): its
    /// 401 answers count as failed authentications (``RateLimitPolicy/authenticationFailures``).
    var credentialsInBody = false
    /// The command the route sends to a service (`nil` for routes the gateway answers itself), for
    /// the check that every command meant for clients has a route.
    var command: (any Command.Type)?
    var handle: @Sendable (Request, RouteCall) async throws -> Response

    /// The error codes every route can answer with, for the document: open routes answer 401 and 403
    /// too (wrong credentials in the body, a suspended account).
    static let errorCodes: [ErrorCode] = [.validation, .unauthenticated, .forbidden, .notFound, .conflict, .rateLimited, .unavailable]


}

/// What a route handler gets: the request's identity, the caller, and a way to send commands.
struct RouteCall: Sendable {
    let bus: Bus
    /// The gateway's authenticator (routes that change credentials tell it).
    let authenticator: GatewayAuthenticator
    /// How long to wait for a service's reply before answering 503 with `Retry-After`.
    let deadline: Duration
    /// Bounds this gateway's requests in flight per service (``sending(to:_:)``).
    let admission: ServiceAdmission
    let requestID: String?
    let principal: Principal?
    let client: ClientInfo
    let parameters: Parameters
    let queryParameters: [String: String]

    /// A path parameter (always present: the router matched it).
    func parameter(_ name: String) -> String { parameters.get(name) ?? "" }

    /// The signed-in user's claims (routes with ``RouteSecurity/bearer``); for a tenant's backend
    /// acting for a user (``RouteSecurity/bearerOrAPIKey(scope:)``), that user and no session.
    var user: (id: String, sessionId: String) {
        switch principal {
        case .user(let claims): (claims.userId, claims.sessionId)
        case .actingUser(let userId, _): (userId, "")
        case .apiKey, nil: ("", "")
        }
    }

    /// A query parameter's value; an empty value counts as absent.
    func query(_ name: String) -> String? {
        guard let value = queryParameters[name], !value.isEmpty else { return nil }
        return value
    }

    /// A query parameter that the route needs: a validation error naming it when absent or blank.
    func requiredQuery(_ name: String) throws(GatewayError) -> String {
        guard let value = query(name), !value.allSatisfy(\.isWhitespace) else {
            throw GatewayError(ContractError.validation("the query parameter '\(name)' is required", field: name))
        }
        return value
    }

    /// An integer query parameter: `nil` when absent, a validation error naming it when not a whole number.
    func integerQuery(_ name: String) throws(GatewayError) -> Int? {
        guard let raw = query(name) else { return nil }
        guard let value = Int(raw) else {
            throw GatewayError(ContractError.validation("the query parameter '\(name)' must be a whole number", field: name))
        }
        return value
    }

    /// A boolean query parameter (`true` or `false`): `nil` when absent, a validation error naming it otherwise.
    func booleanQuery(_ name: String) throws(GatewayError) -> Bool? {
        switch query(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw GatewayError(ContractError.validation("the query parameter '\(name)' must be true or false", field: name))
        }
    }

    /// Sends `command` to its owner and waits for the reply, with the request id as correlation id
    /// and the caller as actor and tenant. The reply's payload is passed on as the service encoded it.
    /// Failures are thrown as they are: the route's caller turns them into what a client may read
    /// (``GatewayError/from(_:requestID:logger:)``).
    func send<C: Command>(_ command: C) async throws -> RouteReply<C.Reply> {
        .json(try await admitted(C.self) { envelope in try await bus.requestPayloadJSON(command, envelope: envelope, timeout: deadline) })
    }

    /// Sends `command` and decodes its reply (for steps whose reply the gateway reads itself).
    func ask<C: Command>(_ command: C) async throws -> C.Reply {
        try await admitted(C.self) { envelope in try await bus.request(command, envelope: envelope, timeout: deadline) }
    }

    /// Runs `body` with the envelope of a `C` from this call (request id as correlation id, the caller
    /// as actor and tenant), in one of the places this gateway keeps for `C`'s service (``sending(to:_:)``).
    private func admitted<C: Command, T>(_ type: C.Type, _ body: (MessageEnvelope) async throws -> T) async throws -> T {
        let envelope = MessageEnvelope(correlationId: requestID, type: C.messageType, tenant: principal?.tenant, actor: principal?.actor)
        guard case .service(let service) = C.destination else { return try await body(envelope) }
        return try await sending(to: service) { try await body(envelope) }
    }

    /// Runs `body`, which waits on `service`, in one of the places this gateway keeps for that service:
    /// when they are all taken the request is refused at once with 503 and `Retry-After`
    /// (``ServiceAdmission``). Every request a route sends to a service goes through here.
    func sending<T>(to service: ServiceName, _ body: () async throws -> T) async throws -> T {
        try await admission.withPlace(for: service, body)
    }
}

/// What a route answers with on success.
enum RouteReply<Reply: Encodable & Sendable>: Sendable {
    /// A value the gateway encodes.
    case value(Reply)
    /// A service's reply payload as JSON, exactly as the service encoded it
    /// (``Bus/requestPayloadJSON(_:to:envelope:timeout:)``): written out as it is, since the gateway
    /// encodes values the same way (``GatewayJSON``).
    case json(ArraySlice<UInt8>)
}

/// An empty request body.
struct NoBody: Codable, Sendable {}

/// A command that serves as a request body as it is, but has members that only the gateway fills in,
/// from the connection rather than from the client (the caller's ``ClientInfo``). The OpenAPI
/// document leaves those members out (``OpenAPIInternalMembers``), and whatever a client sends in
/// them is overwritten before the command leaves the gateway (`APIRoute.route` stamps every body).
protocol GatewayStampedBody: OpenAPIInternalMembers, Sendable {
    /// The body with the gateway's values in its internal members, whatever the client sent there.
    func stamped(by call: RouteCall) -> Self
}

/// Commands whose only gateway-filled member is `client`.
protocol ClientStampedBody: GatewayStampedBody {
    var client: ClientInfo? { get set }
}

extension ClientStampedBody {
    static var openAPIInternalMembers: Set<String> { ["client"] }

    func stamped(by call: RouteCall) -> Self {
        var body = self
        body.client = call.client
        return body
    }
}

extension RegisterUserV1: ClientStampedBody {}
extension LoginV1: ClientStampedBody {}
extension LoginWithGoogleV1: ClientStampedBody {}
extension RefreshSessionV1: ClientStampedBody {}

extension APIRoute {
    /// A route whose JSON body decodes to `Body` and whose handler returns `Reply` as JSON.
    static func route<Body: Decodable & Sendable, Reply: Codable & Sendable>(
        _ method: HTTPRequest.Method, _ path: String, operationId: String, summary: String, tag: String,
        security: RouteSecurity, sends command: (any Command.Type)? = nil, body: Body.Type, reply: Reply.Type, status: HTTPResponse.Status = .ok,
        query: [QueryParameter] = [], pathParameters: [String: JSONValue] = [:], rateLimit: Int? = nil, credentialsInBody: Bool = false,
        _ perform: @escaping @Sendable (Body, RouteCall) async throws -> RouteReply<Reply>
    ) -> APIRoute {
        var requestSchema: (@Sendable (SchemaRecorder) -> JSONValue)?
        if Body.self != NoBody.self {
            requestSchema = { (recorder: SchemaRecorder) -> JSONValue in recorder.schema(for: Body.self) }
        }
        let responseSchema: @Sendable (SchemaRecorder) -> JSONValue = { (recorder: SchemaRecorder) -> JSONValue in
            recorder.schema(for: Reply.self)
        }
        return APIRoute(
            method: method, path: path, operationId: operationId, summary: summary, tag: tag, security: security,
            requestSchema: requestSchema, responseSchema: responseSchema, successStatus: status, query: query,
            rateLimit: rateLimit, pathParameters: pathParameters, credentialsInBody: credentialsInBody,
            // A body that is itself a command is what the route sends.
            command: command ?? (Body.self as? any Command.Type)
        ) { request, call in
            var body: Body
            if Body.self == NoBody.self {
                body = NoBody() as! Body
            } else {
                body = try await GatewayJSON.decodeBody(Body.self, from: request)
            }
            if let stampable = body as? any GatewayStampedBody, let stamped = stampable.stamped(by: call) as? Body {
                body = stamped
            }
            switch try await perform(body, call) {
            case .value(let reply): return try GatewayJSON.response(reply, status: status)
            case .json(let bytes): return GatewayJSON.response(json: bytes, status: status)
            }
        }
    }
}

/// JSON in and out of the gateway, in the wire format (``WireCoding``) so that a value the gateway
/// encodes reads like a service's reply passed on as it is: sorted keys, ISO 8601 dates with
/// milliseconds in UTC. Request bodies may carry dates with or without fraction digits.
/// Bodies that do not decode are typed validation errors.
enum GatewayJSON {
    static func decodeBody<Body: Decodable>(_ type: Body.Type, from request: Request) async throws -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: GatewayHTTP.maximumRequestBytes)
        } catch {
            throw GatewayError(ContractError(.validation, "the request body is larger than \(GatewayHTTP.maximumRequestBytes) bytes"))
        }
        do {
            return try WireCoding.decode(value: Body.self, from: buffer.readableBytesView)
        } catch let error as DecodingError {
            throw GatewayError(describe(error))
        } catch {
            throw GatewayError(ContractError(.validation, "the request body is not valid JSON"))
        }
    }

    /// The JSON of a value.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        try WireCoding.encode(value: value)
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        response(json: try encode(value)[...], status: status)
    }

    static func response(json: ArraySlice<UInt8>, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// A decoding failure as a validation error that names the field.
    static func describe(_ error: DecodingError) -> ContractError {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return ContractError.validation("the field '\(path(context, key))' is required", field: path(context, key))
        case .typeMismatch(let type, let context):
            return ContractError.validation("the field '\(path(context))' must be \(jsonName(type))", field: path(context))
        case .valueNotFound(let type, let context):
            return ContractError.validation("the field '\(path(context))' must be \(jsonName(type)), not null", field: path(context))
        case .dataCorrupted(let context):
            let field = path(context)
            return field.isEmpty
                ? ContractError.validation("the request body is not valid JSON")
                : ContractError.validation("the field '\(field)' has a value that is not allowed", field: field)
        @unknown default:
            return ContractError.validation("the request body is not valid")
        }
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        default: type is any Collection.Type ? "an array or object" : "an object"
        }
    }
}
