import Foundation
import SeedContracts

/// Size and type limits of an upload: the sprint requirement's (`fileTypes`, `maxFileSize`) when it
/// answers one, else the global ones.
struct UploadLimits: Sendable, Equatable {
    var maximumBytes: Int
    /// Allowed types as the requirement names them (`pdf`, `.pdf`, `application/pdf`, `image/*`); empty:
    /// the global allow-list.
    var fileTypes: [String]

    /// The types any upload may have when nothing narrower is required.
    static let globallyAllowed: Set<String> = ["pdf", "png", "jpg", "gif", "webp", "docx", "xlsx", "txt", "csv", "md"]

    /// The limits for an upload that answers `requirement` (or none), under the global maximum.
    static func limits(for requirement: RequiredDocumentV1?, globalMaximum: Int) -> UploadLimits {
        let maximum = requirement?.maxFileSize.map { min($0, globalMaximum) } ?? globalMaximum
        return UploadLimits(maximumBytes: maximum, fileTypes: requirement?.fileTypes ?? [])
    }

    /// Refuses a declared size over the limit before any byte moves.
    func check(declaredSize: Int?) throws(ContractError) {
        guard let declaredSize else { return }
        guard declaredSize >= 0 else { throw ContractError.validation("the declared size is negative", field: "declaredSize") }
        guard declaredSize <= maximumBytes else { throw Self.tooLarge(maximumBytes) }
    }

    /// Refuses `size` bytes when they are none or too many.
    func check(size: Int) throws(ContractError) {
        guard size > 0 else { throw ContractError.validation("the file is empty", field: "file") }
        guard size <= maximumBytes else { throw Self.tooLarge(maximumBytes) }
    }

    static func tooLarge(_ maximum: Int) -> ContractError {
        ContractError(.validation, "the file is larger than \(maximum) bytes", details: ["field": "file", "reason": "too_large", "maximumBytes": "\(maximum)"])
    }

    /// Refuses a sniffed type that is not allowed; a disguise (a name whose extension says another
    /// allowed type) is named as such.
    func check(type: ContentType, declaredExtension: String) throws(ContractError) {
        guard allows(type) else {
            let disguised = !declaredExtension.isEmpty && declaredExtension != type.fileType
            throw ContractError(
                .validation,
                disguised
                    ? "the content is \(type.mimeType), not the .\(declaredExtension) its name says, and that type is not accepted here"
                    : "files of type \(type.mimeType) are not accepted here",
                details: ["field": "file", "reason": disguised ? "type_mismatch" : "type_not_allowed", "detectedType": type.mimeType])
        }
    }

    func allows(_ type: ContentType) -> Bool {
        guard Self.globallyAllowed.contains(type.fileType) else { return false }
        guard !fileTypes.isEmpty else { return true }
        return fileTypes.contains { wanted in
            let wanted = wanted.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            if wanted == type.fileType || wanted == type.mimeType { return true }
            if wanted == "jpeg" && type.fileType == "jpg" { return true }
            if wanted.hasSuffix("/*") { return type.mimeType.hasPrefix(String(wanted.dropLast())) }
            return false
        }
    }
}

/// Checks the optional metadata of an upload (seed 002 `category`, `tags`, `description`) and a
/// declared checksum.
enum MetadataRules {
    static func category(_ value: String?) throws(ContractError) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        guard value.count <= 100 else { throw ContractError.validation("the category is at most 100 characters", field: "category") }
        return value
    }

    static func tags(_ values: [String]?) throws(ContractError) -> [String] {
        let tags = (values ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { !$0.isEmpty }
        guard tags.count <= 20 else { throw ContractError.validation("at most 20 tags", field: "tags") }
        guard tags.allSatisfy({ $0.count <= 50 }) else { throw ContractError.validation("a tag is at most 50 characters", field: "tags") }
        var seen = Set<String>()
        return tags.filter { seen.insert($0).inserted }
    }

    static func description(_ value: String?) throws(ContractError) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        guard value.count <= 2000 else { throw ContractError.validation("the description is at most 2000 characters", field: "description") }
        return value
    }

    /// A SHA-256 in hex (any case), lower-cased; `nil` when absent.
    static func checksum(_ value: String?, field: String = "expectedChecksum") throws(ContractError) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        let lower = value.lowercased()
        guard lower.count == 64, lower.allSatisfy({ $0.isHexDigit }) else {
            throw ContractError.validation("a checksum is a SHA-256 in 64 hexadecimal digits", field: field)
        }
        return lower
    }
}
