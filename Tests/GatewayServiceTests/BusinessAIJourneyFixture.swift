import BusinessAIService
import Crypto
import DocumentsService
import Foundation
import GatewayService
import Hummingbird
import HummingbirdTesting
import IdentityService
import Logging
import SeedAuth
import SeedBus
import SeedChroma
import SeedContracts
import SeedEmbedding
import SeedOutbox
import SeedRedis
import SeedRuntime
import SeedServiceKit
import SeedServiceTesting
import SeedStoreEmbedded
import SeedWorkPool
import Testing

/// Identity, documents, business-ai and the gateway in-process on the real RabbitMQ and Redis, with
/// business-ai on the real Chroma server (`SEED_TEST_CHROMA_URL`, a database of its own per fixture)
/// and the real all-MiniLM-L6-v2 embedder (`SEED_TEST_EMBEDDING_MODEL_DIR`), its ingestion worker
/// running: a document uploaded through documents reaches business-ai by documents' events, its text
/// by `get-document-text`, as in production. A fixture of its own so that the whole-suite fixture stays
/// free of the CPU-heavy embedder; it queues behind ``FixtureGate/shared`` like the others.
enum BusinessAIJourneyFixture {
    /// Whether the run has Chroma and the model; CI always has both (a missing one fails there).
    static var available: Bool {
        let environment = ProcessInfo.processInfo.environment
        let ready = !(environment["SEED_TEST_CHROMA_URL"] ?? "").isEmpty && !(environment["SEED_TEST_EMBEDDING_MODEL_DIR"] ?? "").isEmpty
        precondition(ready || environment["CI"] != "true", "SEED_TEST_CHROMA_URL and SEED_TEST_EMBEDDING_MODEL_DIR are set by scripts/test")
        return ready
    }

    /// The model, loaded once for the test process (90 MB of weights).
    private static let model: Result<MiniLMModel, any Error> = Result {
        let path = try #require(ProcessInfo.processInfo.environment["SEED_TEST_EMBEDDING_MODEL_DIR"])
        return try MiniLMModel(directory: URL(fileURLWithPath: path, isDirectory: true))
    }

    /// Embedding pools shared by the fixtures of the test process: one thread each, as seed-business-ai runs.
    private static let ingestionPool = BlockingWorkPool(threadCount: 1, name: "gw-embed-ingest")
    private static let questionPool = BlockingWorkPool(threadCount: 1, name: "gw-embed-question")
    private static let documentsPool = BlockingWorkPool(threadCount: 1, name: "gw-bai-documents")

    static func run(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await FixtureGate.shared.run { try await runServices(body) }
    }

