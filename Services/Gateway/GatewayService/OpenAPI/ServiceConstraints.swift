import SeedContracts

// Input rules of work, business-ai and nutrition beyond the Swift types, stated in the OpenAPI document
// (see Constraints.swift for why): the owning service checks each of them too.

private let nonBlank: (String, JSONValue) = ("pattern", .string("\\S"))
private func length(_ range: ClosedRange<Int>) -> [(String, JSONValue)] {
    [("minLength", .integer(range.lowerBound)), ("maxLength", .integer(range.upperBound)), nonBlank]
}

extension CreateBoardV1: OpenAPIConstrained {
    /// A name, and 1 to 20 columns when the caller lists them (none: the board type's default columns).
    static var openAPIConstraints: [String: [(String, JSONValue)]] {
        ["name": [("minLength", .integer(1)), nonBlank], "columns": [("minItems", .integer(1)), ("maxItems", .integer(20))]]
    }
}

extension CreateBusinessV1: OpenAPIConstrained {
    /// BusinessRules.name: 2 to 100 characters.
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["businessName": length(2...100)] }
}

extension AskCoachV1: OpenAPIConstrained {
    /// NutritionRules: 1 to 4,000 characters.
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["content": length(1...4_000)] }
}

extension ConnectFitnessV1: OpenAPIConstrained {
    static var openAPIConstraints: [String: [(String, JSONValue)]] { ["authorizationCode": length(1...2_048)] }
}
