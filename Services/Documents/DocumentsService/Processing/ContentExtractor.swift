public import Foundation
public import SeedContracts

/// What processing found in a file.
public struct ExtractedContent: Sendable, Equatable {
    public var text: String?
    public var pageCount: Int?
    public var dimensions: DimensionsV1?
    /// A JPEG thumbnail written into the work folder.
    public var thumbnailPath: String?

    public init(text: String? = nil, pageCount: Int? = nil, dimensions: DimensionsV1? = nil, thumbnailPath: String? = nil) {
        self.text = text
        self.pageCount = pageCount
        self.dimensions = dimensions
        self.thumbnailPath = thumbnailPath
    }
}

/// Why processing a file failed, with the tool's own words.
public struct ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Extracts text, page count, dimensions and a thumbnail from a file of a known type. Blocking (it
/// reads files and may run programs): call it on a `BlockingWorkPool`.
public protocol ContentExtractor: Sendable {
    /// - Parameters:
    ///   - path: The file.
    ///   - fileType: Its sniffed short type (`pdf`, `png`, `txt`, `docx`, …).
    ///   - workFolder: An empty folder for outputs (the thumbnail), removed afterwards by the caller.
    func extract(fileAt path: String, fileType: String, workFolder: String) throws(ExtractionError) -> ExtractedContent
}

/// Extraction with Debian's tools: poppler-utils (`pdfinfo`, `pdftotext`) for PDFs, libvips
/// (`vipsheader`, `vipsthumbnail`) for images and PDF thumbnails, `unzip` for DOCX (its
/// `word/document.xml`), and the bytes themselves for txt, csv and md. `scripts/lib/infra.sh` installs
/// the packages. Each program runs with a time limit; its failure fails the processing with its message.
public struct CommandLineExtractor: ContentExtractor {
    /// Most text kept per version, in UTF-8 bytes (the rest is cut): the text record must stay well
    /// below the store's 16 MiB document limit.
    public static let maximumTextBytes = 4 * 1024 * 1024
    /// Edge of the square a thumbnail fits in, in pixels.
    public var thumbnailSize = 256
    /// Longest a program may run.
    public var timeout: TimeInterval = 60

    public init() {}

    public func extract(fileAt path: String, fileType: String, workFolder: String) throws(ExtractionError) -> ExtractedContent {
        switch fileType {
        case "txt", "csv", "md":
            return ExtractedContent(text: try Self.readText(path))
        case "pdf":
            let info = try run("/usr/bin/pdfinfo", [path])
            let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
            let textPath = "\(workFolder)/text.txt"
            _ = try run("/usr/bin/pdftotext", ["-enc", "UTF-8", path, textPath])
            let thumbnail = try? thumbnail(of: "\(path)[page=0]", in: workFolder)
            return ExtractedContent(text: try Self.readText(textPath), pageCount: pages, thumbnailPath: thumbnail)
        case "png", "jpg", "gif", "webp":
            let width = Int(try run("/usr/bin/vipsheader", ["-f", "width", path]).trimmingCharacters(in: .whitespacesAndNewlines))
            let height = Int(try run("/usr/bin/vipsheader", ["-f", "height", path]).trimmingCharacters(in: .whitespacesAndNewlines))
            let dimensions = width.flatMap { w in height.map { DimensionsV1(width: w, height: $0) } }
            return ExtractedContent(dimensions: dimensions, thumbnailPath: try thumbnail(of: path, in: workFolder))
        case "docx":
            let xml = try run("/usr/bin/unzip", ["-p", path, "word/document.xml"])
            return ExtractedContent(text: Self.text(ofWordXML: xml))
        default:
            return ExtractedContent()
        }
    }

    func thumbnail(of input: String, in workFolder: String) throws(ExtractionError) -> String {
        let output = "\(workFolder)/thumbnail.jpg"
        _ = try run("/usr/bin/vipsthumbnail", [input, "--size", "\(thumbnailSize)x\(thumbnailSize)", "-o", "\(output)[Q=80,strip]"])
        guard FileManager.default.fileExists(atPath: output) else { throw ExtractionError("vipsthumbnail wrote no thumbnail") }
        return output
    }

    /// Runs a program with its output in a file (no pipe to fill), killing it past ``timeout``.
    func run(_ program: String, _ arguments: [String]) throws(ExtractionError) -> String {
        let name = (program as NSString).lastPathComponent
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw ExtractionError("\(name) is not installed (scripts/lib/infra.sh installs it)")
        }
        let outputPath = NSTemporaryDirectory() + "seed-documents-\(UUID().uuidString).out"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil), let output = FileHandle(forWritingAtPath: outputPath) else {
            throw ExtractionError("cannot create an output file for \(name)")
        }
        defer {
            try? output.close()
            try? FileManager.default.removeItem(atPath: outputPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw ExtractionError("\(name) did not start: \(error)") }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw ExtractionError("\(name) took longer than \(Int(timeout)) s")
            }
            usleep(5_000)
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw ExtractionError("\(name) failed (\(process.terminationStatus)): \(text.prefix(300).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return text
    }

    /// The file's text as UTF-8 (invalid bytes replaced), cut at ``maximumTextBytes``.
    static func readText(_ path: String) throws(ExtractionError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ExtractionError("cannot read the extracted text") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumTextBytes)) ?? Data()
        return String(decoding: data ?? Data(), as: UTF8.self)
    }

    /// The text of a DOCX body: paragraphs (`</w:p>`) and breaks as new lines, tabs kept, tags dropped,
    /// XML entities decoded.
    static func text(ofWordXML xml: String) -> String {
        var text = xml.replacingOccurrences(of: "</w:p>", with: "\n").replacingOccurrences(of: "<w:br/>", with: "\n")
            .replacingOccurrences(of: "<w:tab/>", with: "\t")
        text = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
