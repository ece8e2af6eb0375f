import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A FAKE OpenAI-compatible chat endpoint for tests, on loopback: `POST /v1/chat/completions`
/// answers "FAKE MODEL ANSWER (n turns): <last user turn>" and records the requests it got. It is not
/// a model and never leaves the machine.
final class FakeOpenAIChatServer: Sendable {
    let requests = Mutex<[String]>([])
    private let port = Mutex<Int?>(nil)
    private let task = Mutex<Task<Void, any Error>?>(nil)

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port.withLock { $0 } ?? 0)/v1")! }

    func start() async throws {
        let router = Router()
        router.post("v1/chat/completions") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let text = String(buffer: body)
            self.requests.withLock { $0.append(text) }
            struct Turn: Codable { var role: String; var content: String }
            struct Payload: Codable { var messages: [Turn] }
            let payload = try JSONDecoder().decode(Payload.self, from: Data(text.utf8))
            let last = payload.messages.last?.content ?? ""
            let answer = ["choices": [["message": ["role": "assistant", "content": "FAKE MODEL ANSWER (\(payload.messages.count) turns): \(last)"]]]]
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
