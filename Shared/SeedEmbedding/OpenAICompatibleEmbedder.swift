public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Where an OpenAI-compatible API is and how to call it (`/v1/embeddings`, `/v1/chat/completions`).
public struct OpenAICompatibleEndpoint: Sendable, Equatable {
    /// The server without the `/v1` path, such as `https://api.openai.com`.
    public var baseURL: String
    /// Sent as `Authorization: Bearer …` when present; never logged.
    public var apiKey: String?
    /// The model name, such as `text-embedding-3-small` or `gpt-4o-mini`.
    public var model: String
    /// Dollars per 1,000 prompt tokens (for the cost fields of seed 002).
    public var promptPricePer1K: Decimal
    /// Dollars per 1,000 completion tokens.
    public var completionPricePer1K: Decimal
    public var timeout: TimeAmount

    public init(
        baseURL: String, apiKey: String? = nil, model: String, promptPricePer1K: Decimal = 0, completionPricePer1K: Decimal = 0,
        timeout: TimeAmount = .seconds(30)
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.model = model
        self.promptPricePer1K = promptPricePer1K
        self.completionPricePer1K = completionPricePer1K
        self.timeout = timeout
    }

    /// POSTs `body` as JSON to `path` and decodes the answer; a non-2xx answer is an
    /// ``OpenAICompatibleError`` carrying the server's message (never the key).
    func post<Body: Encodable, Reply: Decodable>(_ path: String, _ body: Body, client: HTTPClient) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        if let apiKey, !apiKey.isEmpty { request.headers.add(name: "authorization", value: "Bearer \(apiKey)") }
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: 256 << 20)
        } catch {
            throw OpenAICompatibleError(status: 0, message: "\(path): \(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            throw OpenAICompatibleError(status: Int(response.status.code), message: String(buffer: bytes).prefix(500).description)
        }
        do {
            return try JSONDecoder().decode(Reply.self, from: Data(bytes.readableBytesView))
        } catch {
            throw OpenAICompatibleError(status: Int(response.status.code), message: "unexpected reply: \(error)")
        }
    }
}

/// An OpenAI-compatible endpoint refused or could not be reached.
public struct OpenAICompatibleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status, 0 when there was no answer.
    public var status: Int
    public var message: String
    public var description: String { "OpenAI-compatible endpoint \(status): \(message)" }
}

/// Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint (1,536 dimensions by default, as
/// seed 002's `text-embedding-3-small`). Texts go in batches of ``batchSize``.
public struct OpenAICompatibleEmbedder: TextEmbedder {
    public let endpoint: OpenAICompatibleEndpoint
    public let dimensions: Int
    public let batchSize: Int
    let client: HTTPClient

    public var identifier: String { "openai:\(endpoint.model):\(dimensions)" }

    public init(endpoint: OpenAICompatibleEndpoint, dimensions: Int = 1536, batchSize: Int = 64, client: HTTPClient = .shared) {
        self.endpoint = endpoint
        self.dimensions = dimensions
        self.batchSize = max(1, batchSize)
        self.client = client
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        try await embedCounting(texts).vectors
    }

    /// The vectors with the prompt tokens the endpoint counted (for the cost of a question).
    public func embedCounting(_ texts: [String]) async throws -> (vectors: [[Float]], promptTokens: Int) {
        var vectors: [[Float]] = []
        var tokens = 0
        vectors.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let batch = Array(texts[start..<min(texts.count, start + batchSize)])
            let reply: EmbeddingsReply = try await endpoint.post(
                "/v1/embeddings", EmbeddingsRequest(model: endpoint.model, input: batch, dimensions: dimensions), client: client)
            let ordered = reply.data.sorted { $0.index < $1.index }
            guard ordered.count == batch.count, ordered.allSatisfy({ $0.embedding.count == dimensions }) else {
                throw OpenAICompatibleError(status: 200, message: "expected \(batch.count) vectors of \(dimensions) numbers")
            }
            vectors += ordered.map(\.embedding)
            tokens += reply.usage?.prompt_tokens ?? 0
            start += batchSize
        }
        return (vectors, tokens)
    }

    /// The dollars `promptTokens` cost at the endpoint's price.
    public func cost(promptTokens: Int) -> Decimal { endpoint.promptPricePer1K * Decimal(promptTokens) / 1000 }

    struct EmbeddingsRequest: Encodable {
        var model: String
        var input: [String]
        var dimensions: Int
    }

    struct EmbeddingsReply: Decodable {
        struct Item: Decodable {
            var index: Int
            var embedding: [Float]
        }
        struct Usage: Decodable {
            var prompt_tokens: Int?
        }
        var data: [Item]
        var usage: Usage?
    }
}

/// One message of a chat completion.
public struct ChatMessage: Sendable, Equatable, Codable {
    /// `system`, `user` or `assistant`.
    public var role: String
    public var content: String
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// A chat completion's text and what it cost.
public struct ChatCompletion: Sendable, Equatable {
    public var text: String
    public var promptTokens: Int
    public var completionTokens: Int
    /// Dollars, at the endpoint's prices.
    public var cost: Decimal
}

/// Answers from an OpenAI-compatible `/v1/chat/completions` endpoint.
public struct OpenAICompatibleChat: Sendable {
    public let endpoint: OpenAICompatibleEndpoint
    public let maxTokens: Int
    let client: HTTPClient

    public init(endpoint: OpenAICompatibleEndpoint, maxTokens: Int = 400, client: HTTPClient = .shared) {
        self.endpoint = endpoint
        self.maxTokens = maxTokens
        self.client = client
    }

    /// The completion of `messages` (temperature 0: answers stay close to the given context).
    public func complete(_ messages: [ChatMessage]) async throws -> ChatCompletion {
        let reply: CompletionReply = try await endpoint.post(
            "/v1/chat/completions", CompletionRequest(model: endpoint.model, messages: messages, temperature: 0, max_tokens: maxTokens), client: client)
        guard let text = reply.choices.first?.message.content else {
            throw OpenAICompatibleError(status: 200, message: "a completion without choices")
        }
        let prompt = reply.usage?.prompt_tokens ?? 0
        let completion = reply.usage?.completion_tokens ?? 0
        let cost = endpoint.promptPricePer1K * Decimal(prompt) / 1000 + endpoint.completionPricePer1K * Decimal(completion) / 1000
        return ChatCompletion(text: text, promptTokens: prompt, completionTokens: completion, cost: cost)
    }

    struct CompletionRequest: Encodable {
        var model: String
        var messages: [ChatMessage]
        var temperature: Int
        var max_tokens: Int
    }

    struct CompletionReply: Decodable {
        struct Choice: Decodable {
            var message: ChatMessage
        }
        struct Usage: Decodable {
            var prompt_tokens: Int?
            var completion_tokens: Int?
        }
        var choices: [Choice]
        var usage: Usage?
    }
}
