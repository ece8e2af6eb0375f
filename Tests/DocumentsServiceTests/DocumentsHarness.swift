import DocumentsService
import Foundation
import SeedContracts
import SeedServiceKit
import SeedServiceTesting
import SeedWorkPool
import Testing

/// The documents service in-process over a ``ServiceFixture``, a blob folder in a temporary folder and
/// the real extraction tools, with processing driven by the test (``process()``).
struct DocumentsHarness: Sendable {
    let fixture: ServiceFixture
    let service: DocumentsService
    let root: String
    let blobs: FolderBlobStore

    static let pool = BlockingWorkPool(threadCount: 2, name: "doc-test")

    static func make(maximumFileBytes: Int = 5 * 1024 * 1024) async throws -> DocumentsHarness {
        let fixture = try await ServiceFixture.make(.documents, collections: DocumentsCollections.all)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("seed-documents-\(UUID().uuidString)").path
        let blobs = try FolderBlobStore(root: root)
        var settings = DocumentsSettings()
        settings.maximumFileBytes = maximumFileBytes
        settings.processInBackground = false
        let service = DocumentsService(work: fixture.work, blobs: blobs, staging: try UploadStaging(root: root), pool: pool, settings: settings)
        return DocumentsHarness(fixture: fixture, service: service, root: root, blobs: blobs)
    }

    func envelope<C: Command>(_ type: C.Type, actor: String?, tenant: String? = nil) -> MessageEnvelope {
        fixture.envelope(type, actor: actor, tenant: tenant)
    }

    /// Uploads `bytes` in chunks of `chunk` bytes as the gateway does, and completes the upload.
    @discardableResult
    func upload(
        _ bytes: [UInt8], name: String, by actor: String, sprintId: String? = nil, fieldName: String? = nil, documentId: String? = nil,
        expectedChecksum: String? = nil, chunk: Int = DocumentsLimits.chunkBytes, tenant: String? = nil, businessId: String? = nil
    ) async throws -> DocumentV1 {
        let session = try await service.beginUpload(
            BeginUploadV1(documentId: documentId, sprintId: sprintId, fieldName: fieldName, businessId: businessId, originalName: name,
                          declaredSize: bytes.count, expectedChecksum: expectedChecksum),
            envelope: envelope(BeginUploadV1.self, actor: actor, tenant: tenant))
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            _ = try await service.uploadChunk(
                UploadChunkV1(uploadId: session.uploadId, offset: offset, data: Data(bytes[offset..<end]).base64EncodedString()),
                envelope: envelope(UploadChunkV1.self, actor: actor, tenant: tenant))
            offset = end
        }
        return try await service.completeUpload(
            CompleteUploadV1(uploadId: session.uploadId), envelope: envelope(CompleteUploadV1.self, actor: actor, tenant: tenant))
    }

    /// Downloads a version whole through open-download and read-chunk.
    func download(_ documentId: String?, version: Int? = nil, as actor: String?, token: String? = nil, thumbnail: Bool? = nil) async throws -> (DownloadV1, [UInt8]) {
        let opened = try await service.openDownload(
            OpenDownloadV1(documentId: documentId, version: version, thumbnail: thumbnail, shareToken: token),
            envelope: envelope(OpenDownloadV1.self, actor: actor))
        var bytes: [UInt8] = []
        while bytes.count < opened.size {
            let chunk = try await service.readChunk(
                ReadChunkV1(versionId: opened.versionId, offset: bytes.count, length: DocumentsLimits.chunkBytes, thumbnail: thumbnail, shareToken: token),
                envelope: envelope(ReadChunkV1.self, actor: actor))
            let data = try #require(Data(base64Encoded: chunk.data))
            guard !data.isEmpty else { break }
            bytes += data
        }
        return (opened, bytes)
    }

    func setSprint(_ sprintId: String, client: String, admins: [String], requirements: [RequiredDocumentV1]) async throws {
        _ = try await service.setSprintRequirements(
            SetSprintRequirementsV1(sprintId: sprintId, tenantId: "platform", clientId: client, adminIds: admins, requiredDocuments: requirements),
            envelope: envelope(SetSprintRequirementsV1.self, actor: nil))
    }

    func process() async throws -> Int { try await service.processPending() }

    /// Files in the blob folder (not the staging folder).
    func blobCount() -> Int {
        let enumerator = FileManager.default.enumerator(atPath: "\(root)/blobs")
        var count = 0
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/blobs/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue { count += 1 }
        }
        return count
    }

    func stagedCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/staging")) ?? []).count
    }
}

/// Fixture files committed beside the tests.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}
