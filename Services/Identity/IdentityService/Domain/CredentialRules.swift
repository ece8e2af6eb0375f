import Foundation
public import SeedContracts

/// The rules a registration or profile change must satisfy. Each check returns the normalised value
/// or throws a `validation_failed` error naming the field.
public enum CredentialRules {
    /// Shortest accepted password, in characters.
    public static let minimumPasswordLength = 8
    /// Longest accepted password, in characters (longer than 72 bytes is fine: see `BcryptPasswordHasher`).
    public static let maximumPasswordLength = 128

    /// Trimmed and lower-cased; one `@`, a dotted domain, no spaces, at most 254 characters (RFC 5321).
    public static func email(_ raw: String) throws(ContractError) -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."),
              !email.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" })
        else { throw ContractError.validation("'\(raw)' is not a valid email address", field: "email") }
        return email
    }

    /// At least 8 and at most 128 characters, not only spaces.
    public static func password(_ password: String, field: String = "password") throws(ContractError) {
        guard password.count >= minimumPasswordLength, !password.allSatisfy(\.isWhitespace) else {
            throw ContractError.validation("the password must have at least \(minimumPasswordLength) characters", field: field)
        }
        guard password.count <= maximumPasswordLength else {
            throw ContractError.validation("the password must have at most \(maximumPasswordLength) characters", field: field)
        }
    }

    /// E.164: `+`, then 8 to 15 digits; spaces, dashes, dots and parentheses are dropped first
    /// (`+1-555-0123` becomes `+15550123`).
    public static func phone(_ raw: String) throws(ContractError) -> String {
        let compact = raw.filter { !" -.()".contains($0) }
        let digits = compact.dropFirst()
        guard compact.hasPrefix("+"), (8...15).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw ContractError.validation("'\(raw)' is not a phone number in international form (+ and 8 to 15 digits)", field: "phone")
        }
        return compact
    }

    /// 3 to 32 characters of `a-z`, `0-9`, `.`, `_`, `-`; lower-cased.
    public static func username(_ raw: String) throws(ContractError) -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...32).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw ContractError.validation("a username has 3 to 32 letters, digits, '.', '_' or '-'", field: "username")
        }
        return name
    }

    /// Free-text profile fields: at most `limit` characters.
    public static func text(_ value: String?, field: String, limit: Int = 200) throws(ContractError) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= limit else { throw ContractError.validation("\(field) must be at most \(limit) characters", field: field) }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `light` or `dark`.
    public static func preferences(_ preferences: UserPreferences) throws(ContractError) -> UserPreferences {
        guard ["light", "dark"].contains(preferences.theme) else {
            throw ContractError.validation("theme must be 'light' or 'dark'", field: "preferences.theme")
        }
        return preferences
    }

    /// An IANA time zone name that this system knows.
    public static func timezone(_ value: String?) throws(ContractError) -> String? {
        guard let value else { return nil }
        guard TimeZone(identifier: value) != nil else {
            throw ContractError.validation("'\(value)' is not a known time zone (for example Europe/Berlin)", field: "timezone")
        }
        return value
    }

    /// Seed 002 `fullName`: trimmed, 2 to 50 characters (Unicode code points, as JSON Schema counts).
    public static func fullName(_ value: String?, field: String) throws(ContractError) -> String? {
        guard let value else { return nil }
        guard (2...50).contains(value.unicodeScalars.count) else {
            throw ContractError.validation("\(field) must have 2 to 50 characters", field: field)
        }
        // Refused rather than trimmed, so that the OpenAPI pattern (Constraints.swift) states the same rule.
        let edge: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n"]
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last, !edge.contains(first), !edge.contains(last) else {
            throw ContractError.validation("\(field) must not start or end with a space", field: field)
        }
        return value
    }

    /// A profile with every field checked and trimmed.
    public static func profile(_ profile: UserProfile) throws(ContractError) -> UserProfile {
        UserProfile(
            firstName: try text(profile.firstName, field: "profile.firstName", limit: 100),
            lastName: try text(profile.lastName, field: "profile.lastName", limit: 100),
            displayName: try text(profile.displayName, field: "profile.displayName", limit: 100),
            company: try text(profile.company, field: "profile.company"),
            avatar: try text(profile.avatar, field: "profile.avatar", limit: 2048),
            timezone: try timezone(profile.timezone),
            preferences: try preferences(profile.preferences),
            fullName: try fullName(profile.fullName, field: "profile.fullName"))
    }
}
