import Foundation
public import SeedContracts
import SeedChroma
import SeedEmbedding
import SeedServiceKit
import SeedStore

extension BusinessAIService {
    /// A public, active business by slug, or `not_found` naming `businessSlug`, the same for a slug that
    /// does not exist, a business that is not public and one deactivated (nothing tells them apart).
    func publicBusiness(_ slug: String) async throws -> Business {
        let business = try await work.mapStoreErrors {
            try await DocumentCollection(Business.self, in: store).first(.equal("businessSlug", .string(slug.lowercased())))
        }
        guard let business, business.isActive, business.chatSettings.isPublic else {
            throw ContractError(.notFound, "no public assistant at \(slug.prefix(80))", details: ["field": "businessSlug"])
        }
        return business
    }

    /// `business-ai.get-public-assistant.v1` (no account).
    public func getPublicAssistant(_ command: GetPublicAssistantV1, envelope: MessageEnvelope) async throws -> PublicAssistantV1 {
        let business = try await publicBusiness(command.businessSlug)
        return PublicAssistantV1(
            businessName: business.businessName, businessSlug: business.businessSlug, logo: business.logo, primaryColor: business.primaryColor,
            secondaryColor: business.secondaryColor, welcomeMessage: business.chatSettings.welcomeMessage, requireEmail: business.chatSettings.requireEmail,
            showSources: business.chatSettings.showSources, rateLimitPerIP: business.chatSettings.rateLimitPerIP)
    }

    /// `business-ai.ask-public-assistant.v1` (no account): checks the question, the business, the
    /// visitor's hourly budget (Redis, keyed by the address's keyed hash); refuses questions after
    /// instructions or other businesses; retrieves from this business's collection only; answers
    /// extractively, or by the chat model when one is configured; below the confidence threshold says
    /// the documents do not cover it. Every answer is logged with its timings, confidence and costs.
    public func askPublicAssistant(_ command: AskPublicAssistantV1, envelope: MessageEnvelope) async throws -> PublicAnswerV1 {
        let started = ContinuousClock.now
        let knowledge = try knowledgeParts()
        let question = try BusinessRules.question(command.question)
        let session = try command.sessionId.map { raw throws(ContractError) in try BusinessRules.sessionId(raw) } ?? "sess_\(ObjectId().description)"
        let business = try await publicBusiness(command.businessSlug)
        var email: String?
        if business.chatSettings.requireEmail {
            guard let raw = command.visitorEmail, !raw.isEmpty else {
                throw ContractError.validation("this business asks for your email before questions", field: "visitorEmail")
            }
            email = try BusinessRules.email(raw, field: "visitorEmail")
        } else if let raw = command.visitorEmail {
            email = try BusinessRules.email(raw, field: "visitorEmail")
        }
        let visitor = knowledge.addressHash(command.client.ipAddress)
        if let limiter = knowledge.rateLimiter {
            let decision: RateLimitDecisionView
            do {
                let made = try await limiter.acquire(
                    key: "business-ai:\(business.id):\(visitor)", limit: business.chatSettings.rateLimitPerIP, window: .seconds(3600))
                decision = RateLimitDecisionView(allowed: made.allowed, retryAfter: made.retryAfter)
            } catch {
                throw ContractError(.unavailable, "the rate limit store did not answer; try again")
            }
            guard decision.allowed else {
                let seconds = max(1, Int(decision.retryAfter.components.seconds) + (decision.retryAfter.components.attoseconds > 0 ? 1 : 0))
                throw ContractError(
                    .rateLimited, "this business answers \(business.chatSettings.rateLimitPerIP) questions per hour per visitor; retry in \(seconds) s",
                    details: ["retryAfterSeconds": String(seconds), "scope": "business-ai.public-chat"])
            }
        }

        var answer = Answering.notCovered
        var outcome = AnswerOutcome.notCovered
        var sources: [String] = []
        var confidence = 0.0
        var relevance = 0.0
        var embeddingTime = 0, searchTime = 0, generationTime = 0
        var embeddingCost: Decimal = 0, completionCost: Decimal = 0
        if Answering.isInjection(question) {
            answer = Answering.refused
            outcome = .refused
        } else {
            let embedStart = ContinuousClock.now
            let vector: [Float]
            if let remote = knowledge.queryEmbedder as? OpenAICompatibleEmbedder {
                let made = try await remote.embedCounting([question])
                vector = made.vectors[0]
                embeddingCost = remote.cost(promptTokens: made.promptTokens)
            } else {
                vector = try await knowledge.queryEmbedder.embed([question])[0]
            }
            embeddingTime = Self.milliseconds(since: embedStart)
            let searchStart = ContinuousClock.now
            let chunks = try await retrieve(vector, business: business, knowledge: knowledge)
            searchTime = Self.milliseconds(since: searchStart)
            confidence = max(0, min(1, chunks.first?.similarity ?? 0))
            relevance = chunks.isEmpty ? 0 : max(0, chunks.map(\.similarity).reduce(0, +) / Double(chunks.count))
            let usable = chunks.filter { $0.similarity >= knowledge.confidenceThreshold }
            if !usable.isEmpty {
                let generationStart = ContinuousClock.now
                if let chat = knowledge.chat {
                    let messages = Answering.prompt(
                        businessName: business.businessName, welcomeMessage: business.chatSettings.welcomeMessage, question: question, chunks: usable)
                    do {
                        let completion = try await chat.complete(messages.map { ChatMessage(role: $0.role, content: $0.content) })
                        answer = completion.text
                        completionCost = completion.cost
                    } catch {
                        logger.warning("the chat model failed; answering extractively", metadata: ["error": "\(error)"])
                        answer = Answering.extractive(question: question, chunks: usable).answer
                    }
                    var seen = Set<String>()
                    sources = usable.map(\.filename).filter { seen.insert($0).inserted }
                } else {
                    (answer, sources) = Answering.extractive(question: question, chunks: usable)
                }
                generationTime = Self.milliseconds(since: generationStart)
                outcome = .answered
            }
        }
        let final = (answer, outcome, sources, confidence, relevance)
        let costs = (embeddingCost, completionCost)
        let timings = (embeddingTime, searchTime, generationTime)
        let visitorEmail = email
        let userAgent = command.client.userAgent.map { String($0.prefix(300)) }
        let chat = try await work.once(envelope) { tx -> PublicAnswerV1 in
            let chat = PublicChat(
                id: ObjectId().description, businessId: business.id, businessName: business.businessName, sessionId: session, ipAddress: visitor,
                userAgent: userAgent, visitorEmail: visitorEmail, question: question, answer: final.0, covered: final.1 == .answered, sources: final.2,
                confidence: final.3, relevanceScore: final.4, responseTime: Self.milliseconds(since: started), embeddingTime: timings.0,
                searchTime: timings.1, generationTime: timings.2, embeddingCost: NSDecimalNumber(decimal: costs.0).doubleValue,
                completionCost: NSDecimalNumber(decimal: costs.1).doubleValue,
                totalCost: NSDecimalNumber(decimal: costs.0 + costs.1).doubleValue, wasHelpful: nil, feedbackText: nil, createdAt: tx.now)
            try await tx.chats.insert(chat)
            _ = try await tx.businesses.update(.equal("_id", .string(business.id)), Update([.increment("stats.totalChats", .int64(1))]))
            return PublicAnswerV1(
                chatId: chat.id, sessionId: session, outcome: final.1, answer: final.0,
                sources: business.chatSettings.showSources ? final.2 : nil, confidence: Self.decimal(final.3))
        }
        return chat
    }