    private static func runServices(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let namespace = "gwbai-\(UUID().uuidString.prefix(8).lowercased())."
        let configuration = try SuiteFixture.busConfiguration(namespace: namespace)
        let logger = Logger(label: "test.business-ai-journey")

        let store = try ServiceFixture.temporaryStore(prefix: "gateway-bai-identity")
        try await IdentityService.prepare(store)
        let identityBus = Bus(service: .identity, configuration: configuration, logger: logger)
        let identityRelay = OutboxRelay(store: store, bus: identityBus, logger: logger, pollInterval: .milliseconds(100))
        let identity = try await IdentityService(
            work: UnitOfWork(store: store, service: .identity, errors: .identity, messagesStaged: { identityRelay.notify() }),
            hasher: BcryptPasswordHasher(pool: SuiteFixture.bcryptPool), signingKey: try await IdentityService.signingKey(in: store), google: GoogleSignInDisabled(),
            settings: IdentitySettings(), logger: logger)
        IdentityHandlers.register(identity, on: identityBus)

        let documentsRoot = FileManager.default.temporaryDirectory.appendingPathComponent("seed-gw-bai-documents-\(UUID().uuidString)").path
        let documentsStore = try ServiceFixture.temporaryStore(prefix: "gateway-bai-documents")
        try await UnitOfWork.prepare(documentsStore, collections: DocumentsCollections.all)
        let documentsBus = Bus(service: .documents, configuration: configuration, logger: logger)
        let documentsRelay = OutboxRelay(store: documentsStore, bus: documentsBus, logger: logger, pollInterval: .milliseconds(100))
        let documents = DocumentsService(
            work: UnitOfWork(store: documentsStore, service: .documents, messagesStaged: { documentsRelay.notify() }),
            blobs: try FolderBlobStore(root: documentsRoot), staging: try UploadStaging(root: documentsRoot), pool: documentsPool, settings: DocumentsSettings())
        DocumentsHandlers.register(documents, on: documentsBus)

        let chroma = ChromaClient(
            url: try #require(ProcessInfo.processInfo.environment["SEED_TEST_CHROMA_URL"]), tenant: "seed_tests",
            database: "gw_bai_\(UUID().uuidString.prefix(12).lowercased())")
        try await chroma.ensureDatabase()
        let model = try model.get()
        let aiStore = try ServiceFixture.temporaryStore(prefix: "gateway-bai")
        try await UnitOfWork.prepare(aiStore, collections: BusinessAICollections.all)
        let aiBus = Bus(service: .businessAI, configuration: configuration, logger: logger)
        let aiRelay = OutboxRelay(store: aiStore, bus: aiBus, logger: logger, pollInterval: .milliseconds(100))
        let aiRedis = try SuiteFixture.redis()
        let knowledge = BusinessKnowledge(
            chroma: chroma, embedder: MiniLMEmbedder(model: model, pool: ingestionPool),
            queryEmbedder: MiniLMEmbedder(model: model, pool: questionPool, batchSize: 8),
            rateLimiter: RedisRateLimiter(client: aiRedis, namespace: "test:\(namespace)business-ai"),
            addressKey: SymmetricKey(size: .bits256), confidenceThreshold: 0.35,
            documentText: { documentId in
                try await aiBus.request(GetDocumentTextV1(documentId: documentId), envelope: MessageEnvelope(type: GetDocumentTextV1.messageType), timeout: .seconds(60))
            })
        let businessAI = BusinessAIService(
            work: UnitOfWork(store: aiStore, service: .businessAI, messagesStaged: { aiRelay.notify() }), knowledge: knowledge, logger: logger)
        BusinessAIHandlers.register(businessAI, on: aiBus)

        let gatewayBus = Bus(service: .gateway, configuration: configuration, logger: logger)
        let redis = try SuiteFixture.redis()
        let router = Router(context: SeedRequestContext.self)
        Gateway.configure(router, bus: gatewayBus, redis: redis, logger: logger, rateLimitNamespace: "test:\(namespace)", deadline: .seconds(60))

        let tasks = [
            Task { try await identityBus.run() },
            Task { try await identityRelay.run() },
            Task { try await documentsBus.run() },
            Task { try await documentsRelay.run() },
            Task { try await aiBus.run() },
            Task { try await aiRelay.run() },
            Task { try await IngestionWorker(service: businessAI, poll: .seconds(1), logger: logger).run() },
        ]
        let buses = [identityBus, documentsBus, aiBus]
        func shutdown() async {
            await gatewayBus.shutdown()
            for index in [1, 3, 5, 6] { tasks[index].cancel() }
            for bus in buses { await bus.shutdown() }
            for task in tasks { _ = await task.result }
            await redis.shutdown()
            await aiRedis.shutdown()
            try? await chroma.deleteDatabase()
            try? FileManager.default.removeItem(atPath: documentsRoot)
        }
        do {
            try await waitUntilConnected(buses)
            try await gatewayBus.connect()
            try await Application(router: router, logger: logger).test(.live) { client in try await body(client) }
        } catch {
            await shutdown()
            throw error
        }
        await shutdown()
    }
}
