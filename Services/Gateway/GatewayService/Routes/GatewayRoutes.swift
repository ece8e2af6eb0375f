import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SeedBus
import SeedContracts
import SeedRuntime

/// The gateway's route table and how each route is served: authentication, rate limits, the
/// command over the bus, typed errors as JSON.
///
/// The runtime adds `/health/live`, `/health/ready` and `/metrics`; `/openapi.json` and
/// `/.well-known/jwks.json` are served beside the API routes.
public struct GatewayRoutes: Sendable {
    let bus: Bus
    let authenticator: GatewayAuthenticator
    let rateLimiting: RateLimiting?
    let logger: Logger
    /// How long a route waits for a service's reply before answering 503 with `Retry-After`.
    let deadline: Duration
    /// The requests in flight per service, bounded.
    let admission: ServiceAdmission

    /// The default of ``deadline``.
    public static let defaultDeadline: Duration = .seconds(5)

    /// Methods that get a 405 on a known path that does not take them (OPTIONS belongs to CORS).
    static let otherMethods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .trace, .connect, HTTPRequest.Method("QUERY")!]

    /// Every API route, in the order of the OpenAPI document.
    static let all: [APIRoute] = SystemRoutes.all + IdentityRoutes.all + WorkRoutes.all + MessagingRoutes.all + DocumentsRoutes.all + NutritionRoutes.all + BusinessAIRoutes.all

    /// Commands that only services (or the gateway itself) send, so they have no route: each is named
    /// here with the reason, and a test fails for a service command that is neither routed nor listed.
    static let internalCommands: [(command: any Command.Type, reason: String)] = [
        (GetSigningKeysV1.self, "the gateway fetches identity's keys itself and serves them at /.well-known/jwks.json"),
        (AuthenticateAPIKeyV1.self, "the gateway resolves X-API-Key headers with it"),
        (OpenSprintConversationV1.self, "work opens a sprint's conversation when the sprint is created"),
    ] + DocumentsRoutes.internalCommands + BusinessAIRoutes.internalCommands + MessagingRoutes.internalCommands + IdentityRoutes.internalCommands
        + TenantDataOwners.allCommands.map { ($0, "an operator's tenant export or erasure: seed-ops tenants sends it to each service over the bus, never a client (decision 0039)") }

    /// Registers every route on `router`.
    func register(on router: Router<SeedRequestContext>) {
        for route in Self.all {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await serve(route, request, context)
            }
        }
        // A known path with a method it does not take answers 405 with the methods it does take.
        for (path, methods) in Dictionary(grouping: Self.all, by: \.path).mapValues({ $0.map(\.method) }) {
            let allowed = methods.map(\.rawValue).sorted().joined(separator: ", ")
            for method in Self.otherMethods where !methods.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    var response = try GatewayJSON.response(
                        ContractError(.methodNotAllowed, "\(method.rawValue) is not allowed here; use \(allowed)"), status: .methodNotAllowed)
                    response.headers[.allow] = allowed
                    return response
                }
            }
        }
        let document = OpenAPIDocument.json(routes: Self.all)
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
        }
        let authenticator = authenticator
        let logger = logger
        router.get(".well-known/jwks.json") { _, context in
            do {
                return try GatewayJSON.response(try await authenticator.signingKeys(), status: .ok)
            } catch {
                throw GatewayError.from(error, requestID: context.requestID, logger: logger)
            }
        }
    }

    /// Serves one request of `route`. Every failure leaves through ``GatewayError/from(_:requestID:logger:)``,
    /// which decides what the client reads; a 401 for credentials the client presented counts against
    /// its address's budget of failed authentications (and becomes a 429 once that is spent).
    private func serve(_ route: APIRoute, _ request: Request, _ context: SeedRequestContext) async throws -> Response {
        let address = context.remoteAddress ?? "local"
        let presentsCredentials = Self.presentsCredentials(route, request)
        do {
            if presentsCredentials { try rateLimiting?.checkAuthenticationBudget(address: address) }
            let principal = try await authenticate(route, request, context)
            try await rateLimiting?.check(client: principal.map { "\($0.actor)" } ?? address, route: route.operationId, routeLimit: route.rateLimit)
            if let key = principal?.apiKeyPrincipal, let limit = key.apiRequestsPerMinute, let rateLimiting {
                // The tenant's apiRequestsPerMinute quota (decision 0035), shared by every instance in Redis.
                try await rateLimiting.checkTenantQuota(tenant: key.tenantId, limit: limit, bus: bus)
            }
            let query = Self.queryParameters(request.uri.query)
            let call = RouteCall(
                bus: bus, authenticator: authenticator, deadline: deadline, admission: admission, requestID: context.requestID, principal: principal,
                client: ClientInfo(ipAddress: context.remoteAddress, userAgent: request.headers[.userAgent]),
                parameters: context.parameters, queryParameters: query)
            return try await route.handle(request, call)
        } catch {
            var answer = GatewayError.from(error, requestID: context.requestID, logger: logger.with(route: route))
            if answer.error.code == .unauthenticated, presentsCredentials, let rateLimiting,
               let limited = await rateLimiting.authenticationFailed(address: address) {
                answer = GatewayError(limited)
            }
            throw answer
        }
    }

    /// Whether the request carries credentials that `route` checks: the header its security names, or
    /// a body that holds them (``APIRoute/credentialsInBody``). A request without them is not a failed
    /// authentication, only an incomplete one.
    static func presentsCredentials(_ route: APIRoute, _ request: Request) -> Bool {
        switch route.security {
        case .open: route.credentialsInBody
        case .bearer: request.headers[.authorization] != nil
        case .apiKey: request.headers[HTTPField.Name.apiKey] != nil
        case .bearerOrAPIKey, .bearerOrTenantAPIKey: request.headers[.authorization] != nil || request.headers[HTTPField.Name.apiKey] != nil
        }
    }

    /// Whether `value` has the form of a user id (``OpenAPIDocument/objectIdPattern``): 24 lower-case
    /// hexadecimal digits, as identity makes them.
    static func isUserId(_ value: String) -> Bool {
        value.utf8.count == 24 && value.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// The query's parameters as an HTML form or `URLSearchParams` encodes them
    /// (`application/x-www-form-urlencoded`): `+` is a space, `%XX` a byte of UTF-8; the last of a
    /// repeated name wins. A value that does not decode is kept as it was sent.
    static func queryParameters(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        func decode(_ part: Substring) -> String {
            let spaced = part.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        var result: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    private func authenticate(_ route: APIRoute, _ request: Request, _ context: SeedRequestContext) async throws(ContractError) -> Principal? {
        switch route.security {
        case .open:
            return nil
        case .bearer:
            guard let token = request.headers[.authorization].flatMap(Self.bearerToken) else {
                throw ContractError(.unauthenticated, "this route needs an access token: Authorization: Bearer <token>")
            }
            return .user(try await authenticator.user(bearer: token))
        case .apiKey(let scope):
            guard let key = request.headers[HTTPField.Name.apiKey] else {
                throw ContractError(.unauthenticated, "this route needs an API key: X-API-Key: <key>")
            }
            return .apiKey(try await apiKey(key, scope: scope, context))
        case .bearerOrTenantAPIKey(let scope):
            if let header = request.headers[.authorization] { return try await user(authorization: header) }
            guard let key = request.headers[HTTPField.Name.apiKey] else {
                throw ContractError(
                    .unauthenticated, "this route needs an access token (Authorization: Bearer <token>) or the tenant's API key (X-API-Key: <key>)")
            }
            return .apiKey(try await apiKey(key, scope: scope, context))
        case .bearerOrAPIKey(let scope):
            // The header is a user id wherever it appears, as the document says; with a bearer token
            // it plays no other part (the caller is the token's user).
            let acting = request.headers[.actingUser]
            if let acting, !Self.isUserId(acting) {
                throw ContractError.validation("\(HTTPActingUser.header) must be a user id: 24 hexadecimal digits", field: HTTPActingUser.header)
            }
            if let header = request.headers[.authorization] { return try await user(authorization: header) }
            guard let key = request.headers[HTTPField.Name.apiKey] else {
                throw ContractError(
                    .unauthenticated,
                    "this route needs an access token (Authorization: Bearer <token>) or an API key (X-API-Key: <key>) with X-Acting-User: <user id>")
            }
            let principal = try await apiKey(key, scope: scope, context)
            guard let acting else {
                throw ContractError.validation(
                    "an API-key call acts for one of the tenant's users: send \(HTTPActingUser.header): <user id>", field: HTTPActingUser.header)
            }
            return .actingUser(try await authenticator.actingUser(acting, for: principal, requestID: context.requestID), key: principal)
        }
    }

    /// The user of an `Authorization` header that must be `Bearer <access token>`.
    private func user(authorization header: String) async throws(ContractError) -> Principal {
        guard let token = Self.bearerToken(header) else {
            throw ContractError(.unauthenticated, "the Authorization header is not Bearer <token>")
        }
        return .user(try await authenticator.user(bearer: token))
    }

    /// The API key's principal once identity confirmed the key, if it carries `scope`; `forbidden` otherwise.
    private func apiKey(_ key: String, scope: String, _ context: SeedRequestContext) async throws(ContractError) -> APIKeyPrincipalV1 {
        let principal = try await authenticator.apiKey(key, requestID: context.requestID)
        guard principal.scopes.contains(scope) else {
            throw ContractError(.forbidden, "this API key lacks the scope \(scope)", details: ["scope": scope])
        }
        return principal
    }
}

extension GatewayRoutes {
    /// The token of an `Authorization: Bearer <token>` header (scheme in any case, blanks around the
    /// token ignored), or `nil` when the header is not a bearer credential. Works on the UTF-8 bytes:
    /// this runs on every authenticated request and the token is long.
    static func bearerToken(_ header: String) -> String? {
        let utf8 = header.utf8
        let scheme = "bearer ".utf8
        guard utf8.count > scheme.count,
              // ASCII case folding of the scheme's letters.
              zip(utf8, scheme).allSatisfy({ byte, expected in byte == expected || (expected >= UInt8(ascii: "a") && (byte | 0x20) == expected) })
        else { return nil }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let token = utf8.dropFirst(scheme.count).drop(while: blank)
        guard let last = token.lastIndex(where: { !blank($0) }) else { return nil }
        return String(decoding: token[...last], as: UTF8.self)
    }
}

extension Logger {
    /// This logger with the route's operation id as `route`.
    fileprivate func with(route: APIRoute) -> Logger {
        var logger = self
        logger[metadataKey: "route"] = .string(route.operationId)
        return logger
    }
}

extension HTTPField.Name {
    /// `X-API-Key`: a tenant's API key.
    static let apiKey = HTTPField.Name("X-API-Key")!
}
