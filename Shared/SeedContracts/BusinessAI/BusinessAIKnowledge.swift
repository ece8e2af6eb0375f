import Foundation

// Business-ai's knowledge (ingested documents, vectors in the business's Chroma collection), its public
// assistant and its analytics (issue #21, decision 0026).

private let exampleBusiness = BusinessV1.example.id

/// A document in a business's knowledge: its ingestion record (seed 002 `documents`).
public struct BusinessDocumentV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.business-document", version: 1)
    public static let summary = "A document in a business's knowledge: names, size, chunks in the business's Chroma collection, ingestion status and time."
    public static let example = BusinessDocumentV1(
        id: "665f30009b1d4a0012ab0001", businessId: exampleBusiness, versionId: "665f30009b1d4a0012ab0002", filename: "business_hours.pdf",
        originalName: "Business Hours & Schedule.pdf", fileType: "pdf", fileSize: 245_678, textLength: 1250,
        chromaCollectionId: "business_\(exampleBusiness)", chromaIds: ["665f30009b1d4a0012ab0001_chunk_3fa9c2d1e0b4a7f6"], chunkCount: 1,
        embeddedChunks: 1, category: "Operations", tags: ["hours"], description: nil, status: "completed", processingError: nil,
        processingTime: 4532, embedder: "all-MiniLM-L6-v2", uploadedBy: "665f1a0b9b1d4a0012ab1234",
        uploadedAt: Date(timeIntervalSince1970: 1_767_225_600), updatedAt: Date(timeIntervalSince1970: 1_767_225_600))

    /// The documents service's document id.
    public var id: String
    public var businessId: String
    /// The version whose text was ingested (or is being).
    public var versionId: String?
    public var filename: String
    public var originalName: String
    public var fileType: String
    public var fileSize: Int
    /// Characters of extracted text.
    public var textLength: Int
    public var chromaCollectionId: String
    public var chromaIds: [String]
    public var chunkCount: Int
    /// Chunks the last ingestion embedded (the others kept their vectors: their text had not changed).
    public var embeddedChunks: Int
    public var category: String?
    public var tags: [String]
    public var description: String?
    /// `processing`, `completed` or `failed`.
    public var status: String
    /// Why ingestion failed.
    public var processingError: String?
    /// Milliseconds the last ingestion took.
    public var processingTime: Int?
    /// The embedder that made its vectors.
    public var embedder: String?
    public var uploadedBy: String
    public var uploadedAt: Date
    public var updatedAt: Date

    public init(
        id: String, businessId: String, versionId: String?, filename: String, originalName: String, fileType: String, fileSize: Int, textLength: Int,
        chromaCollectionId: String, chromaIds: [String], chunkCount: Int, embeddedChunks: Int, category: String?, tags: [String], description: String?,
        status: String, processingError: String?, processingTime: Int?, embedder: String?, uploadedBy: String, uploadedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.businessId = businessId
        self.versionId = versionId
        self.filename = filename
        self.originalName = originalName
        self.fileType = fileType
        self.fileSize = fileSize
        self.textLength = textLength
        self.chromaCollectionId = chromaCollectionId
        self.chromaIds = chromaIds
        self.chunkCount = chunkCount
        self.embeddedChunks = embeddedChunks
        self.category = category
        self.tags = tags
        self.description = description
        self.status = status
        self.processingError = processingError
        self.processingTime = processingTime
        self.embedder = embedder
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
        self.updatedAt = updatedAt
    }
}

/// A business's documents, newest first.
public struct BusinessDocumentsV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.business-documents", version: 1)
    public static let summary = "A business's documents with their ingestion state, newest first."
    public static let example = BusinessDocumentsV1(documents: [.example])
    public var documents: [BusinessDocumentV1]
    public init(documents: [BusinessDocumentV1]) { self.documents = documents }
}

