import COpenBLAS
import Foundation
import SeedWorkPool

/// all-MiniLM-L6-v2 loaded from its files: the tokenizer (`tokenizer.json`) and the 6-layer BERT
/// encoder (`model.safetensors`), about 90 MB of float32 weights held in memory.
///
/// Immutable once loaded, so one model serves several ``MiniLMEmbedder``s (for example one on the
/// ingestion pool and one on the chat pool) without a second copy of the weights.
public final class MiniLMModel: Sendable {
    /// The name business-ai records with the collections this model fills.
    public static let identifier = "all-MiniLM-L6-v2"
    /// The environment variable naming the folder that holds `model.safetensors` and `tokenizer.json`
    /// (`scripts/lib/embedding-model.sh` installs them and sets it).
    public static let directoryVariable = "SEED_EMBEDDING_MODEL_DIR"
    /// The most tokens of a text that count, `[CLS]` and `[SEP]` included, as sentence-transformers'
    /// `max_seq_length` for this model; the rest of a longer text is ignored.
    public static let maxSequenceLength = 256

    /// The tokenizer read from `tokenizer.json`.
    public let tokenizer: WordPieceTokenizer
    let encoder: BertEncoder

    /// The length of every vector (384).
    public var dimensions: Int { encoder.configuration.hiddenSize }

    /// Reads `model.safetensors` and `tokenizer.json` from `directory`. Takes about a second and
    /// reads 90 MB: do it once, at start-up, off the cooperative pool (``load(from:pool:)``).
    /// Sets OpenBLAS to one thread per call for the whole process (see decision 0027).
    /// - Throws: ``EmbeddingModelError`` naming the file that is missing or malformed.
    public init(directory: URL) throws {
        // One OpenBLAS thread per call: parallelism comes from the BlockingWorkPool running batches,
        // which bounds the CPU embedding takes; OpenBLAS's own threads would run beside that bound
        // (and spin while waiting). Process-wide, and idempotent (decision 0027).
        openblas_set_num_threads(1)
        tokenizer = try WordPieceTokenizer(contentsOf: directory.appendingPathComponent("tokenizer.json"))
        encoder = try BertEncoder(tensors: SafeTensors(contentsOf: directory.appendingPathComponent("model.safetensors")))
        guard encoder.vocabularySize == tokenizer.vocabularySize else {
            throw EmbeddingModelError.malformedWeights(
                "\(encoder.vocabularySize) word embeddings for a vocabulary of \(tokenizer.vocabularySize)")
        }
    }

    /// Loads the model on `pool`, so that reading and converting the weights blocks none of the
    /// caller's threads.
    public static func load(from directory: URL, pool: BlockingWorkPool) async throws -> MiniLMModel {
        try await pool.run { try MiniLMModel(directory: directory) }
    }

    /// The folder named by `SEED_EMBEDDING_MODEL_DIR` (``directoryVariable``) in `environment`.
    /// - Throws: ``EmbeddingModelError/notConfigured(_:)`` when it is unset or empty.
    public static func directory(from environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        guard let path = environment[directoryVariable], !path.isEmpty else {
            throw EmbeddingModelError.notConfigured(
                "\(directoryVariable) is unset; scripts/lib/embedding-model.sh (seed_install_embedding_model) installs the model and sets it")
        }
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// The token ids the model sees for `text`: `[CLS]`, at most 254 ids of the text, `[SEP]`.
    public func tokenIDs(_ text: String) -> [Int] {
        tokenizer.encode(text, maxLength: Self.maxSequenceLength)
    }

    /// The unit-length embeddings of `texts`, computed on the calling thread as one padded batch.
    /// CPU-heavy (milliseconds per short text): call it from a ``BlockingWorkPool``, never from an
    /// async context directly; ``MiniLMEmbedder`` does that for you.
    public func embedBlocking(_ texts: [String]) -> [[Float]] {
        encoder.encode(texts.map(tokenIDs))
    }
}

/// The default text embedder of business-ai: all-MiniLM-L6-v2 computed in-process over OpenBLAS,
/// giving the same 384-number unit vectors as sentence-transformers (cosine ≥ 0.999, see
/// `Tests/SeedEmbeddingTests`), with no network and no Python at run time.
///
/// ``embed(_:)`` orders the texts by length, cuts them into batches of at most ``batchSize`` (each
/// padded to its longest text, the padding masked out) and runs each batch as one job on ``pool``:
/// the work never blocks a cooperative or bus thread, and at most `pool.threadCount` batches compute
/// at once, so a pool bounds how much CPU embedding takes (decision 0027). A call keeps at most one
/// batch per pool thread queued, so calls sharing a pool take turns batch by batch. The vectors come back in
/// the order of the texts. Texts longer than 256 tokens are cut, as the reference does.
public struct MiniLMEmbedder: TextEmbedder {
    /// The loaded model, shareable between embedders.
    public let model: MiniLMModel
    /// The threads the batches run on.
    public let pool: BlockingWorkPool
    /// The most texts encoded together in one job (sentence-transformers' default, 32).
    public let batchSize: Int

    /// `all-MiniLM-L6-v2`.
    public var identifier: String { MiniLMModel.identifier }
    /// 384.
    public var dimensions: Int { model.dimensions }

    /// An embedder running `model` on `pool`.
    public init(model: MiniLMModel, pool: BlockingWorkPool, batchSize: Int = 32) {
        precondition(batchSize > 0, "a batch holds at least one text")
        self.model = model
        self.pool = pool
        self.batchSize = batchSize
    }

    /// Loads the model from `directory` (by default the one `SEED_EMBEDDING_MODEL_DIR` names) on
    /// `pool` and returns an embedder that runs on that pool.
    /// - Throws: ``EmbeddingModelError`` when the folder is not configured or a file is missing or malformed.
    public static func load(from directory: URL? = nil, pool: BlockingWorkPool) async throws -> MiniLMEmbedder {
        let folder = try directory ?? MiniLMModel.directory()
        return MiniLMEmbedder(model: try await MiniLMModel.load(from: folder, pool: pool), pool: pool)
    }

    /// One unit vector of 384 numbers per text, in the order given. An empty text gets the vector of
    /// `[CLS] [SEP]`, as in the reference. Cancelling the calling task stops before the next batch.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        // Longest first, like sentence-transformers, so that each batch pads little.
        let order = texts.indices.sorted { texts[$0].unicodeScalars.count > texts[$1].unicodeScalars.count }
        let batches = stride(from: 0, to: order.count, by: batchSize).map { Array(order[$0..<min($0 + batchSize, order.count)]) }
        let model = self.model, pool = self.pool
        return try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            var next = 0
            func submitNext() throws {
                try Task.checkCancellation()
                let number = next, batchTexts = batches[next].map { texts[$0] }
                next += 1
                group.addTask { (number, await pool.run { model.embedBlocking(batchTexts) }) }
            }
            // At most one batch per pool thread in flight: another caller's texts (a chat question
            // behind a long document) wait for at most that many batches, not for the whole document.
            while next < min(batches.count, pool.threadCount) { try submitNext() }
            var vectors = [[Float]](repeating: [], count: texts.count)
            for try await (number, batchVectors) in group {
                for (index, vector) in zip(batches[number], batchVectors) { vectors[index] = vector }
                if next < batches.count { try submitNext() }
            }
            return vectors
        }
    }
}
