import Foundation
import SeedContracts

/// The rules work's input must satisfy. Each check returns the normalised value or throws a
/// `validation_failed` error naming the field (and, where a named rule decides, the rule); nothing is
/// written before they pass.
enum WorkRules {
    /// Largest page a list returns.
    static let maximumPageSize = 100

    /// A validation error naming the field and the rule it broke.
    static func invalid(_ message: String, field: String, rule: String) -> ContractError {
        ContractError(.validation, message, details: ["field": field, "rule": rule])
    }

    /// An id: 1–128 visible characters without spaces.
    static func id(_ raw: String, field: String) throws(ContractError) -> String {
        let id = raw.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.count <= 128, !id.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw invalid("'\(field)' must be an id of 1 to 128 characters without spaces", field: field, rule: "id")
        }
        return id
    }

    /// Required text, trimmed, of `range` characters.
    static func text(_ raw: String?, field: String, _ range: ClosedRange<Int>) throws(ContractError) -> String {
        guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw invalid("'\(field)' is required", field: field, rule: "required")
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard range.contains(text.count) else {
            throw invalid("'\(field)' must have \(range.lowerBound) to \(range.upperBound) characters", field: field, rule: "length")
        }
        return text
    }

    /// Optional text of at most `maximum` characters; blank counts as absent.
    static func optionalText(_ raw: String?, field: String, maximum: Int) throws(ContractError) -> String? {
        guard let raw else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        guard text.count <= maximum else {
            throw invalid("'\(field)' must have at most \(maximum) characters", field: field, rule: "length")
        }
        return text
    }

    /// A list of 0–`count` short texts (1–`length` characters each).
    static func texts(_ raw: [String], field: String, count: ClosedRange<Int> = 0...50, length: Int = 200) throws(ContractError) -> [String] {
        guard count.contains(raw.count) else {
            throw invalid("'\(field)' takes \(count.lowerBound) to \(count.upperBound) entries", field: field, rule: "count")
        }
        var result: [String] = []
        for item in raw { result.append(try text(item, field: field, 1...length)) }
        return result
    }

    /// A whole number in `range`.
    static func number(_ value: Int, field: String, _ range: ClosedRange<Int>) throws(ContractError) -> Int {
        guard range.contains(value) else {
            throw invalid("'\(field)' must be between \(range.lowerBound) and \(range.upperBound)", field: field, rule: "range")
        }
        return value
    }

    /// A price: finite and not negative.
    static func price(_ value: Int, field: String) throws(ContractError) -> Int {
        guard value >= 0, value <= 100_000_000_000 else {
            throw invalid("'\(field)' must be a price in minor units from 0 to 100,000,000,000", field: field, rule: "range")
        }
        return value
    }

    /// An ISO 4217 code: three upper-case letters.
    static func currency(_ raw: String, field: String) throws(ContractError) -> String {
        guard raw.count == 3, raw.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw invalid("'\(field)' must be three upper-case letters (ISO 4217)", field: field, rule: "currency")
        }
        return raw
    }

    /// An absolute http(s) URL of at most 2,000 characters.
    static func url(_ raw: String, field: String) throws(ContractError) -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard text.count <= 2_000, let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty
        else { throw invalid("'\(field)' must be an http(s) URL", field: field, rule: "url") }
        return text
    }

    /// A page size: 1 to ``maximumPageSize``, `fallback` when absent.
    static func limit(_ raw: Int?, default fallback: Int) throws(ContractError) -> Int {
        guard let raw else { return fallback }
        return try number(raw, field: "limit", 1...maximumPageSize)
    }

    /// A required document's field name: 1–64 letters, digits, `_` or `-`.
    static func fieldName(_ raw: String, field: String) throws(ContractError) -> String {
        guard (1...64).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw invalid("'\(field)' must be 1 to 64 letters, digits, '_' or '-'", field: field, rule: "field_name")
        }
        return raw
    }

    /// Required documents: unique field names, sizes 1 byte to 100 MiB, at most 30.
    static func requirements(_ raw: [DocumentRequirementV1], field: String) throws(ContractError) -> [DocumentRequirementV1] {
        guard raw.count <= 30 else { throw invalid("'\(field)' takes at most 30 documents", field: field, rule: "count") }
        var seen = Set<String>()
        var result: [DocumentRequirementV1] = []
        for (index, item) in raw.enumerated() {
            let at = "\(field).\(index)"
            var requirement = item
            requirement.fieldName = try fieldName(item.fieldName, field: "\(at).fieldName")
            guard seen.insert(requirement.fieldName).inserted else {
                throw invalid("'\(requirement.fieldName)' is required twice", field: "\(at).fieldName", rule: "unique")
            }
            requirement.label = try text(item.label, field: "\(at).label", 1...100)
            requirement.description = try optionalText(item.description, field: "\(at).description", maximum: 1_000)
            requirement.fileTypes = try texts(item.fileTypes, field: "\(at).fileTypes", count: 0...20, length: 100).map { $0.lowercased() }
            if let size = item.maxFileSize { _ = try number(size, field: "\(at).maxFileSize", 1...104_857_600) }
            result.append(requirement)
        }
        return result
    }
}
