import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SeedBus
import SeedContracts
import SeedRuntime
import Testing

@testable import GatewayService

/// A small JSON Schema check (type, required, properties, enum, items, $ref) — enough to prove that
/// what the gateway sends matches what its document says.
struct SchemaCheck {
    let components: JSONValue

    func problems(_ value: Any, against schema: JSONValue, at path: String = "$") -> [String] {
        if case .string(let ref)? = schema["$ref"] {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = components[name] else { return ["\(path): unknown $ref \(ref)"] }
            return problems(value, against: target, at: path)
        }
        if case .array(let branches)? = schema["anyOf"] {
            let results = branches.map { problems(value, against: $0, at: path) }
            return results.contains(where: \.isEmpty) ? [] : ["\(path): matches no branch of anyOf: \(results.flatMap { $0 })"]
        }
        var found: [String] = []
        if case .array(let allowed)? = schema["enum"], let text = value as? String, !allowed.contains(.string(text)) {
            found.append("\(path): '\(text)' is not one of the enum values")
        }
        switch schema["type"] {
        case .string("object")?:
            guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where object[key] == nil { found.append("\(path).\(key): required but missing") }
            }
            if case .object(let properties)? = schema["properties"] {
                for (key, member) in object {
                    if let propertySchema = properties.first(where: { $0.0 == key })?.1 {
                        found += problems(member, against: propertySchema, at: "\(path).\(key)")
                    } else if schema["additionalProperties"] == nil {
                        found.append("\(path).\(key): not in the schema")
                    }
                }
            }
        case .string("array")?:
            guard let array = value as? [Any] else { return ["\(path): expected an array"] }
            if let items = schema["items"] { for (index, element) in array.enumerated() { found += problems(element, against: items, at: "\(path)[\(index)]") } }
        case .string("string")?:
            if !(value is String) { found.append("\(path): expected a string") }
        case .string("integer")?, .string("number")?:
            if value is Bool || !(value is Int || value is Double || value is NSNumber) { found.append("\(path): expected a number") }
        case .string("boolean")?:
            if !(value is Bool) { found.append("\(path): expected a boolean") }
        case .string("null")?:
            if !(value is NSNull) { found.append("\(path): expected null") }
        default: break
        }
        return found
    }
}

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    let document = OpenAPIDocument.build(routes: GatewayRoutes.all)

    var components: JSONValue { document["components"]?["schemas"] ?? .object([]) }

    @Test("it is OpenAPI 3.1 and lists every route of the table with its method, once")
    func listsEveryRoute() throws {
        #expect(document["openapi"] == .string("3.1.0"))
        guard case .object(let paths)? = document["paths"] else { Issue.record("no paths"); return }
        var documented: Set<String> = []
        for (path, item) in paths {
            guard case .object(let methods) = item else { continue }
            for (method, _) in methods { documented.insert("\(method.uppercased()) \(path)") }
        }
        let routed = Set(GatewayRoutes.all.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routed.count == GatewayRoutes.all.count, "a route is declared twice")
        #expect(documented == routed)
        #expect(Set(GatewayRoutes.all.map(\.operationId)).count == GatewayRoutes.all.count, "operation ids are unique")
    }

    @Test("request schemas come from the Codable types: required members are required, optional ones are not")
    func schemasFollowTheTypes() throws {
        let register = try #require(components["RegisterUserV1"])
        #expect(register["required"] == .array([.string("email"), .string("password")]))
        guard case .object(let properties)? = register["properties"] else { Issue.record("no properties"); return }
        #expect(properties.map(\.0) == ["email", "password", "phone", "username", "profile"])
        let user = try #require(components["UserV1"])
        #expect(user["properties"]?["role"]?["enum"] == .array(UserRole.allCases.map { .string($0.rawValue) }))
        #expect(user["properties"]?["createdAt"]?["format"] == .string("date-time"))
        #expect(components["ContractError"]?["required"] == .array([.string("code"), .string("message")]))
    }

    @Test("no request schema has the `client` member, which the gateway fills in from the connection")
    func noRequestSchemaHasClient() throws {
        guard case .object(let paths)? = document["paths"] else { Issue.record("no paths"); return }
        var requestSchemas = 0
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for (method, operation) in operations {
                guard let schema = operation["requestBody"]?["content"]?["application/json"]?["schema"] else { continue }
                requestSchemas += 1
                var resolved = schema
                if case .string(let ref)? = schema["$ref"] {
                    resolved = try #require(components[String(ref.split(separator: "/").last ?? "")], "\(ref)")
                }
                guard case .object(let properties)? = resolved["properties"] else { continue }
                #expect(!properties.contains { $0.0 == "client" }, "\(method.uppercased()) \(path) takes `client`")
            }
        }
        #expect(requestSchemas >= 4)
        #expect(components["ClientInfo"] == nil, "ClientInfo is not part of the public API")
    }

    @Test("a `client` that a request sends is overwritten with the connection's own")
    func clientIsOverwritten() async throws {
        try await SuiteFixture.run { client, _ in
            _ = try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"\#(SuiteFixture.bootstrapAdmin)","password":"correct horse battery"}"#)
            let root = try (try await client.call(.post, "/api/v1/auth/login",
                                                  json: #"{"email":"\#(SuiteFixture.bootstrapAdmin)","password":"correct horse battery"}"#)).decode(SessionTokensV1.self)
            let forged = try await client.call(.post, "/api/v1/auth/register", json: """
                {"email":"eve@example.com","password":"correct horse battery","client":{"ipAddress":"6.6.6.6","userAgent":"forged/1.0"}}
                """)
            let eve = try forged.decode(UserV1.self)
            let page = try (try await client.call(.get, "/api/v1/audit-log?userId=\(eve.id)&action=register", token: root.accessToken)).decode(AuditLogPageV1.self)
            let entry = try #require(page.entries.first)
            #expect(entry.ipAddress != "6.6.6.6" && entry.userAgent != "forged/1.0", "\(entry)")
            #expect(entry.ipAddress == "127.0.0.1")
        }
    }

    @Test("every reply's contract example, as the gateway encodes it, matches the documented schema")
    func examplesMatchTheSchemas() throws {
        let check = SchemaCheck(components: components)
        let replies: [(String, any Encodable)] = [
            ("UserV1", UserV1.example), ("SessionTokensV1", SessionTokensV1.example), ("AuditLogPageV1", AuditLogPageV1.example),
            ("TenantV1", TenantV1.example), ("ApplicationV1", ApplicationV1.example), ("CreatedAPIKeyV1", CreatedAPIKeyV1.example),
            ("APIKeyListV1", APIKeyListV1.example), ("APIKeyV1", APIKeyV1.example), ("Accepted", Accepted.example),
            ("ContractError", ContractError(.validation, "bad", details: ["field": "email"])),
        ]
        for (name, example) in replies {
            let json = try JSONSerialization.jsonObject(with: Data(try GatewayJSON.encode(example)))
            let schema = try #require(components[name], "no component \(name)")
            #expect(check.problems(json, against: schema) == [], "\(name)")
        }
    }

    @Test("the router serves every documented operation: none answers with the router's own 404 or 405")
    func routerServesEveryOperation() async throws {
        var configuration = try BusConfiguration(url: "amqp://guest:guest@127.0.0.1:1/")
        configuration.publishTimeout = .milliseconds(50)
        let bus = Bus(service: .gateway, configuration: configuration, logger: Logger(label: "test"))
        let router = Router(context: SeedRequestContext.self)
        Gateway.configure(router, bus: bus, redis: nil, logger: Logger(label: "test"))
        try await Application(router: router).test(.router) { client in
            for route in GatewayRoutes.all {
                let path = route.path.split(separator: "/").map { $0.hasPrefix("{") ? "x" : String($0) }.joined(separator: "/")
                let response = try await client.execute(uri: "/" + path, method: route.method, headers: [.contentType: "application/json"],
                                                        body: ByteBuffer(string: "{}"))
                let error = try? JSONDecoder().decode(ContractError.self, from: Data(buffer: response.body))
                let served = response.status.code < 400 || error != nil
                #expect(served, "\(route.method) \(route.path) → \(response.status) without a JSON error: not routed")
                #expect(response.status.code != 500, "\(route.method) \(route.path) → 500")
            }
            let unknown = try await client.execute(uri: "/api/v1/not-a-route", method: .get)
            #expect(unknown.status == .notFound)
            let document = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(document.status == .ok)
            let parsed = try JSONSerialization.jsonObject(with: Data(buffer: document.body)) as? [String: Any]
            #expect(parsed?["openapi"] as? String == "3.1.0")
        }
    }
}

