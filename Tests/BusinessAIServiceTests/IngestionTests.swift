@testable import BusinessAIService
import Foundation
import SeedChroma
import SeedContracts
import SeedServiceTesting
import Testing

@Suite("Chunking on sentence boundaries")
struct ChunkerTests {
    @Test("chunks hold whole sentences up to the limit, each starting with the last sentence of the one before")
    func sentencesAndOverlap() {
        let chunker = Chunker(maxCharacters: 60, overlapSentences: 1)
        let text = "One is first. Two comes next! Three asks why? Four ends here.\nA heading\nFive is last."
        #expect(chunker.sentences(text) == ["One is first.", "Two comes next!", "Three asks why?", "Four ends here.", "A heading", "Five is last."])
        let chunks = chunker.chunks(text)
        #expect(chunks.count > 1)
        for chunk in chunks { #expect(chunk.count <= 60) }
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            let last = chunker.sentences(previous).last!
            #expect(next.hasPrefix(last))
        }
        #expect(chunks.joined(separator: " ").contains("Five is last."))
    }

    @Test("a sentence longer than the limit is cut between words; blank text has no chunks")
    func longAndBlank() {
        let chunker = Chunker(maxCharacters: 50, overlapSentences: 1)
        let long = Array(repeating: "word", count: 40).joined(separator: " ")
        #expect(chunker.chunks(long).allSatisfy { $0.count <= 50 })
        #expect(chunker.chunks("  \n\n ").isEmpty)
        #expect(Chunker.hash("a") == Chunker.hash("a"))
        #expect(Chunker.hash("a") != Chunker.hash("b"))
    }
}

@Suite("Ingestion into the business's Chroma collection", .enabled(if: ChromaTestServer.available, "SEED_TEST_CHROMA_URL is not set"))
struct IngestionTests {
    @Test("an uploaded document is chunked, embedded and stored with seed 002's metadata; the record says completed")
    func ingests() async throws {
        let h = try await KnowledgeHarness.make()
        defer { Task { await h.close() } }
        let business = try await h.business("Luxury Salon", owner: "owner1")
        let record = try #require(try await h.upload("doc1", name: "hours.txt", text: SampleTexts.hours, to: business.id, by: "owner1"))
        #expect(record.status == "completed")
        #expect(record.chunkCount >= 1)
        #expect(record.chromaIds.count == record.chunkCount)
        #expect(record.embeddedChunks == record.chunkCount)
        #expect(record.processingTime != nil)
        #expect(record.embedder == h.embedder.identifier)
        let vectors = try await h.vectors(of: business.id)
        #expect(Set(vectors.map(\.id)) == Set(record.chromaIds))
        let first = try #require(vectors.first)
        #expect(first.metadata["businessId"] == .string(business.id))
        #expect(first.metadata["documentId"] == .string("doc1"))
        #expect(first.metadata["filename"] == .string("hours.txt"))
        #expect(first.metadata["category"] == .string("Operations"))
        #expect(first.metadata["chunkIndex"] != nil)
        let collection = try #require(try await h.chroma.collection(named: "business_\(business.id)"))
        #expect(collection.metadata["embedder"] == .string(h.embedder.identifier))
        let events = try await h.fixture.events(BusinessDocumentIngestedV1.self)
        #expect(events.last?.document.status == "completed")
        #expect(try await h.service.getBusiness(GetBusinessV1(businessId: business.id), envelope: h.teams.env(GetBusinessV1.self, "owner1")).stats.totalDocuments == 1)
    }

