@testable import DocumentsService
import Foundation
import SeedContracts
import SeedServiceTesting
import Testing

private let sprint = "665f20009b1d4a0012ab0001"
private let client = "client-1"
private let admin = "admin-1"

private func makeSprint(_ harness: DocumentsHarness, fileTypes: [String] = ["pdf", "txt"], maxFileSize: Int? = nil) async throws {
    try await harness.setSprint(
        sprint, client: client, admins: [admin],
        requirements: [
            RequiredDocumentV1(fieldName: "brand_guide", fileTypes: fileTypes, maxFileSize: maxFileSize),
            RequiredDocumentV1(fieldName: "logo", isRequired: false, fileTypes: ["image/*"]),
        ])
}

@Suite("Documents versions and review")
struct VersionReviewTests {
    @Test("a second upload for the same requirement becomes version 2, linked to 1, and resets the review")
    func versionsResetReview() async throws {
        let harness = try await DocumentsHarness.make()
        try await makeSprint(harness)
        let first = try await harness.upload(try Fixtures.bytes("hours.txt"), name: "guide.txt", by: client, sprintId: sprint, fieldName: "brand_guide")
        let reviewed = try await harness.service.reviewDocument(
            ReviewDocumentV1(documentId: first.documentId, status: .approved, notes: nil), envelope: harness.envelope(ReviewDocumentV1.self, actor: admin))
        #expect(reviewed.reviewStatus == .approved)
        #expect(reviewed.reviewedBy == admin)
        let approvals = try await harness.fixture.events(SprintDocumentsApprovedV1.self)
        #expect(approvals.map(\.documentIds) == [[first.documentId]])

        let second = try await harness.upload(try Fixtures.bytes("guide.pdf"), name: "guide.pdf", by: client, sprintId: sprint, fieldName: "brand_guide")
        #expect(second.documentId == first.documentId)
        #expect(second.version == 2)
        #expect(second.previousVersionId == first.id)
        #expect(second.reviewStatus == .pending)
        let versions = try await harness.service.listVersions(
            ListVersionsV1(documentId: first.documentId), envelope: harness.envelope(ListVersionsV1.self, actor: client))
        #expect(versions.documents.map(\.version) == [2, 1])
        #expect(versions.documents.map(\.isLatest) == [true, false])
        #expect(versions.documents[1].reviewStatus == .approved)
        let (_, old) = try await harness.download(first.documentId, version: 1, as: admin)
        #expect(old == (try Fixtures.bytes("hours.txt")))
        #expect(try await harness.fixture.events(DocumentVersionAddedV1.self).count == 1)
        await expectContractError(.conflict, field: "version") {
            _ = try await harness.service.reviewDocument(
                ReviewDocumentV1(documentId: first.documentId, version: 1, status: .approved), envelope: harness.envelope(ReviewDocumentV1.self, actor: admin))
        }
    }

    @Test("only a sprint admin reviews; a rejection needs notes; the client cannot review their own upload")
    func reviewRules() async throws {
        let harness = try await DocumentsHarness.make()
        try await makeSprint(harness)
        let document = try await harness.upload(try Fixtures.bytes("hours.txt"), name: "g.txt", by: client, sprintId: sprint, fieldName: "brand_guide")
        await expectContractError(.forbidden, field: "documentId") {
            _ = try await harness.service.reviewDocument(
                ReviewDocumentV1(documentId: document.documentId, status: .approved), envelope: harness.envelope(ReviewDocumentV1.self, actor: client))
        }
        await expectContractError(.notFound, field: "documentId") {
            _ = try await harness.service.reviewDocument(
                ReviewDocumentV1(documentId: document.documentId, status: .approved), envelope: harness.envelope(ReviewDocumentV1.self, actor: "stranger"))
        }
        await expectContractError(.validation, field: "notes") {
            _ = try await harness.service.reviewDocument(
                ReviewDocumentV1(documentId: document.documentId, status: .rejected), envelope: harness.envelope(ReviewDocumentV1.self, actor: admin))
        }
        let revised = try await harness.service.reviewDocument(
            ReviewDocumentV1(documentId: document.documentId, status: .needsRevision, notes: "Needs the colours"),
            envelope: harness.envelope(ReviewDocumentV1.self, actor: admin))
        #expect(revised.reviewStatus == .needsRevision)
        #expect(revised.reviewNotes == "Needs the colours")
    }

