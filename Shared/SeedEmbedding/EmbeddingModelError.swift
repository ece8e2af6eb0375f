/// Why a local embedding model could not be loaded.
///
/// Loading happens once, when a service starts; each case names the file and what is wrong with it,
/// so that a broken or missing model install is found from the log line alone.
public enum EmbeddingModelError: Error, Equatable, CustomStringConvertible {
    /// The model's folder is not configured (for example `SEED_EMBEDDING_MODEL_DIR` is unset).
    case notConfigured(String)
    /// A file of the model could not be read.
    case unreadableFile(String, reason: String)
    /// `model.safetensors` is not a valid safetensors file, or lacks a tensor of the expected shape.
    case malformedWeights(String)
    /// `tokenizer.json` is not a BERT WordPiece tokenizer this implementation reproduces.
    case unsupportedTokenizer(String)

    public var description: String {
        switch self {
        case .notConfigured(let what): "embedding model not configured: \(what)"
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .malformedWeights(let what): "malformed model weights: \(what)"
        case .unsupportedTokenizer(let what): "unsupported tokenizer: \(what)"
        }
    }
}
