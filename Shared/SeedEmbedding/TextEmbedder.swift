/// Turns texts into vectors whose cosine similarity reflects how close their meanings are.
///
/// Business-AI embeds document chunks and questions with one embedder per business collection; the
/// collection records ``identifier`` so that a change of embedder is noticed and re-indexes.
public protocol TextEmbedder: Sendable {
    /// A stable name of the model and its settings, recorded with every collection it fills
    /// (for example `all-MiniLM-L6-v2` or `openai:text-embedding-3-small`).
    var identifier: String { get }
    /// The length of every vector ``embed(_:)`` returns.
    var dimensions: Int { get }
    /// One vector of ``dimensions`` numbers per text, in the order given.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
