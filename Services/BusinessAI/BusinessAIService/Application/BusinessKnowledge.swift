public import Crypto
import Foundation
public import SeedChroma
public import SeedContracts
public import SeedEmbedding
public import SeedRedis
import Synchronization

/// What business-ai needs beyond its store to learn documents and answer from them: the Chroma
/// server, the embedder, optionally a chat model, the per-visitor rate limit in Redis and the key
/// of the visitors' address hash (decision 0026).
public struct BusinessKnowledge: Sendable {
    public var chroma: ChromaClient
    /// Embeds document chunks (on the ingestion worker).
    public var embedder: any TextEmbedder
    /// Embeds questions: the same model as ``embedder`` (same identifier) on a pool of its own, so that
    /// a large document being ingested never queues a visitor's question behind its chunks.
    public var queryEmbedder: any TextEmbedder
    /// Generates answers from the retrieved chunks when set; extractive answers otherwise.
    public var chat: OpenAICompatibleChat?
    /// The per-visitor hourly limit; nil turns it off (tests of answers only).
    public var rateLimiter: RedisRateLimiter?
    /// The key of the visitor address's HMAC-SHA-256.
    public var addressKey: SymmetricKey
    /// Below this cosine similarity of the best chunk, the documents do not cover the question.
    public var confidenceThreshold: Double
    /// Chunks retrieved per question.
    public var topK: Int
    /// The extracted text of a document (the documents service's `get-document-text` over the bus).
    public var documentText: @Sendable (_ documentId: String) async throws -> DocumentTextV1
    /// Wakes the ingestion worker.
    public let queue = IngestionSignal()
    var chunker = Chunker()

    public init(
        chroma: ChromaClient, embedder: any TextEmbedder, queryEmbedder: (any TextEmbedder)? = nil, chat: OpenAICompatibleChat? = nil, rateLimiter: RedisRateLimiter? = nil,
        addressKey: SymmetricKey, confidenceThreshold: Double = 0.3, topK: Int = 4,
        documentText: @escaping @Sendable (String) async throws -> DocumentTextV1
    ) {
        self.chroma = chroma
        self.embedder = embedder
        self.queryEmbedder = queryEmbedder ?? embedder
        precondition(self.queryEmbedder.identifier == embedder.identifier, "questions and chunks are embedded by the same model")
        self.chat = chat
        self.rateLimiter = rateLimiter
        self.addressKey = addressKey
        self.confidenceThreshold = confidenceThreshold
        self.topK = topK
        self.documentText = documentText
    }

    /// The keyed hash stored instead of a visitor's address: without the key, trying every address
    /// does not find it.
    func addressHash(_ address: String?) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((address ?? "unknown").utf8), using: addressKey)
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}

/// Wakes the ingestion worker when a job is queued (a missed signal costs at most the worker's poll).
public final class IngestionSignal: Sendable {
    private let state = Mutex<(pending: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    public init() {}

    /// Wakes the worker (or makes its next wait return at once).
    public func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns after the next ``signal()`` (at once when one came since the last wait), or when the
    /// waiting task is cancelled: the worker's poll and its graceful shutdown cancel the wait.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // The check for cancellation and the storing of the waiter happen under one lock, so a
                // cancellation either finds the waiter stored or is seen here.
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    if Task.isCancelled { return true }
                    state.waiter?.resume()
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
