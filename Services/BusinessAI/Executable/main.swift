import BusinessAIService
import Crypto
import Foundation
import SeedBus
import SeedChroma
import SeedContracts
import SeedEmbedding
import SeedRedis
import SeedRuntime
import SeedServiceKit
import SeedWorkPool

/// `SEED_CHROMA_URL`: the Chroma server holding one collection per business.
let chromaURLVariable = ConfigurationVariable(name: "SEED_CHROMA_URL", example: "http://127.0.0.1:8000")
/// `SEED_BUSINESS_AI_ADDRESS_KEY`: base64 of 32 bytes, the key of the visitors' address hash (HMAC-SHA-256).
let addressKeyVariable = ConfigurationVariable(name: "SEED_BUSINESS_AI_ADDRESS_KEY", example: "q6v3sVv0mO9x0m3d7Yc1wZ5t8n2b4k6p9r1u3x5z7A0=", mayContainPassword: true)
/// `SEED_BUSINESS_AI_EMBEDDINGS_URL`: an OpenAI-compatible server (without `/v1`); unset uses the offline all-MiniLM-L6-v2.
let embeddingsURLVariable = ConfigurationVariable(name: "SEED_BUSINESS_AI_EMBEDDINGS_URL", example: "https://api.openai.com", mayContainPassword: true)
/// `SEED_BUSINESS_AI_EMBEDDINGS_MODEL` and `_DIMENSIONS`: the remote embedding model (default text-embedding-3-small, 1536).
let embeddingsModelVariable = ConfigurationVariable(name: "SEED_BUSINESS_AI_EMBEDDINGS_MODEL", example: "text-embedding-3-small")
let embeddingsDimensionsVariable = ConfigurationVariable(name: "SEED_BUSINESS_AI_EMBEDDINGS_DIMENSIONS", example: "1536")
/// `SEED_BUSINESS_AI_CHAT_URL` / `_MODEL`: an OpenAI-compatible chat endpoint that writes answers; unset answers extractively.
let chatURLVariable = ConfigurationVariable(name: "SEED_BUSINESS_AI_CHAT_URL", example: "https://api.openai.com", mayContainPassword: true)
let chatModelVariable = ConfigurationVariable(name: "SEED_BUSINESS_AI_CHAT_MODEL", example: "gpt-4o-mini")
/// `SEED_BUSINESS_AI_API_KEY`: the bearer key of both endpoints, if they need one.
let apiKeyVariable = ConfigurationVariable(name: "SEED_BUSINESS_AI_API_KEY", example: "sk-…", mayContainPassword: true)
/// `SEED_BUSINESS_AI_CONFIDENCE`: the similarity below which the documents do not cover a question (0–1).
let confidenceVariable = ConfigurationVariable(name: "SEED_BUSINESS_AI_CONFIDENCE", example: "0.35")

// The business-ai service: its store, the outbox relay, its handlers; Chroma, the embedder (offline
// MiniLM on two bounded pools, or an OpenAI-compatible endpoint), the ingestion worker, Redis for the
// per-visitor limit, and the daily archive of chat logs older than 90 days (decision 0026).
await SeedServiceMain.run(.businessAI) { host in
    var reader = EnvironmentReader(environment: ProcessInfo.processInfo.environment)
    let chromaURL = reader.read(chromaURLVariable, default: "http://127.0.0.1:8000") { $0 }
    let addressKey = reader.read(addressKeyVariable, default: SymmetricKey?.none) { raw throws(RejectedValue) in
        guard let data = Data(base64Encoded: raw), data.count == 32 else { throw RejectedValue(reason: "must be base64 of 32 bytes") }
        return SymmetricKey(data: data)
    }
    let embeddingsURL = reader.read(embeddingsURLVariable, default: String?.none) { $0 }
    let embeddingsModel = reader.read(embeddingsModelVariable, default: "text-embedding-3-small") { $0 }
    let dimensions = reader.read(embeddingsDimensionsVariable, default: 1536) { raw throws(RejectedValue) in try ValueParsers.integer(raw, in: 1...8192) }
    let chatURL = reader.read(chatURLVariable, default: String?.none) { $0 }
    let chatModel = reader.read(chatModelVariable, default: "gpt-4o-mini") { $0 }
    let apiKey = reader.read(apiKeyVariable, default: String?.none) { $0 }
    let confidence = reader.read(confidenceVariable, default: 0.35) { raw throws(RejectedValue) in
        guard let value = Double(raw), (0...1).contains(value) else { throw RejectedValue(reason: "must be a number 0–1") }
        return value
    }
    guard reader.problems.isEmpty else { throw ConfigurationError(executable: "seed-business-ai", problems: reader.problems) }

    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: BusinessAICollections.all)
    let redis = RedisClient(configuration: try RedisConfiguration(url: host.configuration.redisURL.absoluteString), logger: host.logger)
    let chroma = ChromaClient(url: chromaURL)
    let embedder: any TextEmbedder, queryEmbedder: any TextEmbedder
    if let embeddingsURL {
        embedder = OpenAICompatibleEmbedder(
            endpoint: OpenAICompatibleEndpoint(baseURL: embeddingsURL, apiKey: apiKey, model: embeddingsModel, promptPricePer1K: Decimal(string: "0.00002")!),
            dimensions: dimensions)
        queryEmbedder = embedder
    } else {
        // One model in memory, two pools: the ingestion worker's thread never holds up a question.
        let ingestionPool = BlockingWorkPool(threadCount: 1, name: "embed-ingest")
        let questionPool = BlockingWorkPool(threadCount: 1, name: "embed-question")
        let model = try await MiniLMEmbedder.load(pool: ingestionPool)
        embedder = model
        queryEmbedder = MiniLMEmbedder(model: model.model, pool: questionPool, batchSize: 8)
    }
    if addressKey == nil { host.logger.warning("SEED_BUSINESS_AI_ADDRESS_KEY is not set: visitor address hashes change at every start") }
    let knowledge = BusinessKnowledge(
        chroma: chroma, embedder: embedder, queryEmbedder: queryEmbedder,
        chat: chatURL.map { OpenAICompatibleChat(endpoint: OpenAICompatibleEndpoint(
            baseURL: $0, apiKey: apiKey, model: chatModel, promptPricePer1K: Decimal(string: "0.00015")!, completionPricePer1K: Decimal(string: "0.0006")!)) },
        rateLimiter: RedisRateLimiter(client: redis), addressKey: addressKey ?? SymmetricKey(size: .bits256), confidenceThreshold: confidence,
        documentText: { documentId in
            try await bus.request(GetDocumentTextV1(documentId: documentId), envelope: MessageEnvelope(type: GetDocumentTextV1.messageType), timeout: .seconds(30))
        })
    host.addReadinessCheck(name: "chroma") { try await chroma.heartbeat() }
    let service = BusinessAIService(work: work, knowledge: knowledge, logger: host.logger)
    BusinessAIHandlers.register(service, on: bus)
    host.addService(IngestionWorker(service: service, logger: host.logger))
    host.addService(ChatArchiveSweep(service: service, logger: host.logger))
}