    @Test("the requirement's types and size apply to uploads for it")
    func requirementLimits() async throws {
        let harness = try await DocumentsHarness.make()
        try await makeSprint(harness, fileTypes: ["pdf"], maxFileSize: 10)
        await expectContractError(.validation, field: "file") {
            _ = try await harness.upload(try Fixtures.bytes("hours.txt"), name: "g.txt", by: client, sprintId: sprint, fieldName: "brand_guide")
        }
        await expectContractError(.validation, field: "fieldName") {
            _ = try await harness.upload(try Fixtures.bytes("hours.txt"), name: "g.txt", by: client, sprintId: sprint, fieldName: "unknown")
        }
        await expectContractError(.notFound, field: "sprintId") {
            _ = try await harness.upload(try Fixtures.bytes("hours.txt"), name: "g.txt", by: "stranger", sprintId: sprint, fieldName: "brand_guide")
        }
    }
}

@Suite("Documents access and sharing")
struct SharingTests {
    @Test("another user never reads a private document; a conversation's members do while shared and until they leave")
    func conversationSharing() async throws {
        let harness = try await DocumentsHarness.make()
        let document = try await harness.upload(try Fixtures.bytes("hours.txt"), name: "a.txt", by: "owner")
        await expectContractError(.notFound, field: "documentId") { _ = try await harness.download(document.documentId, as: "friend") }
        _ = try await harness.service.memberJoined(
            MemberJoinedV1(conversationId: "c1", member: MemberV1.example.with(userId: "friend"), addedBy: nil, recipients: []),
            envelope: MessageEnvelope(type: MemberJoinedV1.messageType))
        await expectContractError(.notFound, field: "documentId") { _ = try await harness.download(document.documentId, as: "friend") }
        let share = try await harness.service.shareDocument(
            ShareDocumentV1(documentId: document.documentId, type: .chat, conversationId: "c1"), envelope: harness.envelope(ShareDocumentV1.self, actor: "owner"))
        #expect(share.token == nil)
        let (_, bytes) = try await harness.download(document.documentId, as: "friend")
        #expect(bytes == (try Fixtures.bytes("hours.txt")))
        await expectContractError(.forbidden, field: "documentId") {
            _ = try await harness.service.deleteDocument(DeleteDocumentV1(documentId: document.documentId), envelope: harness.envelope(DeleteDocumentV1.self, actor: "friend"))
        }
        _ = try await harness.service.memberLeft(
            MemberLeftV1(conversationId: "c1", userId: "friend", removedBy: nil, recipients: []), envelope: MessageEnvelope(type: MemberLeftV1.messageType))
        await expectContractError(.notFound, field: "documentId") { _ = try await harness.download(document.documentId, as: "friend") }
        await expectContractError(.notFound, field: "documentId") {
            _ = try await harness.service.getDocument(GetDocumentV1(documentId: document.documentId), envelope: harness.envelope(GetDocumentV1.self, actor: "owner", tenant: "other-tenant"))
        }
    }

