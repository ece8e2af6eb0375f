import Foundation
import SeedContracts

/// A system setting (seed 000 `system_settings`): a unique key with a typed, validated value.
struct SystemSetting: Codable, Sendable, Equatable {
    var id: String
    var key: String
    var value: SettingValueV1
    var category: SettingCategory
    var description: String?
    var isEditable: Bool
    var validationType: SettingValidationType
    var validationRules: SettingRulesV1?
    var lastModifiedBy: String?
    var lastModifiedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id", key, value, category, description, isEditable, validationType, validationRules, lastModifiedBy, lastModifiedAt,
             createdAt, updatedAt
    }

    var view: SettingV1 {
        SettingV1(
            id: id, key: key, value: value, category: category, description: description, isEditable: isEditable, validationType: validationType,
            validationRules: validationRules, lastModifiedBy: lastModifiedBy, lastModifiedAt: lastModifiedAt, createdAt: createdAt,
            updatedAt: updatedAt)
    }
}

/// How a setting's value is checked against its `validationType` and `validationRules`.
enum SettingRules {
    /// A key: 1–100 letters, digits, `.`, `_` or `-`.
    static func key(_ raw: String) throws(ContractError) -> String {
        guard (1...100).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw WorkRules.invalid("'key' must be 1 to 100 letters, digits, '.', '_' or '-'", field: "key", rule: "key")
        }
        return raw
    }

    /// The rules themselves must make sense (lengths not negative, min ≤ max, a pattern that compiles).
    static func rules(_ rules: SettingRulesV1?, for type: SettingValidationType) throws(ContractError) -> SettingRulesV1? {
        guard let rules else { return nil }
        if let low = rules.minLength, low < 0 { throw WorkRules.invalid("minLength must not be negative", field: "validationRules.minLength", rule: "range") }
        if let low = rules.minLength, let high = rules.maxLength, low > high {
            throw WorkRules.invalid("minLength is above maxLength", field: "validationRules.maxLength", rule: "range")
        }
        if let low = rules.min, let high = rules.max, low > high {
            throw WorkRules.invalid("min is above max", field: "validationRules.max", rule: "range")
        }
        if let pattern = rules.pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
            throw WorkRules.invalid("pattern is not a regular expression", field: "validationRules.pattern", rule: "pattern")
        }
        return rules
    }

    /// `value` if it has `type` and follows `rules`; a `validation_failed` naming `value` and the rule otherwise.
    static func value(_ value: SettingValueV1, type: SettingValidationType, rules: SettingRulesV1?) throws(ContractError) -> SettingValueV1 {
        func refuse(_ message: String, _ rule: String) -> ContractError { WorkRules.invalid(message, field: "value", rule: rule) }
        func checkNumber(_ number: Double) throws(ContractError) {
            guard number.isFinite else { throw refuse("the value must be a finite number", "number") }
            if rules?.integer == true, number.rounded() != number { throw refuse("the value must be a whole number", "integer") }
            if let min = rules?.min, number < min { throw refuse("the value must be at least \(min)", "min") }
            if let max = rules?.max, number > max { throw refuse("the value must be at most \(max)", "max") }
        }
        switch (type, value) {
        case (.boolean, .boolean):
            return value
        case (.number, .integer(let whole)):
            try checkNumber(Double(whole))
            return value
        case (.number, .number(let number)):
            try checkNumber(number)
            return value
        case (.string, .string(let text)), (.email, .string(let text)), (.url, .string(let text)):
            if let low = rules?.minLength, text.count < low { throw refuse("the value must have at least \(low) characters", "minLength") }
            if let high = rules?.maxLength, text.count > high { throw refuse("the value must have at most \(high) characters", "maxLength") }
            if let allowed = rules?.allowedValues, !allowed.contains(text) {
                throw refuse("the value must be one of \(allowed.joined(separator: ", "))", "allowedValues")
            }
            if let pattern = rules?.pattern, let expression = try? NSRegularExpression(pattern: "^(?:\(pattern))$"),
               expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                throw refuse("the value does not match the pattern \(pattern)", "pattern")
            }
            if type == .email, !isEmail(text) { throw refuse("the value must be an email address", "email") }
            if type == .url { _ = try WorkRules.url(text, field: "value") }
            return value
        default:
            throw refuse("the value must be \(type == .boolean ? "true or false" : type == .number ? "a number" : "a string") (\(type.rawValue))", "validationType")
        }
    }

    /// One `@`, something before it, a dotted domain after it, no spaces.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: \.isWhitespace), text.count <= 254
        else { return false }
        return true
    }
}