/// Adds a business document to the business's knowledge (again): its text is fetched from documents,
/// chunked, embedded and stored; unchanged chunks keep their vectors.
public struct IngestBusinessDocumentV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessDocumentV1
    public static let messageType = MessageType("business-ai.ingest-document", version: 1)
    public static let summary = "Queues a processed business document for ingestion (canUploadDocuments); answers with its record in status processing."
    public static let example = IngestBusinessDocumentV1(businessId: exampleBusiness, documentId: BusinessDocumentV1.example.id)
    public var businessId: String
    public var documentId: String
    public init(businessId: String, documentId: String) {
        self.businessId = businessId
        self.documentId = documentId
    }
}

/// A business's documents.
public struct ListBusinessDocumentsV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessDocumentsV1
    public static let messageType = MessageType("business-ai.list-documents", version: 1)
    public static let summary = "A business's documents and their ingestion state (active members)."
    public static let example = ListBusinessDocumentsV1(businessId: exampleBusiness)
    public var businessId: String
    public init(businessId: String) { self.businessId = businessId }
}

/// Removes a document from a business's knowledge with its vectors.
public struct RemoveBusinessDocumentV1: BusinessAICommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("business-ai.remove-document", version: 1)
    public static let summary = "Removes a document and its vectors from a business's knowledge (canDeleteDocuments)."
    public static let example = RemoveBusinessDocumentV1(businessId: exampleBusiness, documentId: BusinessDocumentV1.example.id)
    public var businessId: String
    public var documentId: String
    public init(businessId: String, documentId: String) {
        self.businessId = businessId
        self.documentId = documentId
    }
}

/// Re-embeds every document of a business with the service's current embedder.
public struct ReindexBusinessV1: BusinessAICommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("business-ai.reindex-business", version: 1)
    public static let summary = "Drops a business's collection and re-ingests every document with the current embedder (canManageSettings)."
    public static let example = ReindexBusinessV1(businessId: exampleBusiness)
    public var businessId: String
    public init(businessId: String) { self.businessId = businessId }
}

/// A business's knowledge changed: a document was ingested or failed.
public struct BusinessDocumentIngestedV1: BusinessAIEvent, Equatable {
    public static let messageType = MessageType("business-ai.document-ingested", version: 1)
    public static let summary = "A document's ingestion ended: completed with its chunks, or failed with the reason."
    public static let example = BusinessDocumentIngestedV1(document: .example)
    public var document: BusinessDocumentV1
    public init(document: BusinessDocumentV1) { self.document = document }
}

// MARK: - Public assistant

/// What a visitor's page needs to show a business's assistant.
public struct PublicAssistantV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.public-assistant", version: 1)
    public static let summary = "A public business's assistant: name, branding, welcome message and whether it asks for an email or shows sources."
    public static let example = PublicAssistantV1(
        businessName: "Luxury Salon & Spa", businessSlug: "luxury-salon-spa", logo: nil, primaryColor: "#FF69B4", secondaryColor: "#FFB6C1",
        welcomeMessage: "Hi! Ask me anything about our services.", requireEmail: false, showSources: false, rateLimitPerIP: 10)
    public var businessName: String
    public var businessSlug: String
    public var logo: String?
    public var primaryColor: String?
    public var secondaryColor: String?
    public var welcomeMessage: String
    public var requireEmail: Bool
    public var showSources: Bool
    /// Questions per hour a visitor may ask.
    public var rateLimitPerIP: Int

    public init(
        businessName: String, businessSlug: String, logo: String?, primaryColor: String?, secondaryColor: String?, welcomeMessage: String,
        requireEmail: Bool, showSources: Bool, rateLimitPerIP: Int
    ) {
        self.businessName = businessName
        self.businessSlug = businessSlug
        self.logo = logo
        self.primaryColor = primaryColor
        self.secondaryColor = secondaryColor
        self.welcomeMessage = welcomeMessage
        self.requireEmail = requireEmail
        self.showSources = showSources
        self.rateLimitPerIP = rateLimitPerIP
    }
}

