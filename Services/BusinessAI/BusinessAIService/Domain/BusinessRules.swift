import Foundation
import SeedContracts

/// The rules of seed 002's fields: each check returns the clean value or throws a validation error
/// naming the field. No I/O.
enum BusinessRules {
    /// 2–100 characters after trimming.
    static func businessName(_ raw: String) throws(ContractError) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (2...100).contains(name.count) else { throw .validation("businessName must be 2–100 characters", field: "businessName") }
        return name
    }

    /// The URL-friendly slug of a name: lower-case ASCII letters and digits joined by single hyphens
    /// (accents folded); `business` when nothing is left.
    static func slug(of name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        let trimmed = String(slug.prefix(80))
        return trimmed.isEmpty ? "business" : (trimmed.hasSuffix("-") ? String(trimmed.dropLast()) : trimmed)
    }

    /// Optional free text of at most `limit` characters; blank becomes `nil`.
    static func text(_ raw: String?, field: String, limit: Int) throws(ContractError) -> String? {
        guard let raw else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= limit else { throw .validation("\(field) must be at most \(limit) characters", field: field) }
        return text.isEmpty ? nil : text
    }

    /// A plausible email address, lower-cased.
    static func email(_ raw: String, field: String = "email") throws(ContractError) -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: \.isWhitespace) else {
            throw .validation("\(field) must be an email address", field: field)
        }
        return email
    }

    static func optionalEmail(_ raw: String?, field: String) throws(ContractError) -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try email(raw, field: field)
    }

    /// An http or https URL.
    static func url(_ raw: String?, field: String) throws(ContractError) -> String? {
        guard let raw = try text(raw, field: field, limit: 2048) else { return nil }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw .validation("\(field) must be an http or https URL", field: field)
        }
        return raw
    }

    /// `#RRGGBB` (upper-cased).
    static func color(_ raw: String?, field: String) throws(ContractError) -> String? {
        guard let raw else { return nil }
        let hex = raw.dropFirst()
        guard raw.hasPrefix("#"), hex.count == 6, hex.allSatisfy(\.isHexDigit) else {
            throw .validation("\(field) must be a #RRGGBB colour", field: field)
        }
        return raw.uppercased()
    }

    static func address(_ address: BusinessAddressV1?) throws(ContractError) -> BusinessAddressV1? {
        guard var address else { return nil }
        address.street = try text(address.street, field: "address.street", limit: 200)
        address.city = try text(address.city, field: "address.city", limit: 100)
        address.state = try text(address.state, field: "address.state", limit: 100)
        address.country = try text(address.country, field: "address.country", limit: 100)
        address.zipCode = try text(address.zipCode, field: "address.zipCode", limit: 20)
        if let point = address.coordinates {
            guard (-90...90).contains(point.lat) else { throw .validation("address.coordinates.lat must be within −90…90", field: "address.coordinates.lat") }
            guard (-180...180).contains(point.lng) else { throw .validation("address.coordinates.lng must be within −180…180", field: "address.coordinates.lng") }
        }
        return address
    }

    /// Applies a chat-settings patch: welcome 1–500 characters, 1–10,000 questions per hour.
    static func chatSettings(_ patch: ChatSettingsPatchV1, onto current: ChatSettingsV1) throws(ContractError) -> ChatSettingsV1 {
        var settings = current
        if let welcome = patch.welcomeMessage {
            let text = welcome.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...500).contains(text.count) else {
                throw .validation("chatSettings.welcomeMessage must be 1–500 characters", field: "chatSettings.welcomeMessage")
            }
            settings.welcomeMessage = text
        }
        if let limit = patch.rateLimitPerIP {
            guard (1...10_000).contains(limit) else {
                throw .validation("chatSettings.rateLimitPerIP must be 1–10,000 questions per hour", field: "chatSettings.rateLimitPerIP")
            }
            settings.rateLimitPerIP = limit
        }
        if let value = patch.isPublic { settings.isPublic = value }
        if let value = patch.showSources { settings.showSources = value }
        if let value = patch.requireEmail { settings.requireEmail = value }
        return settings
    }

    static func subscription(_ subscription: BusinessSubscriptionV1) throws(ContractError) -> BusinessSubscriptionV1 {
        guard ["active", "suspended"].contains(subscription.status) else {
            throw .validation("subscription.status must be active or suspended", field: "subscription.status")
        }
        guard (1...1_000_000).contains(subscription.maxDocuments) else {
            throw .validation("subscription.maxDocuments must be 1–1,000,000", field: "subscription.maxDocuments")
        }
        guard (1...10_000).contains(subscription.maxTeamMembers) else {
            throw .validation("subscription.maxTeamMembers must be 1–10,000", field: "subscription.maxTeamMembers")
        }
        return subscription
    }

    /// A custom role's name: 2–50 characters.
    static func roleName(_ raw: String) throws(ContractError) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (2...50).contains(name.count) else { throw .validation("roleName must be 2–50 characters", field: "roleName") }
        return name
    }

    /// Custom flags are named `can…` in camel case (such as `canExportReports`), at most 20.
    static func permissions(_ permissions: BusinessPermissionsV1) throws(ContractError) -> BusinessPermissionsV1 {
        if let custom = permissions.custom {
            guard custom.count <= 20 else { throw .validation("permissions.custom holds at most 20 flags", field: "permissions.custom") }
            guard Set(custom).count == custom.count else { throw .validation("permissions.custom names a flag twice", field: "permissions.custom") }
            for key in custom {
                guard key.hasPrefix("can"), key.count <= 40, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw .validation("permissions.custom flags are named like canExportReports", field: "permissions.custom")
                }
            }
        }
        return permissions
    }

    /// The most extracted text one document may have on a plan (characters): about 60, 300 and
    /// 1,500 pages of prose (decision 0026).
    static func maxTextCharacters(plan: BusinessPlan) -> Int {
        switch plan {
        case .free: 200_000
        case .starter: 1_000_000
        case .pro: 5_000_000
        }
    }

    /// A question to the assistant: 1–2,000 characters after trimming.
    static func question(_ raw: String) throws(ContractError) -> String {
        let question = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else { throw .validation("question must not be empty", field: "question") }
        guard question.count <= 2000 else { throw .validation("question must be at most 2,000 characters", field: "question") }
        return question
    }

    /// A visitor's session id: 8–64 letters, digits, `_` or `-`.
    static func sessionId(_ raw: String) throws(ContractError) -> String {
        guard (8...64).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw .validation("sessionId must be 8–64 letters, digits, _ or -", field: "sessionId")
        }
        return raw
    }
}