    @Test("re-ingesting a changed document re-embeds only the changed chunks and drops the vectors of removed ones")
    func reingestChangedOnly() async throws {
        let h = try await KnowledgeHarness.make()
        defer { Task { await h.close() } }
        let business = try await h.business("Salon Two", owner: "owner1")
        let long = (1...30).map { "Fact number \($0) is about topic \($0 * 7) in the salon." }.joined(separator: " ")
        let first = try #require(try await h.upload("doc1", name: "facts.txt", text: long, to: business.id, by: "owner1"))
        #expect(first.chunkCount >= 3)
        let requestsBefore = h.fake.embeddingRequests.withLock { $0 }
        let changed = long.replacingOccurrences(of: "Fact number 30 is about topic 210 in the salon.", with: "The last fact changed completely today.")
        try await h.give("doc1", text: changed, to: business.id)
        try await h.service.drainIngestion()
        let second = try #require(try await h.documents(of: business.id, by: "owner1").first)
        #expect(second.status == "completed")
        #expect(second.embeddedChunks >= 1)
        #expect(second.embeddedChunks < second.chunkCount)
        #expect(h.fake.embeddingRequests.withLock { $0 } > requestsBefore)
        let vectors = try await h.vectors(of: business.id)
        #expect(Set(vectors.map(\.id)) == Set(second.chromaIds))
        #expect(!vectors.contains { $0.document?.contains("topic 210") == true })
        // The same text again embeds nothing.
        try await h.give("doc1", text: changed, to: business.id)
        try await h.service.drainIngestion()
        #expect(try await h.documents(of: business.id, by: "owner1").first?.embeddedChunks == 0)
    }

    @Test("removing a document deletes its vectors; deleting the business drops its collection")
    func deletes() async throws {
        let h = try await KnowledgeHarness.make()
        defer { Task { await h.close() } }
        let business = try await h.business("Salon Three", owner: "owner1")
        try await h.upload("doc1", name: "hours.txt", text: SampleTexts.hours, to: business.id, by: "owner1")
        try await h.upload("doc2", name: "prices.txt", text: SampleTexts.prices, to: business.id, by: "owner1")
        try await h.teams.join("staff1", email: "staff@example.com", to: business.id, role: .staff, by: "owner1")
        await expectContractError(.forbidden, field: "canDeleteDocuments") {
            _ = try await h.service.removeDocument(RemoveBusinessDocumentV1(businessId: business.id, documentId: "doc1"), envelope: h.teams.env(RemoveBusinessDocumentV1.self, "staff1"))
        }
        _ = try await h.service.removeDocument(RemoveBusinessDocumentV1(businessId: business.id, documentId: "doc1"), envelope: h.teams.env(RemoveBusinessDocumentV1.self, "owner1"))
        let left = try await h.vectors(of: business.id)
        #expect(!left.isEmpty)
        #expect(left.allSatisfy { $0.metadata["documentId"] == .string("doc2") })
        #expect(try await h.documents(of: business.id, by: "owner1").map(\.id) == ["doc2"])
        // The documents service deleting the other one does the same.
        try await h.service.documentDeleted(
            DocumentDeletedV1(documentId: "doc2", tenantId: "platform", sprintId: nil, businessId: business.id, deletedBy: "owner1", purgeAfter: Date()),
            envelope: MessageEnvelope(type: DocumentDeletedV1.messageType))
        #expect(try await h.vectors(of: business.id).isEmpty)
        try await h.upload("doc3", name: "policy.txt", text: SampleTexts.policy, to: business.id, by: "owner1")
        _ = try await h.service.deleteBusiness(DeleteBusinessV1(businessId: business.id), envelope: h.teams.env(DeleteBusinessV1.self, "owner1"))
        #expect(try await h.chroma.collection(named: "business_\(business.id)") == nil)
        #expect(try await h.teams.count("ingested_documents") == 0)
    }

