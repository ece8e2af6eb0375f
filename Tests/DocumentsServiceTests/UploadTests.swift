import Crypto
@testable import DocumentsService
import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

private func sha256(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

@Suite("Documents uploads")
struct UploadTests {
    @Test("a chunked upload stores the bytes once under their SHA-256 and downloads them back with the checksum")
    func uploadAndDownload() async throws {
        let harness = try await DocumentsHarness.make()
        let bytes = (0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 31) } + Array("end".utf8)
        var pdf = Array("%PDF-1.4\n".utf8)
        pdf += bytes
        let document = try await harness.upload(pdf, name: "../../etc/Report Q1?.pdf", by: "u1", chunk: 100_000)
        #expect(document.checksum == sha256(pdf))
        #expect(document.fileName == "Report_Q1.pdf")
        #expect(document.mimeType == "application/pdf")
        #expect(document.fileSize == pdf.count)
        #expect(document.version == 1)
        let (opened, downloaded) = try await harness.download(document.documentId, as: "u1")
        #expect(opened.checksum == sha256(pdf))
        #expect(downloaded == pdf)
        #expect(harness.blobCount() == 1)
        #expect(harness.stagedCount() == 0)
        #expect(try await harness.fixture.events(DocumentUploadedV1.self).count == 1)
    }

    @Test("identical content uploaded twice is stored once")
    func deduplicates() async throws {
        let harness = try await DocumentsHarness.make()
        let text = try Fixtures.bytes("hours.txt")
        let first = try await harness.upload(text, name: "a.txt", by: "u1")
        let second = try await harness.upload(text, name: "b.txt", by: "u2")
        #expect(first.documentId != second.documentId)
        #expect(first.checksum == second.checksum)
        #expect(harness.blobCount() == 1)
    }

    @Test("a checksum mismatch rejects the upload and stores nothing")
    func checksumMismatch() async throws {
        let harness = try await DocumentsHarness.make()
        await expectContractError(.validation, field: "expectedChecksum") {
            _ = try await harness.upload(try Fixtures.bytes("hours.txt"), name: "a.txt", by: "u1", expectedChecksum: String(repeating: "0", count: 64))
        }
        #expect(harness.blobCount() == 0)
        #expect(harness.stagedCount() == 0)
        #expect(try await harness.fixture.count(PendingUpload.self) == 0)
    }

    @Test("an empty file, a file over the limit and a disguised executable are refused with nothing stored")
    func badInput() async throws {
        let harness = try await DocumentsHarness.make(maximumFileBytes: 1000)
        await expectContractError(.validation, field: "file") { _ = try await harness.upload([], name: "empty.txt", by: "u1") }
        await expectContractError(.validation, field: "file") { _ = try await harness.upload(Array(repeating: 65, count: 1500), name: "big.txt", by: "u1", chunk: 600) }
        await expectContractError(.validation, field: "file") { _ = try await harness.upload(try Fixtures.bytes("program.pdf"), name: "program.pdf", by: "u1") }
        await expectContractError(.validation, field: "declaredSize") {
            _ = try await harness.service.beginUpload(
                BeginUploadV1(originalName: "x.txt", declaredSize: -1), envelope: harness.envelope(BeginUploadV1.self, actor: "u1"))
        }
        #expect(harness.blobCount() == 0)
        #expect(harness.stagedCount() == 0)
        #expect(try await harness.fixture.count(PendingUpload.self) == 0)
        #expect(try await harness.fixture.events(DocumentUploadedV1.self).isEmpty)
    }

    @Test("an aborted upload leaves nothing; an abandoned one is swept after its lifetime")
    func abortAndSweep() async throws {
        let harness = try await DocumentsHarness.make()
        let session = try await harness.service.beginUpload(BeginUploadV1(originalName: "a.txt"), envelope: harness.envelope(BeginUploadV1.self, actor: "u1"))
        _ = try await harness.service.uploadChunk(
            UploadChunkV1(uploadId: session.uploadId, offset: 0, data: Data("hello".utf8).base64EncodedString()),
            envelope: harness.envelope(UploadChunkV1.self, actor: "u1"))
        #expect(harness.stagedCount() == 1)
        _ = try await harness.service.abortUpload(AbortUploadV1(uploadId: session.uploadId), envelope: harness.envelope(AbortUploadV1.self, actor: "u1"))
        #expect(harness.stagedCount() == 0)
        let other = try await harness.service.beginUpload(BeginUploadV1(originalName: "b.txt"), envelope: harness.envelope(BeginUploadV1.self, actor: "u1"))
        _ = try await harness.service.uploadChunk(
            UploadChunkV1(uploadId: other.uploadId, offset: 0, data: Data("hello".utf8).base64EncodedString()),
            envelope: harness.envelope(UploadChunkV1.self, actor: "u1"))
        #expect(try await harness.service.sweepAbandonedUploads(now: harness.fixture.clock.now.addingTimeInterval(7200)) == 1)
        #expect(harness.stagedCount() == 0)
    }

    @Test("a repeated chunk is acknowledged once; a gap is a conflict; another user's upload does not exist")
    func chunkOrder() async throws {
        let harness = try await DocumentsHarness.make()
        let session = try await harness.service.beginUpload(BeginUploadV1(originalName: "a.txt"), envelope: harness.envelope(BeginUploadV1.self, actor: "u1"))
        let chunk = UploadChunkV1(uploadId: session.uploadId, offset: 0, data: Data("hello ".utf8).base64EncodedString())
        _ = try await harness.service.uploadChunk(chunk, envelope: harness.envelope(UploadChunkV1.self, actor: "u1"))
        let again = try await harness.service.uploadChunk(chunk, envelope: harness.envelope(UploadChunkV1.self, actor: "u1"))
        #expect(again.received == 6)
        await expectContractError(.conflict, field: "offset") {
            _ = try await harness.service.uploadChunk(
                UploadChunkV1(uploadId: session.uploadId, offset: 10, data: "eA=="), envelope: harness.envelope(UploadChunkV1.self, actor: "u1"))
        }
        await expectContractError(.notFound, field: "uploadId") {
            _ = try await harness.service.uploadChunk(
                UploadChunkV1(uploadId: session.uploadId, offset: 6, data: "eA=="), envelope: harness.envelope(UploadChunkV1.self, actor: "u2"))
        }
    }
}
