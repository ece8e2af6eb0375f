import SeedContracts

// Input rules of the API key rotation route (decision 0036), stated in the OpenAPI document; identity
// checks them too.

extension RotateAPIKeyBody: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["overlapMinutes": [("minimum", .integer(0)), ("maximum", .integer(10_080))]]
    }
}