/// The assistant of a public business, by slug (no account).
public struct GetPublicAssistantV1: BusinessAICommand, Equatable {
    public typealias Reply = PublicAssistantV1
    public static let messageType = MessageType("business-ai.get-public-assistant", version: 1)
    public static let summary = "A public, active business's assistant by slug (no account); not_found for any other slug."
    public static let example = GetPublicAssistantV1(businessSlug: "luxury-salon-spa")
    public var businessSlug: String
    public init(businessSlug: String) { self.businessSlug = businessSlug }
}

/// A visitor's question to a business's public assistant.
public struct AskPublicAssistantV1: BusinessAICommand, Equatable {
    public typealias Reply = PublicAnswerV1
    public static let messageType = MessageType("business-ai.ask-public-assistant", version: 1)
    public static let summary = "Answers a visitor's question from a public business's documents only (no account; rate limited per visitor address per hour)."
    public static let example = AskPublicAssistantV1(
        businessSlug: "luxury-salon-spa", question: "What are your opening hours?", sessionId: "sess_3b1f6c0e8a2d4f7b9c1e", visitorEmail: nil,
        client: ClientInfo(ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0"))
    public var businessSlug: String
    /// 1–2,000 characters.
    public var question: String
    /// The visitor's session (8–64 letters, digits, `_` or `-`); a new one is made when absent.
    public var sessionId: String?
    /// Required when the business's `chatSettings.requireEmail` is on.
    public var visitorEmail: String?
    /// Set by the gateway: the visitor's address is only used for the rate limit and stored as a keyed hash.
    public var client: ClientInfo

    public init(businessSlug: String, question: String, sessionId: String? = nil, visitorEmail: String? = nil, client: ClientInfo = ClientInfo()) {
        self.businessSlug = businessSlug
        self.question = question
        self.sessionId = sessionId
        self.visitorEmail = visitorEmail
        self.client = client
    }
}

/// How the assistant answered.
public enum AnswerOutcome: String, Codable, Sendable, CaseIterable {
    /// From the business's documents.
    case answered
    /// The documents do not cover the question (below the confidence threshold).
    case notCovered = "not_covered"
    /// The question asked for something the assistant never gives (its instructions, other businesses).
    case refused
}

/// The assistant's answer.
public struct PublicAnswerV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.public-answer", version: 1)
    public static let summary = "An answer from the business's documents (with its sources when the business shows them), or why there is none."
    public static let example = PublicAnswerV1(
        chatId: "665f50009b1d4a0012ab0001", sessionId: "sess_3b1f6c0e8a2d4f7b9c1e", outcome: .answered,
        answer: "We're open Monday through Friday from 9 AM to 6 PM.", sources: ["business_hours.pdf"], confidence: Decimal(string: "0.82")!)
    public var chatId: String
    public var sessionId: String
    public var outcome: AnswerOutcome
    public var answer: String
    /// The documents used; nil when the business does not show sources.
    public var sources: [String]?
    /// 0–1: the best chunk's similarity to the question.
    public var confidence: Decimal

    public init(chatId: String, sessionId: String, outcome: AnswerOutcome, answer: String, sources: [String]?, confidence: Decimal) {
        self.chatId = chatId
        self.sessionId = sessionId
        self.outcome = outcome
        self.answer = answer
        self.sources = sources
        self.confidence = confidence
    }
}

/// A visitor says whether an answer helped.
public struct RatePublicAnswerV1: BusinessAICommand, Equatable {
    public typealias Reply = Accepted
    public static let messageType = MessageType("business-ai.rate-public-answer", version: 1)
    public static let summary = "Records whether an answer helped, with optional text, from the session that asked it (no account)."
    public static let example = RatePublicAnswerV1(
        businessSlug: "luxury-salon-spa", chatId: PublicAnswerV1.example.chatId, sessionId: PublicAnswerV1.example.sessionId, wasHelpful: true,
        feedbackText: "Thanks!")
    public var businessSlug: String
    public var chatId: String
    public var sessionId: String
    public var wasHelpful: Bool
    /// At most 1,000 characters.
    public var feedbackText: String?

