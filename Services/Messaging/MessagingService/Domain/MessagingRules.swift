import Foundation
import SeedContracts

/// The rules messaging's input must satisfy. Each check returns the normalised value or throws a
/// `validation_failed` error naming the field; nothing is written before they pass.
enum MessagingRules {
    /// Longest message text, in characters.
    static let maximumContentLength = 10_000
    /// Longest encrypted payload, in characters of its base64.
    static let maximumEncryptedLength = 64_000
    static let maximumTitleLength = 100
    static let maximumDescriptionLength = 500
    static let maximumAttachments = 20
    static let maximumMentions = 50
    static let maximumRetentionDays = 3_650
    static let maximumQueryLength = 200
    /// Largest page a list returns.
    static let maximumPageSize = 100

    /// A user, conversation or message id: 1–128 visible characters.
    static func id(_ raw: String, field: String) throws(ContractError) -> String {
        let id = raw.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.count <= 128, !id.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw ContractError.validation("'\(field)' must be an id of 1 to 128 characters without spaces", field: field)
        }
        return id
    }

    static func ids(_ raw: [String], field: String, limit: Int) throws(ContractError) -> [String] {
        guard raw.count <= limit else { throw ContractError.validation("'\(field)' takes at most \(limit) ids", field: field) }
        var seen = Set<String>()
        var result: [String] = []
        for value in raw {
            let id = try id(value, field: field)
            if seen.insert(id).inserted { result.append(id) }
        }
        return result
    }

    /// Message text: not blank, at most ``maximumContentLength`` characters.
    static func content(_ raw: String, field: String = "content") throws(ContractError) -> String {
        guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ContractError.validation("the message text is empty", field: field)
        }
        guard raw.count <= maximumContentLength else {
            throw ContractError.validation("the message text is longer than \(maximumContentLength) characters", field: field)
        }
        return raw
    }

    static func title(_ raw: String) throws(ContractError) -> String {
        let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= maximumTitleLength else {
            throw ContractError.validation("the title must have 1 to \(maximumTitleLength) characters", field: "title")
        }
        return title
    }

    static func description(_ raw: String?) throws(ContractError) -> String? {
        guard let raw else { return nil }
        guard raw.count <= maximumDescriptionLength else {
            throw ContractError.validation("the description must have at most \(maximumDescriptionLength) characters", field: "description")
        }
        return raw
    }

    static func avatar(_ raw: String?) throws(ContractError) -> String? {
        guard let raw else { return nil }
        guard raw.count <= 2048, let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            throw ContractError.validation("the avatar must be an http(s) URL of at most 2048 characters", field: "avatar")
        }
        return raw
    }

    /// Days of retention; 0 means none.
    static func retention(_ days: Int?) throws(ContractError) -> Int? {
        guard let days else { return nil }
        guard (0...maximumRetentionDays).contains(days) else {
            throw ContractError.validation("autoDeleteAfterDays must be between 0 and \(maximumRetentionDays)", field: "autoDeleteAfterDays")
        }
        return days
    }

    /// A page size: default `fallback`, at most ``maximumPageSize``.
    static func limit(_ raw: Int?, default fallback: Int) throws(ContractError) -> Int {
        guard let raw else { return fallback }
        guard (1...maximumPageSize).contains(raw) else {
            throw ContractError.validation("limit must be between 1 and \(maximumPageSize)", field: "limit")
        }
        return raw
    }

    /// One emoji: a single character that Unicode marks as an emoji (with its modifiers and joiners).
    static func emoji(_ raw: String) throws(ContractError) -> String {
        guard raw.count == 1, let character = raw.first, raw.unicodeScalars.count <= 16,
              character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || ($0.properties.isEmoji && $0.value > 0xFF) })
                  || (character.unicodeScalars.first?.properties.isEmoji == true && character.unicodeScalars.contains { $0.value == 0xFE0F })
        else { throw ContractError.validation("'\(raw)' is not a single emoji", field: "emoji") }
        return raw
    }

    /// A document id of the documents service: 24 hexadecimal digits.
    static func documentId(_ raw: String, field: String) throws(ContractError) -> String {
        let id = raw.lowercased()
        guard id.count == 24, id.allSatisfy(\.isHexDigit) else {
            throw ContractError.validation("'\(raw)' is not a document id (24 hexadecimal digits)", field: field)
        }
        return id
    }

    static func attachments(_ raw: [AttachmentV1]?) throws(ContractError) -> [AttachmentV1] {
        guard let raw else { return [] }
        guard raw.count <= maximumAttachments else {
            throw ContractError.validation("a message takes at most \(maximumAttachments) attachments", field: "attachments")
        }
        var result: [AttachmentV1] = []
        for (index, attachment) in raw.enumerated() {
            var checked = attachment
            checked.documentId = try documentId(attachment.documentId, field: "attachments.\(index).documentId")
            let name = attachment.fileName.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 255 else {
                throw ContractError.validation("a file name must have 1 to 255 characters", field: "attachments.\(index).fileName")
            }
            guard attachment.fileSize >= 0 else {
                throw ContractError.validation("a file size cannot be negative", field: "attachments.\(index).fileSize")
            }
            let parts = attachment.mimeType.split(separator: "/")
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, attachment.mimeType.count <= 127 else {
                throw ContractError.validation("'\(attachment.mimeType)' is not a MIME type", field: "attachments.\(index).mimeType")
            }
            checked.fileName = name
            result.append(checked)
        }
        return result
    }

    static func clientMessageId(_ raw: String?) throws(ContractError) -> String? {
        guard let raw else { return nil }
        return try id(raw, field: "clientMessageId")
    }

    /// An encrypted payload: non-empty, bounded, with a non-empty key per recipient.
    static func encrypted(_ raw: EncryptedPayloadV1) throws(ContractError) -> EncryptedPayload {
        guard !raw.data.isEmpty, raw.data.count <= maximumEncryptedLength else {
            throw ContractError.validation("the encrypted payload must have 1 to \(maximumEncryptedLength) characters", field: "encrypted.data")
        }
        guard raw.keys.values.allSatisfy({ !$0.isEmpty && $0.count <= 4_096 }) else {
            throw ContractError.validation("every recipient key must have 1 to 4096 characters", field: "encrypted.keys")
        }
        return EncryptedPayload(data: raw.data, keys: raw.keys, algorithm: raw.algorithm)
    }

    static func query(_ raw: String) throws(ContractError) -> String {
        let query = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty, query.count <= maximumQueryLength else {
            throw ContractError.validation("the query must have 1 to \(maximumQueryLength) characters", field: "query")
        }
        return query
    }
}
