@testable import DocumentsService
import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

@Suite("Documents staging")
struct StagingTests {
    @Test("a chunk reaching an instance that does not hold the upload's earlier bytes is a conflict, never a hole of zeros")
    func chunkOnAnotherInstance() async throws {
        let harness = try await DocumentsHarness.make()
        let session = try await harness.service.beginUpload(BeginUploadV1(originalName: "a.txt"), envelope: harness.envelope(BeginUploadV1.self, actor: "u1"))
        _ = try await harness.service.uploadChunk(
            UploadChunkV1(uploadId: session.uploadId, offset: 0, data: Data("hello ".utf8).base64EncodedString()),
            envelope: harness.envelope(UploadChunkV1.self, actor: "u1"))
        // Another instance shares the database but not this disk: its staging folder lacks the file.
        try FileManager.default.removeItem(atPath: harness.service.staging.path(of: session.uploadId))
        let error = await #expect(throws: ContractError.self) {
            _ = try await harness.service.uploadChunk(
                UploadChunkV1(uploadId: session.uploadId, offset: 6, data: Data("world".utf8).base64EncodedString()),
                envelope: harness.envelope(UploadChunkV1.self, actor: "u1"))
        }
        #expect(error?.code == .conflict && error?.details["reason"] == "staged_elsewhere")
        #expect(harness.stagedCount() == 0)
    }
}