    public init(businessSlug: String, chatId: String, sessionId: String, wasHelpful: Bool, feedbackText: String? = nil) {
        self.businessSlug = businessSlug
        self.chatId = chatId
        self.sessionId = sessionId
        self.wasHelpful = wasHelpful
        self.feedbackText = feedbackText
    }
}

// MARK: - Analytics

/// A count on one day (UTC, `YYYY-MM-DD`).
public struct DayCountV1: Codable, Sendable, Equatable {
    public var day: String
    public var count: Int
    public init(day: String, count: Int) {
        self.day = day
        self.count = count
    }
}

/// A question and how often it was asked.
public struct QuestionCountV1: Codable, Sendable, Equatable {
    public var question: String
    public var count: Int
    public var lastAskedAt: Date
    public init(question: String, count: Int, lastAskedAt: Date) {
        self.question = question
        self.count = count
        self.lastAskedAt = lastAskedAt
    }
}

/// A business's public-chat analytics over a period.
public struct BusinessAnalyticsV1: Message, Equatable {
    public static let messageType = MessageType("business-ai.business-analytics", version: 1)
    public static let summary = "Chats per day, most-asked questions, helpfulness and the questions the documents did not answer."
    public static let example = BusinessAnalyticsV1(
        businessId: exampleBusiness, days: 30, totalChats: 3, chatsPerDay: [DayCountV1(day: "2026-01-01", count: 3)],
        mostAsked: [QuestionCountV1(question: "what are your opening hours?", count: 2, lastAskedAt: Date(timeIntervalSince1970: 1_767_225_600))],
        helpful: 1, notHelpful: 0, unrated: 2,
        unanswered: [QuestionCountV1(question: "do you sell gift cards?", count: 1, lastAskedAt: Date(timeIntervalSince1970: 1_767_225_600))],
        averageConfidence: Decimal(string: "0.61")!)
    public var businessId: String
    public var days: Int
    public var totalChats: Int
    public var chatsPerDay: [DayCountV1]
    /// The ten most asked questions (compared ignoring case and spacing).
    public var mostAsked: [QuestionCountV1]
    public var helpful: Int
    public var notHelpful: Int
    public var unrated: Int
    /// Questions the documents did not cover: what to write next.
    public var unanswered: [QuestionCountV1]
    public var averageConfidence: Decimal

    public init(
        businessId: String, days: Int, totalChats: Int, chatsPerDay: [DayCountV1], mostAsked: [QuestionCountV1], helpful: Int, notHelpful: Int,
        unrated: Int, unanswered: [QuestionCountV1], averageConfidence: Decimal
    ) {
        self.businessId = businessId
        self.days = days
        self.totalChats = totalChats
        self.chatsPerDay = chatsPerDay
        self.mostAsked = mostAsked
        self.helpful = helpful
        self.notHelpful = notHelpful
        self.unrated = unrated
        self.unanswered = unanswered
        self.averageConfidence = averageConfidence
    }
}

/// A business's public-chat analytics.
public struct GetBusinessAnalyticsV1: BusinessAICommand, Equatable {
    public typealias Reply = BusinessAnalyticsV1
    public static let messageType = MessageType("business-ai.get-analytics", version: 1)
    public static let summary = "A business's public-chat analytics over the last 1–90 days (canViewAnalytics)."
    public static let example = GetBusinessAnalyticsV1(businessId: exampleBusiness, days: 30)
    public var businessId: String
    /// 1–90; 30 when absent.
    public var days: Int?
    public init(businessId: String, days: Int? = nil) {
        self.businessId = businessId
        self.days = days
    }
}