    @Test("empty and unsupported text, text beyond the plan, an uploader who may not upload, and a full plan are failed with their reason and never embedded")
    func refusals() async throws {
        let h = try await KnowledgeHarness.make()
        defer { Task { await h.close() } }
        let business = try await h.business("Salon Four", owner: "owner1")
        let empty = try #require(try await h.upload("empty", name: "photo.png", text: "   \n ", to: business.id, by: "owner1"))
        #expect(empty.status == "failed")
        #expect(empty.processingError?.contains("no text") == true)
        let huge = String(repeating: "All work and no play. ", count: 10_000)
        let big = try #require(try await h.upload("big", name: "big.txt", text: huge, to: business.id, by: "owner1"))
        #expect(big.status == "failed")
        #expect(big.processingError?.contains("free plan") == true)
        let stranger = try #require(try await h.upload("foreign", name: "x.txt", text: SampleTexts.hours, to: business.id, by: "stranger"))
        #expect(stranger.status == "failed")
        #expect(stranger.processingError?.contains("uploader") == true)
        try await h.teams.join("viewer", email: "viewer@example.com", to: business.id, role: .staff, by: "owner1")
        #expect(try await h.vectors(of: business.id).isEmpty)
        // A full plan: the 51st document is refused.
        _ = try await h.service.setSubscription(
            SetBusinessSubscriptionV1(businessId: business.id, subscription: BusinessSubscriptionV1(plan: .free, status: "active", expiresAt: nil, maxDocuments: 4, maxTeamMembers: 5)),
            envelope: MessageEnvelope(type: SetBusinessSubscriptionV1.messageType))
        try await h.upload("ok", name: "hours.txt", text: SampleTexts.hours, to: business.id, by: "owner1")
        let over = try #require(try await h.upload("over", name: "prices.txt", text: SampleTexts.prices, to: business.id, by: "owner1"))
        #expect(over.status == "failed")
        #expect(over.processingError?.contains("allows 4 documents") == true)
        #expect(try await h.vectors(of: business.id).allSatisfy { $0.metadata["documentId"] == .string("ok") })
    }

    @Test("an embedding endpoint that fails leaves the document failed with the reason")
    func embedderFailure() async throws {
        let h = try await KnowledgeHarness.make()
        defer { Task { await h.close() } }
        let business = try await h.business("Salon Five", owner: "owner1")
        h.fake.failEmbeddings.withLock { $0 = true }
        let record = try #require(try await h.upload("doc1", name: "hours.txt", text: SampleTexts.hours, to: business.id, by: "owner1"))
        #expect(record.status == "failed")
        #expect(record.processingError?.contains("embedding failed") == true)
        #expect(try await h.teams.count("ingestion_jobs") == 0)
    }

    @Test("the collection records its embedder; another embedder answers nothing from it until the business is re-indexed by command")
    func reindex() async throws {
        let h = try await KnowledgeHarness.make()
        defer { Task { await h.close() } }
        let business = try await h.business("Salon Six", owner: "owner1")
        try await h.upload("doc1", name: "hours.txt", text: SampleTexts.hours, to: business.id, by: "owner1")
        #expect(try await h.ask(business.businessSlug, "When are you open on Saturday?").outcome == .answered)
        let other = try await KnowledgeHarness.make(fake: h.fake, chroma: h.chroma, chat: false, rateLimit: false, model: "fake-embedding-2", teams: h.teams, texts: h.texts)
        #expect(try await other.ask(business.businessSlug, "When are you open on Saturday?").outcome == .notCovered)
        try await h.teams.join("staff1", email: "s@example.com", to: business.id, role: .staff, by: "owner1")
        await expectContractError(.forbidden, field: "canManageSettings") {
            _ = try await other.service.reindexBusiness(ReindexBusinessV1(businessId: business.id), envelope: h.teams.env(ReindexBusinessV1.self, "staff1"))
        }
        _ = try await other.service.reindexBusiness(ReindexBusinessV1(businessId: business.id), envelope: h.teams.env(ReindexBusinessV1.self, "owner1"))
        try await other.service.drainIngestion()
        let record = try #require(try await other.documents(of: business.id, by: "owner1").first)
        #expect(record.status == "completed")
        #expect(record.embedder == other.embedder.identifier)
        #expect(try await h.chroma.collection(named: "business_\(business.id)")?.metadata["embedder"] == .string(other.embedder.identifier))
        #expect(try await other.ask(business.businessSlug, "When are you open on Saturday?").outcome == .answered)
    }
}