    /// The chunks the public assistant of `businessSlug` retrieves for `question`, best first and before
    /// the confidence threshold, through the same embedder, collection and filter as
    /// ``askPublicAssistant(_:envelope:)``, but without limit, log or refusal. For the retrieval-quality
    /// benchmark (`seed-bench-business-ai quality`) and diagnostics; no command reaches it.
    public func retrievedChunks(businessSlug: String, question: String) async throws -> [RetrievedChunk] {
        let knowledge = try knowledgeParts()
        let question = try BusinessRules.question(question)
        let business = try await publicBusiness(businessSlug)
        let vector = try await knowledge.queryEmbedder.embed([question])[0]
        return try await retrieve(vector, business: business, knowledge: knowledge)
    }

    /// The best chunks of `business`'s collection for a question's vector, best first; the filter on
    /// `businessId` repeats the collection's isolation in every query.
    func retrieve(_ vector: [Float], business: Business, knowledge: BusinessKnowledge) async throws -> [RetrievedChunk] {
        let matches: [ChromaMatch]
        switch await Self.search(vector, business: business, knowledge: knowledge) {
        case .success(let found): matches = found
        case .failure(let error):
            logger.warning("vector search failed", metadata: ["error": "\(error)"])
            throw ContractError(.unavailable, "the assistant cannot search its documents right now; try again")
        }
        return matches.compactMap { match in
            guard match.record.metadata["businessId"]?.string == business.id else { return nil }
            return RetrievedChunk(
                text: match.record.document ?? "", documentId: match.record.metadata["documentId"]?.string ?? "",
                filename: match.record.metadata["filename"]?.string ?? "document", similarity: match.similarity)
        }
    }

    /// The nearest records of the business's collection; none when it has no collection yet or one
    /// made by another embedder.
    static func search(_ vector: [Float], business: Business, knowledge: BusinessKnowledge) async -> Result<[ChromaMatch], ChromaError> {
        do {
            guard let collection = try await knowledge.chroma.collection(named: business.chromaCollectionId) else { return .success([]) }
            if let made = collection.metadata["embedder"]?.string, made != knowledge.embedder.identifier { return .success([]) }
            return .success(try await knowledge.chroma.query(
                collection.id, embedding: vector, limit: knowledge.topK, where: .equal("businessId", .string(business.id))))
        } catch {
            return .failure(error)
        }
    }

    /// `business-ai.rate-public-answer.v1` (no account): only the session that asked rates an answer.
    public func ratePublicAnswer(_ command: RatePublicAnswerV1, envelope: MessageEnvelope) async throws -> Accepted {
        let text = try BusinessRules.text(command.feedbackText, field: "feedbackText", limit: 1000)
        let business = try await publicBusiness(command.businessSlug)
        return try await work.once(envelope) { tx in
            guard var chat = try await tx.chats.first(.and([
                .equal("_id", .string(command.chatId)), .equal("businessId", .string(business.id)), .equal("sessionId", .string(command.sessionId)),
            ])) else {
                throw ContractError(.notFound, "no answer \(command.chatId) in this session", details: ["field": "chatId"])
            }
            chat.wasHelpful = command.wasHelpful
            chat.feedbackText = text
            try await tx.chats.replace(chat)
            return Accepted()
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = start.duration(to: .now)
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    /// A 0–1 score with three decimals (the wire carries decimals, never doubles).
    static func decimal(_ value: Double) -> Decimal {
        Decimal(Int((value * 1000).rounded())) / 1000
    }
}

/// What the rate limiter decided, without SeedRedis's type in this file's signatures.
private struct RateLimitDecisionView {
    var allowed: Bool
    var retryAfter: Duration
}
