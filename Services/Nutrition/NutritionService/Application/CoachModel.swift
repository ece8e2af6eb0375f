public import Foundation
#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif
public import SeedContracts

/// One turn of a chat with a model.
public struct ChatTurn: Sendable, Codable, Equatable {
    /// `system`, `user` or `assistant`.
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// A chat model the coach can ask instead of answering from its rules alone.
public protocol CoachModel: Sendable {
    /// The model's answer to the last turn of `turns`.
    func complete(_ turns: [ChatTurn]) async throws -> String
}

/// An OpenAI-compatible chat endpoint (`POST <baseURL>/chat/completions`), configured with
/// `SEED_NUTRITION_COACH_URL`, `SEED_NUTRITION_COACH_MODEL` and `SEED_NUTRITION_COACH_API_KEY`.
/// Tests run it against a local fake (`FakeOpenAIChatServer`).
public struct OpenAIChatCoach: CoachModel {
    public let baseURL: URL
    public let model: String
    let apiKey: String?
    let timeout: TimeInterval

    public init(baseURL: URL, model: String, apiKey: String? = nil, timeout: TimeInterval = 30) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
    }

    struct Request: Encodable {
        var model: String
        var messages: [ChatTurn]
    }

    struct Response: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message
        }
        var choices: [Choice]
    }

    public func complete(_ turns: [ChatTurn]) async throws -> String {
        var request = URLRequest(url: baseURL.appendingPathComponent("chat/completions"), timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try JSONEncoder().encode(Request(model: model, messages: turns))
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status) else {
            throw ContractError(.unavailable, "the coach model answered HTTP \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        guard let content = try JSONDecoder().decode(Response.self, from: data).choices.first?.message.content, !content.isEmpty else {
            throw ContractError(.unavailable, "the coach model answered without content")
        }
        return content
    }
}
