import Crypto
import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A FAKE OpenAI-compatible endpoint for tests, on loopback; not a model, and it never leaves the
/// machine.
///
/// - `POST /v1/embeddings` answers deterministic "bag of words" vectors: each lower-cased word
///   of more than three letters (a few question words and a trailing `s` dropped) adds ±1 at two positions chosen by its SHA-256, then the vector is
///   normalised. Texts that share words are close; a text is always embedded the same way.
///   `usage.prompt_tokens` counts words.
/// - `POST /v1/chat/completions` answers "FAKE GENERATED ANSWER: <the first excerpt of the system
///   turn>" and records every request, so a test can read the prompt the service sent.
/// - `failEmbeddings` makes `/v1/embeddings` answer 500 (a broken endpoint).
final class FakeOpenAICompatibleServer: Sendable {
    let dimensions: Int
    let embeddingRequests = Mutex<Int>(0)
    let chatRequests = Mutex<[String]>([])
    let failEmbeddings = Mutex<Bool>(false)
    private let port = Mutex<Int?>(nil)
    private let task = Mutex<Task<Void, any Error>?>(nil)

    init(dimensions: Int = 256) { self.dimensions = dimensions }

    /// The server's base URL (without `/v1`).
    var baseURL: String { "http://127.0.0.1:\(port.withLock { $0 } ?? 0)" }

    static let ignored: Set<String> = ["does", "much", "what", "when", "where", "which", "your", "have", "with", "that", "this", "there", "about", "from", "happen", "happens"]

    static func vector(_ text: String, dimensions: Int) -> [Float] {
        var vector = [Float](repeating: 0, count: dimensions)
        for raw in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            var word = String(raw)
            // Short words and a few question words weigh nothing (a crude stand-in for meaning).
            guard word.count > 3, !Self.ignored.contains(word) else { continue }
            if word.hasSuffix("s") { word.removeLast() }
            let digest = Array(SHA256.hash(data: Data(word.utf8)))
            for pair in 0..<2 {
                let index = (Int(digest[pair * 3]) << 8 | Int(digest[pair * 3 + 1])) % dimensions
                vector[index] += digest[pair * 3 + 2] & 1 == 0 ? 1 : -1
            }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm == 0 ? vector : vector.map { $0 / norm }
    }

    func start() async throws {
        let router = Router()
        let dimensions = dimensions
        router.post("v1/embeddings") { [self] request, _ -> Response in
            self.embeddingRequests.withLock { $0 += 1 }
            if self.failEmbeddings.withLock({ $0 }) {
                return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "{\"error\":\"fake failure\"}")))
            }
            struct Payload: Codable { var input: [String] }
            let payload = try JSONDecoder().decode(Payload.self, from: Data(String(buffer: try await request.body.collect(upTo: 16 << 20)).utf8))
            let data = payload.input.enumerated().map { ["index": $0.offset, "embedding": Self.vector($0.element, dimensions: dimensions).map { Double($0) }] as [String: Any] }
            let words = payload.input.reduce(0) { $0 + $1.split(separator: " ").count }
            let json = try JSONSerialization.data(withJSONObject: ["data": data, "usage": ["prompt_tokens": words]])
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
        }
        router.post("v1/chat/completions") { [self] request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
            self.chatRequests.withLock { $0.append(text) }
            struct Turn: Codable { var role: String; var content: String }
            struct Payload: Codable { var messages: [Turn] }
            let payload = try JSONDecoder().decode(Payload.self, from: Data(text.utf8))
            let system = payload.messages.first { $0.role == "system" }?.content ?? ""
            let excerpt = system.components(separatedBy: "[1] ").dropFirst().first?.components(separatedBy: "\n").first ?? "nothing"
            let answer: [String: Any] = [
                "choices": [["message": ["role": "assistant", "content": "FAKE GENERATED ANSWER: \(excerpt)"]]],
                "usage": ["prompt_tokens": 1000, "completion_tokens": 100],
            ]
            let json = try JSONSerialization.data(withJSONObject: answer)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
        }
        let ready = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ready.continuation.yield(channel.localAddress?.port ?? 0); ready.continuation.finish() })
        task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        for await bound in ready.stream { port.withLock { $0 = bound } }
    }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        _ = await running?.result
    }
}
