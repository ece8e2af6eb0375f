import Crypto
import Foundation
import SeedContracts
import SeedServiceKit
import SeedStore
import Synchronization

/// Starts processing off the request path: one pass at a time per service; a kick during a pass makes
/// it look again when it ends.
final class ProcessingQueue: Sendable {
    private let state = Mutex<(running: Bool, again: Bool)>((false, false))

    func kick(_ service: DocumentsService) {
        let start = state.withLock { state -> Bool in
            if state.running { state.again = true; return false }
            state.running = true
            return true
        }
        guard start else { return }
        Task {
            while true {
                _ = try? await service.processPending()
                let more = state.withLock { state -> Bool in
                    if state.again { state.again = false; return true }
                    state.running = false
                    return false
                }
                if !more { return }
            }
        }
    }
}

extension DocumentsService {
    /// Processes every version waiting for it, one at a time: `pending` → `processing` (claimed
    /// atomically, so two passes never take the same version) → `completed` with text, page count,
    /// dimensions and thumbnail, or `failed` with the error; each ends with `document.processed`.
    /// Returns how many versions it processed.
    public func processPending() async throws -> Int {
        let versions = DocumentCollection(DocumentVersion.self, in: store)
        var count = 0
        while let claimed = try await work.mapStoreErrors({
            try await versions.findAndModify(
                .and([.equal("status", .string(ProcessingStatus.pending.rawValue)), .equal("deletedAt", .null)]),
                try Update.set("status", ProcessingStatus.processing.rawValue), options: FindAndModifyOptions(sort: [SortKey("uploadedAt")]))
        }) {
            try await process(claimed)
            count += 1
        }
        return count
    }

    /// Puts versions a stopped process left in `processing` back to `pending`.
    public func recoverProcessing() async throws {
        _ = try await work.mapStoreErrors {
            try await DocumentCollection(DocumentVersion.self, in: store).update(
                .equal("status", .string(ProcessingStatus.processing.rawValue)), try Update.set("status", ProcessingStatus.pending.rawValue), many: true)
        }
    }

    func process(_ version: DocumentVersion) async throws {
        let blobs = blobs, extractor = extractor
        let started = ContinuousClock.now
        let outcome: Result<(ExtractedContent, String?), ExtractionError> = await pool.run { () -> Result<(ExtractedContent, String?), ExtractionError> in
            let folder = NSTemporaryDirectory() + "seed-documents-processing-\(version.id)-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let input = "\(folder)/input.\(version.fileType)"
                try Self.materialize(blobs, key: version.checksum, to: input)
                let content = try extractor.extract(fileAt: input, fileType: version.fileType, workFolder: folder)
                var thumbnailKey: String?
                if let thumbnail = content.thumbnailPath {
                    let digest = try Self.sha256(ofFileAt: thumbnail)
                    _ = try blobs.put(fileAt: thumbnail, key: digest)
                    thumbnailKey = digest
                }
                return .success((content, thumbnailKey))
            } catch let error as ExtractionError {
                return .failure(error)
            } catch {
                return .failure(ExtractionError("\(error)"))
            }
        }
        let elapsed = started.duration(to: .now)
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let envelope = MessageEnvelope(type: DocumentProcessedV1.messageType, tenant: version.tenantId, actor: nil)
        _ = try await work.once(envelope, consumer: "documents.processing") { tx -> Accepted in
            guard var current = try await tx.versions.first(.equal("_id", .string(version.id))) else { return Accepted() }
            var text: String?
            switch outcome {
            case .success(let (content, thumbnailKey)):
                current.status = .completed
                current.isProcessed = true
                current.processingError = nil
                current.pageCount = content.pageCount
                current.dimensions = content.dimensions
                current.thumbnailKey = thumbnailKey
                text = content.text
                current.textLength = content.text?.count
            case .failure(let error):
                current.status = .failed
                current.processingError = String(error.message.prefix(1000))
            }
            current.processingTime = milliseconds
            current.updatedAt = tx.now
            try await tx.versions.replace(current)
            if let text {
                _ = try await tx.texts.delete(.equal("_id", .string(current.id)))
                try await tx.texts.insert(DocumentText(id: current.id, documentId: current.documentId, tenantId: current.tenantId, text: text))
            }
            try await tx.publish(
                DocumentProcessedV1(
                    documentId: current.documentId, versionId: current.id, tenantId: current.tenantId, businessId: current.businessId,
                    sprintId: current.sprintId, fileType: current.fileType, status: current.status, textLength: current.textLength,
                    pageCount: current.pageCount, hasThumbnail: current.thumbnailKey != nil, error: current.processingError, processingTime: milliseconds))
            return Accepted()
        }
    }

    /// Copies a blob to a file in 1 MiB blocks (never whole in memory).
    static func materialize(_ blobs: any BlobStore, key: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ExtractionError("cannot write the work copy")
        }
        defer { try? handle.close() }
        var offset = 0
        while true {
            let block = try blobs.read(key: key, offset: offset, length: 1 << 20)
            if block.isEmpty { break }
            try handle.write(contentsOf: block)
            offset += block.count
        }
    }

    static func sha256(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ExtractionError("cannot read the thumbnail") }
        defer { try? handle.close() }
        var hash = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty { hash.update(data: block) }
        return UploadStaging.hex(hash.finalize())
    }
}
