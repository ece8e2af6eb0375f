import Foundation
import HTTPTypes
import SeedContracts

/// The OpenAPI 3.1 document of the gateway, built from the route table (``GatewayRoutes/all``) and
/// the Codable types of each route's body and reply, so that it says what the code does.
enum OpenAPIDocument {
    /// The document as JSON.
    static func json(routes: [APIRoute]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(build(routes: routes))) ?? Data())
    }

    static func build(routes: [APIRoute]) -> JSONValue {
        let recorder = SchemaRecorder()
        let errorSchema = recorder.schema(for: ContractError.self)
        var paths: [(String, JSONValue)] = []
        for route in routes {
            let operation = self.operation(route, recorder: recorder, errorSchema: errorSchema)
            if let index = paths.firstIndex(where: { $0.0 == route.path }), case .object(var methods) = paths[index].1 {
                methods.append((route.method.rawValue.lowercased(), operation))
                paths[index].1 = .object(methods)
            } else {
                paths.append((route.path, .object([(route.method.rawValue.lowercased(), operation)])))
            }
        }
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([
                ("title", .string("Seed Suite API")),
                ("version", .string("1.0.0")),
                ("description", .string("The HTTP edge of Seed Suite. Every route sends one command over the bus; errors are JSON {code, message, details}.")),
            ])),
            ("paths", .object(paths)),
            ("components", .object([
                ("schemas", .object(recorder.components)),
                ("securitySchemes", .object([
                    ("bearer", .object([("type", .string("http")), ("scheme", .string("bearer")), ("bearerFormat", .string("JWT"))])),
                    ("apiKey", .object([("type", .string("apiKey")), ("in", .string("header")), ("name", .string("X-API-Key"))])),
                ])),
            ])),
        ])
    }

    private static func operation(_ route: APIRoute, recorder: SchemaRecorder, errorSchema: JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operationId", .string(route.operationId)),
            ("summary", .string(route.summary)),
            ("tags", .array([.string(route.tag)])),
        ]
        var parameters: [JSONValue] = pathParameters(route.path).map { name in
            .object([("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
                     ("schema", route.pathParameters[name] ?? .object([("type", .string("string")), ("minLength", .integer(1))]))])
        }
        parameters += route.query.map { query in
            .object([("name", .string(query.name)), ("in", .string("query")), ("required", .bool(query.required)),
                     ("description", .string(query.description)),
                     ("schema", query.schema)])
        }
        if case .bearerOrAPIKey = route.security {
            parameters.append(.object([
                ("name", .string(HTTPActingUser.header)), ("in", .string("header")), ("required", .bool(false)),
                ("description", .string(
                    "With X-API-Key (and only then): the id of the end user of the key's tenant the call acts for; required with a key. "
                        + "The user must be an active user of that tenant (403 otherwise). With a bearer token it plays no part, "
                        + "but must still be a user id when sent (400 otherwise).")),
                ("schema", .object([("type", .string("string")), ("pattern", .string(objectIdPattern))])),
            ]))
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        switch route.security {
        case .open: members.append(("security", .array([])))
        case .bearer: members.append(("security", .array([.object([("bearer", .array([]))])])))
        case .apiKey(let scope): members.append(("security", .array([.object([("apiKey", .array([.string(scope)]))])])))
        case .bearerOrAPIKey(let scope), .bearerOrTenantAPIKey(let scope):
            members.append(("security", .array([.object([("bearer", .array([]))]), .object([("apiKey", .array([.string(scope)]))])])))
        }
        if let requestSchema = route.requestSchema {
            members.append(("requestBody", .object([
                ("required", .bool(true)),
                ("content", .object([("application/json", .object([("schema", requestSchema(recorder))]))])),
            ])))
        }
        var responses: [(String, JSONValue)] = [
            (String(route.successStatus.code), .object([
                ("description", .string(route.successStatus.reasonPhrase)),
                ("content", .object([("application/json", .object([("schema", route.responseSchema(recorder))]))])),
            ])),
        ]
        for code in APIRoute.errorCodes {
            let status = String(code.httpStatus)
            guard !responses.contains(where: { $0.0 == status }) else { continue }
            responses.append((status, .object([
                ("description", .string(code.meaning)),
                ("content", .object([("application/json", .object([("schema", errorSchema)]))])),
            ])))
        }
        members.append(("responses", .object(responses)))
        return .object(members)
    }

    /// Ids of users, conversations, messages and documents: 24 lower-case hexadecimal digits.
    static let objectIdPattern = "^[0-9a-f]{24}$"

    /// The `{name}` parts of a path.
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }
}
