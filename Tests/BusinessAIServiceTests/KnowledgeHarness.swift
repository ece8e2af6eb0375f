@testable import BusinessAIService
import Crypto
import Foundation
import SeedChroma
import SeedContracts
import SeedEmbedding
import SeedRedis
import SeedServiceKit
import SeedServiceTesting
import SeedStore
import Synchronization
import Testing

/// The Chroma server of the test run (`SEED_TEST_CHROMA_URL`, started by scripts/test). Missing in CI
/// is a failure, not a skip.
enum ChromaTestServer {
    static var url: String? {
        if let url = ProcessInfo.processInfo.environment["SEED_TEST_CHROMA_URL"], !url.isEmpty { return url }
        precondition(ProcessInfo.processInfo.environment["CI"] != "true", "SEED_TEST_CHROMA_URL is not set in CI (scripts/test starts Chroma)")
        return nil
    }

    static var available: Bool { url != nil }
}

/// The business-ai service with its knowledge parts: the real Chroma server (a database of its own per
/// test), a ``FakeOpenAICompatibleServer`` for embeddings (and chat when asked), the real Redis for the
/// per-visitor limit. Extracted texts are given to the service as the documents service's
/// `get-document-text` reply would carry them (``texts``).
struct KnowledgeHarness {
    let teams: BusinessAIHarness
    let fake: FakeOpenAICompatibleServer
    let chroma: ChromaClient
    let texts: ExtractedTexts
    let embedder: OpenAICompatibleEmbedder

    var service: BusinessAIService { teams.service }
    var fixture: ServiceFixture { teams.fixture }

    static let addressKey = SymmetricKey(data: Data(repeating: 7, count: 32))

