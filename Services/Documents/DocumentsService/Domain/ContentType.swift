import SeedContracts

/// A type the service recognises from content.
struct ContentType: Sendable, Equatable {
    /// Short name and usual extension: `pdf`, `png`, `docx`, `txt`, …
    var fileType: String
    var mimeType: String

    static let pdf = ContentType(fileType: "pdf", mimeType: "application/pdf")
    static let png = ContentType(fileType: "png", mimeType: "image/png")
    static let jpeg = ContentType(fileType: "jpg", mimeType: "image/jpeg")
    static let gif = ContentType(fileType: "gif", mimeType: "image/gif")
    static let webp = ContentType(fileType: "webp", mimeType: "image/webp")
    static let docx = ContentType(fileType: "docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    static let xlsx = ContentType(fileType: "xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    static let zip = ContentType(fileType: "zip", mimeType: "application/zip")
    static let text = ContentType(fileType: "txt", mimeType: "text/plain")
    static let csv = ContentType(fileType: "csv", mimeType: "text/csv")
    static let markdown = ContentType(fileType: "md", mimeType: "text/markdown")
    /// Anything else (executables, archives of unknown kind, binary data).
    static let binary = ContentType(fileType: "bin", mimeType: "application/octet-stream")

    var isImage: Bool { mimeType.hasPrefix("image/") }
    var isText: Bool { mimeType.hasPrefix("text/") }
}

/// Tells a file's type from its first bytes (magic numbers), never from the client's name or header.
/// Plain text is valid UTF-8 without NUL bytes; its flavour (csv, md) comes from the name's extension,
/// since the bytes cannot tell.
enum ContentSniffer {
    /// How many leading bytes ``sniff(head:tail:declaredExtension:)`` looks at.
    static let headBytes = 64 * 1024
    /// How many trailing bytes it looks at (a ZIP's central directory, which names the entries).
    static let tailBytes = 64 * 1024

    static func sniff(head: [UInt8], tail: [UInt8], declaredExtension: String) -> ContentType {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            if contains(Array("word/document.xml".utf8), in: head) || contains(Array("word/document.xml".utf8), in: tail) { return .docx }
            if contains(Array("xl/workbook.xml".utf8), in: head) || contains(Array("xl/workbook.xml".utf8), in: tail) { return .xlsx }
            return .zip
        }
        if isText(head) {
            switch declaredExtension {
            case "csv": return .csv
            case "md", "markdown": return .markdown
            default: return .text
            }
        }
        return .binary
    }

    /// Valid UTF-8 (a sequence cut at the end of the sample is fine) with no NUL and few control bytes.
    static func isText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, !bytes.contains(0) else { return false }
        // Drop a multi-byte sequence cut by the sample's end.
        var end = bytes.count
        var back = 0
        while back < 3, end - back - 1 >= 0, bytes[end - back - 1] & 0xC0 == 0x80 { back += 1 }
        if end - back - 1 >= 0, bytes[end - back - 1] >= 0xC0 {
            let lead = bytes[end - back - 1]
            let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
            if back < needed { end = end - back - 1 }
        }
        guard String(validating: bytes[0..<end], as: UTF8.self) != nil else { return false }
        let controls = bytes[0..<end].filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
        return controls * 100 <= end
    }

    private static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, Array(haystack[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}
