@testable import DocumentsService
import Foundation
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Tenants' storage quota")
struct DocumentsQuotaTests {
    @Test("an upload that would pass the tenant's storage bytes is a 409 quota_exceeded naming the quota, refused when begun or completed, storing nothing; reported to identity once")
    func storageBytes() async throws {
        let harness = try await DocumentsHarness.make()
        let text = Array(String(repeating: "Hours worked on the launch.\n", count: 20).utf8)
        try await harness.service.tenantQuotasChanged(
            TenantQuotasChangedV1(tenantId: "acme", plan: nil, quotas: TenantQuotasV1(storageBytes: text.count * 2 + 10), version: 1),
            envelope: harness.fixture.envelope(ReportQuotaExceededV1.self))
        try await harness.upload(text, name: "a.txt", by: "u1", tenant: "acme")
        try await harness.upload(text, name: "b.txt", by: "u1", tenant: "acme")
        let stored = try await harness.fixture.events(DocumentUploadedV1.self).count

        // Declared ahead: refused before any byte is sent.
        let refused = await expectContractError(.conflict, field: "quotas.storageBytes") { try await harness.upload(text, name: "c.txt", by: "u1", tenant: "acme") }
        #expect(refused?.details["reason"] == "quota_exceeded" && refused?.details["quota"] == "storageBytes")
        #expect(refused?.details["current"] == String(text.count * 2))
        // Not declared: refused when the upload completes, and its staged bytes are dropped.
        let session = try await harness.service.beginUpload(
            BeginUploadV1(originalName: "d.txt"), envelope: harness.envelope(BeginUploadV1.self, actor: "u1", tenant: "acme"))
        _ = try await harness.service.uploadChunk(
            UploadChunkV1(uploadId: session.uploadId, offset: 0, data: Data(text).base64EncodedString()),
            envelope: harness.envelope(UploadChunkV1.self, actor: "u1", tenant: "acme"))
        await expectContractError(.conflict, field: "quotas.storageBytes") {
            _ = try await harness.service.completeUpload(CompleteUploadV1(uploadId: session.uploadId), envelope: harness.envelope(CompleteUploadV1.self, actor: "u1", tenant: "acme"))
        }
        #expect(try await harness.fixture.events(DocumentUploadedV1.self).count == stored)
        #expect(harness.stagedCount() == 0)
        #expect(try await harness.fixture.count(PendingUpload.self) == 0)
        #expect(try await harness.fixture.sentCommands(ReportQuotaExceededV1.self) == [
            ReportQuotaExceededV1(tenantId: "acme", quota: .storageBytes, limit: text.count * 2 + 10, period: "2027-01", service: "documents"),
        ])

        // Another tenant, and the platform's own users, are not limited by it.
        try await harness.upload(text, name: "c.txt", by: "u1")
        try await harness.upload(text, name: "c.txt", by: "u1", tenant: "other")
    }
}