    @Test("a public link works until its download limit, expiry or revocation, then answers not found")
    func publicLinks() async throws {
        let harness = try await DocumentsHarness.make()
        let document = try await harness.upload(try Fixtures.bytes("hours.txt"), name: "a.txt", by: "owner")
        let limited = try await harness.service.shareDocument(
            ShareDocumentV1(documentId: document.documentId, type: .public, maxDownloads: 1), envelope: harness.envelope(ShareDocumentV1.self, actor: "owner"))
        let token = try #require(limited.token)
        let (_, bytes) = try await harness.download(nil, as: nil, token: token)
        #expect(bytes == (try Fixtures.bytes("hours.txt")))
        await expectContractError(.notFound, field: "token") { _ = try await harness.download(nil, as: nil, token: token) }

        let expiring = try await harness.service.shareDocument(
            ShareDocumentV1(documentId: document.documentId, type: .public, expiresAt: harness.fixture.clock.now.addingTimeInterval(60)),
            envelope: harness.envelope(ShareDocumentV1.self, actor: "owner"))
        _ = try await harness.download(nil, as: nil, token: try #require(expiring.token))
        harness.fixture.clock.advance(by: 61)
        await expectContractError(.notFound, field: "token") { _ = try await harness.download(nil, as: nil, token: try #require(expiring.token)) }

        let revoked = try await harness.service.shareDocument(
            ShareDocumentV1(documentId: document.documentId, type: .public), envelope: harness.envelope(ShareDocumentV1.self, actor: "owner"))
        _ = try await harness.service.revokeShare(
            RevokeShareV1(documentId: document.documentId, shareId: revoked.id), envelope: harness.envelope(RevokeShareV1.self, actor: "owner"))
        await expectContractError(.notFound, field: "token") { _ = try await harness.download(nil, as: nil, token: try #require(revoked.token)) }
        await expectContractError(.notFound, field: "token") { _ = try await harness.download(nil, as: nil, token: "dl_guessed") }
    }

    @Test("a deleted document disappears at once; its bytes are purged after retention unless another version holds them")
    func deleteAndPurge() async throws {
        let harness = try await DocumentsHarness.make()
        let text = try Fixtures.bytes("hours.txt")
        let kept = try await harness.upload(text, name: "a.txt", by: "other")
        let document = try await harness.upload(text, name: "a.txt", by: "owner")
        let solo = try await harness.upload(try Fixtures.bytes("brand.md"), name: "b.md", by: "owner")
        for id in [document.documentId, solo.documentId] {
            _ = try await harness.service.deleteDocument(DeleteDocumentV1(documentId: id), envelope: harness.envelope(DeleteDocumentV1.self, actor: "owner"))
        }
        await expectContractError(.notFound, field: "documentId") { _ = try await harness.download(document.documentId, as: "owner") }
        #expect(try await harness.service.purgeDeleted(now: harness.fixture.clock.now) == 0)
        #expect(harness.blobCount() == 2)
        #expect(try await harness.service.purgeDeleted(now: harness.fixture.clock.now.addingTimeInterval(31 * 86_400)) == 2)
        #expect(harness.blobCount() == 1)
        _ = try await harness.download(kept.documentId, as: "other")
        #expect(try await harness.fixture.events(DocumentDeletedV1.self).count == 2)
    }
}

@Suite("Documents processing")
struct ProcessingTests {
    @Test("text, csv, markdown, docx, PDF and images are processed off the request path, and business-ai reads the text")
    func processesEveryType() async throws {
        let harness = try await DocumentsHarness.make()
        var uploaded: [String: DocumentV1] = [:]
        for name in ["hours.txt", "hours.csv", "brand.md", "checklist.docx", "guide.pdf", "logo.png", "photo.jpg"] {
            uploaded[name] = try await harness.upload(try Fixtures.bytes(name), name: name, by: "owner", businessId: "biz-1")
            #expect(uploaded[name]?.processingStatus == .pending)
        }
        #expect(try await harness.process() == 7)
        func text(_ name: String) async throws -> DocumentTextV1 {
            try await harness.service.getDocumentText(
                GetDocumentTextV1(documentId: try #require(uploaded[name]).documentId), envelope: MessageEnvelope(type: GetDocumentTextV1.messageType))
        }
        #expect(try await text("hours.txt").text.contains("Monday to Friday"))
        #expect(try await text("hours.csv").text.contains("monday,09:00"))
        #expect(try await text("brand.md").text.contains("# Brand guide"))
        #expect(try await text("checklist.docx").text == "Onboarding checklist\nSend the signed contract & the logo.")
        let pdf = try await text("guide.pdf")
        #expect(pdf.text.contains("brand guide page one"))
        #expect(pdf.pageCount == 2)
        #expect(pdf.businessId == "biz-1")
        let image = try await harness.service.getDocument(
            GetDocumentV1(documentId: try #require(uploaded["logo.png"]).documentId), envelope: harness.envelope(GetDocumentV1.self, actor: "owner"))
        #expect(image.processingStatus == .completed)
        #expect(image.dimensions == DimensionsV1(width: 40, height: 30))
        #expect(image.hasThumbnail)
        let (thumbnail, bytes) = try await harness.download(image.documentId, as: "owner", thumbnail: true)
        #expect(thumbnail.mimeType == "image/jpeg")
        #expect(Array(bytes.prefix(3)) == [0xFF, 0xD8, 0xFF])
        let events = try await harness.fixture.events(DocumentProcessedV1.self)
        #expect(events.count == 7)
        #expect(events.allSatisfy { $0.status == .completed })
    }

    @Test("a file the tools cannot read fails processing with the error")
    func failure() async throws {
        let harness = try await DocumentsHarness.make()
        var broken = Array("%PDF-1.4\n".utf8)
        broken += Array("not really a pdf".utf8)
        let document = try await harness.upload(broken, name: "broken.pdf", by: "owner")
        #expect(try await harness.process() == 1)
        let failed = try await harness.service.getDocument(
            GetDocumentV1(documentId: document.documentId), envelope: harness.envelope(GetDocumentV1.self, actor: "owner"))
        #expect(failed.processingStatus == .failed)
        #expect(failed.processingError?.contains("pdfinfo") == true)
        await expectContractError(.conflict, field: "documentId") {
            _ = try await harness.service.getDocumentText(GetDocumentTextV1(documentId: document.documentId), envelope: MessageEnvelope(type: GetDocumentTextV1.messageType))
        }
    }
}

extension MemberV1 {
    func with(userId: String) -> MemberV1 {
        var member = self
        member.userId = userId
        return member
    }
}
