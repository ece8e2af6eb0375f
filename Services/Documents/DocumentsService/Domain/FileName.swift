import Foundation
import SeedContracts

/// Turns a client's file name into one that is safe to store and to serve in `Content-Disposition`:
/// the last path component only (no `../`, no `/` or `\`), no control characters or characters that
/// shells and headers treat specially, no leading dots, at most 200 bytes, never empty; the extension
/// is the sniffed type's, so a name cannot disguise the content.
enum FileNameRules {
    /// Longest original name accepted, in bytes.
    static let maximumOriginalBytes = 1024
    /// Longest stored name, in bytes.
    static let maximumBytes = 200

    /// Checks the client's name: present, not absurdly long, no NUL.
    static func original(_ name: String) throws(ContractError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ContractError.validation("the file needs a name", field: "originalName") }
        guard trimmed.utf8.count <= maximumOriginalBytes else {
            throw ContractError.validation("the file name is longer than \(maximumOriginalBytes) bytes", field: "originalName")
        }
        guard !trimmed.contains("\u{0}") else { throw ContractError.validation("the file name contains a NUL byte", field: "originalName") }
        return trimmed
    }

    /// The stored name for `original` with the extension `fileExtension` (the sniffed type's).
    static func sanitized(_ original: String, fileExtension: String) -> String {
        // The last component of either separator.
        let last = original.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var stem = last
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
        var cleaned = ""
        var lastWasSeparator = false
        for scalar in stem.unicodeScalars {
            let allowed = CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" || scalar == "."
            if allowed && !CharacterSet.controlCharacters.contains(scalar) {
                cleaned.unicodeScalars.append(scalar)
                lastWasSeparator = false
            } else if !lastWasSeparator {
                cleaned.append("_")
                lastWasSeparator = true
            }
        }
        cleaned = String(cleaned.drop(while: { $0 == "." || $0 == "_" }))
        while cleaned.hasSuffix("_") || cleaned.hasSuffix(".") { cleaned.removeLast() }
        while cleaned.contains("..") { cleaned = cleaned.replacingOccurrences(of: "..", with: ".") }
        if cleaned.isEmpty { cleaned = "file" }
        let suffix = fileExtension.isEmpty ? "" : ".\(fileExtension)"
        while cleaned.utf8.count + suffix.utf8.count > maximumBytes { cleaned.removeLast() }
        return cleaned + suffix
    }

    /// The extension of the client's name, lower-cased (`""` without one).
    static func declaredExtension(_ original: String) -> String {
        let last = original.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? original
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }
}
