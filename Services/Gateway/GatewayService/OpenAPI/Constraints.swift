import Foundation
import SeedContracts

// The rules of identity's input beyond the Swift types (CredentialRules, Tenant, APIKey), stated in
// the OpenAPI document. schemathesis sends data that these allow and fails the run when identity
// refuses it, so a rule that changes in one place and not the other is caught.

private func string(_ members: (String, JSONValue)...) -> [(String, JSONValue)] { members }
private let nonBlank: (String, JSONValue) = ("pattern", .string("\\S"))
private let phoneRule = string(("pattern", .string("^\\+[0-9]{8,15}$")))
private let usernameRule = string(("pattern", .string("^[A-Za-z0-9._-]{3,32}$")))
private let timezoneRule = string(("enum", .array(TimeZone.knownTimeZoneIdentifiers.sorted().map(JSONValue.string))))
private func text(_ limit: Int) -> [(String, JSONValue)] { [("maxLength", .integer(limit))] }
/// Seed 002 `fullName` (CredentialRules.fullName): 2 to 50 characters, not starting or ending with a
/// space, tab, CR or LF (named, not `\\s`, whose meaning differs between regular-expression engines).
private let fullNameRule = string(("minLength", .integer(2)), ("maxLength", .integer(50)), ("pattern", .string("^[^ \\t\\r\\n][\\s\\S]*[^ \\t\\r\\n]$")))

extension RegisterUserV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["email": string(("format", .string("email")), ("maxLength", .integer(254))),
         "password": string(("minLength", .integer(8)), ("maxLength", .integer(128)), nonBlank),
         "phone": phoneRule, "username": usernameRule]
    }
}

extension UserProfile: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["firstName": text(100), "lastName": text(100), "displayName": text(100), "company": text(200), "avatar": text(2048),
         "timezone": timezoneRule, "fullName": fullNameRule]
    }
}

extension UserPreferences: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["theme": string(("enum", .array([.string("light"), .string("dark")])))]
    }
}

extension UpdateProfileV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["firstName": text(100), "lastName": text(100), "displayName": text(100), "company": text(200), "avatar": text(2048),
         "timezone": timezoneRule, "phone": phoneRule, "username": usernameRule, "fullName": fullNameRule]
    }
}

extension VerifyPhoneV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["code": string(("pattern", .string("^[0-9]{6}$")))] }
}

extension CreateTenantV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["id": string(("pattern", .string("^[a-z][a-z0-9-]{2,39}$"))), "name": text(100) + [nonBlank]]
    }
}

extension NameBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["name": text(100) + [nonBlank]] }
}

extension CreateAPIKeyBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["applicationId": string(("minLength", .integer(1))), "name": text(100) + [nonBlank],
         "scopes": [("minItems", .integer(1)),
                    ("items", .object([("type", .string("string")), ("enum", .array(APIKeyScopes.known.map(JSONValue.string)))]))]]
    }
}

extension ChangeRolesBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["roles": [("items", .object([("type", .string("string")), ("pattern", .string("^[A-Za-z0-9_:-]{1,40}$"))]))]]
    }
}

extension ChangeStatusBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["reason": text(500)] }
}

extension TenantUserBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["displayName": text(100) + [nonBlank], "avatarUrl": text(2048), "customData": [("maxProperties", .integer(50))]]
    }
}