    static func make(chat: Bool = false, rateLimit: Bool = false, model: String = "fake-embedding", threshold: Double = 0.3) async throws -> KnowledgeHarness {
        let fake = FakeOpenAICompatibleServer()
        try await fake.start()
        let chroma = ChromaClient(url: try #require(ChromaTestServer.url), tenant: "seed_tests", database: "bai_\(UUID().uuidString.prefix(12).lowercased())")
        try await chroma.ensureDatabase()
        return try await make(fake: fake, chroma: chroma, chat: chat, rateLimit: rateLimit, model: model, threshold: threshold)
    }

    /// Another service over the same Chroma database and fake (a second embedder, say).
    static func make(
        fake: FakeOpenAICompatibleServer, chroma: ChromaClient, chat: Bool, rateLimit: Bool, model: String, threshold: Double = 0.3,
        teams: BusinessAIHarness? = nil, texts: ExtractedTexts = ExtractedTexts()
    ) async throws -> KnowledgeHarness {
        let fixture: ServiceFixture
        if let teams { fixture = teams.fixture } else { fixture = try await ServiceFixture.make(.businessAI, collections: BusinessAICollections.all) }
        let embedder = OpenAICompatibleEmbedder(
            endpoint: OpenAICompatibleEndpoint(baseURL: fake.baseURL, apiKey: "test-key", model: model, promptPricePer1K: Decimal(string: "0.00002")!),
            dimensions: fake.dimensions)
        let redis = try rateLimit ? RedisClient(configuration: RedisConfiguration(url: try #require(ProcessInfo.processInfo.environment["SEED_TEST_REDIS_URL"]))) : nil
        let knowledge = BusinessKnowledge(
            chroma: chroma, embedder: embedder,
            chat: chat ? OpenAICompatibleChat(endpoint: OpenAICompatibleEndpoint(
                baseURL: fake.baseURL, model: "fake-chat", promptPricePer1K: Decimal(string: "0.00015")!, completionPricePer1K: Decimal(string: "0.0006")!)) : nil,
            rateLimiter: redis.map { RedisRateLimiter(client: $0, namespace: "seed:test:\(UUID().uuidString.prefix(8))") },
            addressKey: addressKey, confidenceThreshold: threshold,
            documentText: { [texts] id in
                guard let text = texts.map.withLock({ $0[id] }) else { throw ContractError(.notFound, "no document \(id)", details: ["field": "documentId"]) }
                return text
            })
        let harness = BusinessAIHarness(fixture: fixture, service: BusinessAIService(work: fixture.work, knowledge: knowledge))
        return KnowledgeHarness(teams: harness, fake: fake, chroma: chroma, texts: texts, embedder: embedder)
    }

    func close() async {
        try? await chroma.deleteDatabase()
        await fake.stop()
    }

    /// A business `name` owned by `owner`, public, showing sources.
    func business(_ name: String, owner: String, isPublic: Bool = true, showSources: Bool = true) async throws -> BusinessV1 {
        let business = try await teams.create(name, by: owner)
        return try await service.updateBusiness(
            UpdateBusinessV1(businessId: business.id, chatSettings: ChatSettingsPatchV1(isPublic: isPublic, showSources: showSources)),
            envelope: teams.env(UpdateBusinessV1.self, owner))
    }

    /// The documents service announces an upload of `name` to `business` by `uploader`, then its
    /// text; the worker ingests it. Returns the record.
    @discardableResult
    func upload(
        _ documentId: String, name: String, text: String, to business: String, by uploader: String, ingest: Bool = true
    ) async throws -> BusinessDocumentV1? {
        var document = DocumentV1.example
        document.id = "\(documentId)v"
        document.documentId = documentId
        document.businessId = business
        document.sprintId = nil
        document.uploadedBy = uploader
        document.ownerId = uploader
        document.originalName = name
        document.fileName = name
        document.fileType = String(name.split(separator: ".").last ?? "txt")
        try await service.documentAnnounced(document, envelope: MessageEnvelope(type: DocumentUploadedV1.messageType))
        try await give(documentId, text: text, to: business)
        if ingest { try await service.drainIngestion() }
        return try await record(documentId)
    }

    /// The text documents extracted (again) for a document, handed over as after `document-processed`.
    func give(_ documentId: String, text: String, to business: String) async throws {
        let extracted = DocumentTextV1(
            documentId: documentId, versionId: "\(documentId)v", businessId: business, fileType: "txt", text: text, textLength: text.count,
            pageCount: 1, category: "Operations", tags: [])
        texts.map.withLock { $0[documentId] = extracted }
        try await service.documentTextReady(extracted, envelope: MessageEnvelope(type: DocumentProcessedV1.messageType))
    }

    /// A document's ingestion record, read from the store.
    func record(_ documentId: String) async throws -> BusinessDocumentV1? {
        try await DocumentCollection(IngestedDocument.self, in: fixture.store).first(.equal("_id", .string(documentId)))?.view
    }

    func documents(of business: String, by user: String) async throws -> [BusinessDocumentV1] {
        try await service.listDocuments(ListBusinessDocumentsV1(businessId: business), envelope: teams.env(ListBusinessDocumentsV1.self, user)).documents
    }

    func ask(_ slug: String, _ question: String, ip: String = "203.0.113.7", session: String? = "sess_test_0001", email: String? = nil) async throws -> PublicAnswerV1 {
        try await service.askPublicAssistant(
            AskPublicAssistantV1(businessSlug: slug, question: question, sessionId: session, visitorEmail: email, client: ClientInfo(ipAddress: ip, userAgent: "test")),
            envelope: MessageEnvelope(type: AskPublicAssistantV1.messageType))
    }

    /// The records of a business's collection.
    func vectors(of business: String) async throws -> [ChromaRecord] {
        guard let collection = try await chroma.collection(named: "business_\(business)") else { return [] }
        return try await chroma.get(collection.id)
    }
}

/// The texts the documents service would give for `get-document-text`, by document id.
final class ExtractedTexts: Sendable {
    let map = Mutex<[String: DocumentTextV1]>([:])
}

/// Short business documents the tests learn from.
enum SampleTexts {
    static let hours = """
        Business Hours. We are open Monday through Friday from 9 AM to 6 PM. On Saturday we open from 10 AM to 4 PM. \
        We are closed on Sundays and on major public holidays. During December we stay open until 8 PM on weekdays.
        """
    static let prices = """
        Price List. A women's haircut costs 65 dollars and a men's haircut costs 40 dollars. Hair colouring starts at 120 dollars. \
        A manicure costs 35 dollars and a pedicure costs 50 dollars. Gift cards are sold in amounts of 25, 50 and 100 dollars.
        """
    static let policy = """
        Cancellation Policy. Appointments can be cancelled free of charge up to 24 hours before the start. \
        A late cancellation is charged half of the service price. Customers who do not show up pay the full price.
        """
    static let bakery = """
        Bakery Hours. The bakery opens at 6 AM every day including Sundays. Our sourdough bread is baked fresh each morning. \
        The secret recipe of the rye bread uses caraway seeds from Bavaria.
        """
}
