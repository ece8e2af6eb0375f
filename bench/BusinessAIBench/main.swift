import BusinessAIService
import Crypto
import Foundation
import Logging
import SeedChroma
import SeedContracts
import SeedEmbedding
import SeedServiceKit
import SeedStoreEmbedded
import SeedWorkPool
import Synchronization

// seed-bench-business-ai: business-ai's answers measured through the service's own code path (the
// BusinessAIService use cases over an embedded store, the offline all-MiniLM-L6-v2 embedder on the two
// pools seed-business-ai runs, and a real Chroma server), in-process and without RabbitMQ (staged events
// stay in the store's outbox).
//
//   SEED_EMBEDDING_MODEL_DIR=… seed-bench-business-ai quality --chroma URL [--data DIR] [--threshold T] [--distractors N]
//   SEED_EMBEDDING_MODEL_DIR=… seed-bench-business-ai ingest  --chroma URL [--characters N] [--repeat N]
//
// quality: ingests the documents of DIR (default bench/BusinessAIBench/Data) into one business as the
// documents service hands them over (upload announced, text ready, the ingestion worker's step), asks
// every question of DIR/questions.tsv (document, expected fact, question; document "-" for a question
// the documents do not cover) through askPublicAssistant (the extractive answer, no external model) and
// prints:
//   quality.recall_at_1 / recall_at_3   the expected document is the best / among the best 3 chunks' documents
//   quality.answer_contains_fact        the answer contains the expected fact (case-insensitive)
//   quality.answerable_below_threshold  answerable questions whose best chunk is below T (answered "not covered")
//   quality.off_topic_not_covered       off-topic questions answered "the documents do not cover this"
//   quality.threshold_<t>.*             the same two counts for other thresholds, from the best similarity
// and one `#` line per question (best similarity, top-3 documents, hit, fact found, the answer).
// --distractors N first ingests the generated handbook of `ingest` (N characters) into the same business.
//
// ingest: a generated document of N characters (default 190,000; the free plan takes 200,000) of
// business prose, every sentence different, is ingested by the worker's step, then in the same run:
//   ingest.chunks.throughput          chunks/s of the whole step: chunking, embedding, Chroma upserts, store
//   raw.embed.chunks.throughput       the same chunk texts embedded alone (same pool, batches of 32)
//   ratio ingest/raw.embed            the first ÷ the second: what Chroma and the store cost on top
//   embedding.sentences.throughput    the document's sentences embedded alone, batches of 32
//   raw.embed.question.p50/p99        one question embedded at a time on the question pool
//   raw.chroma.query.p50/p99          one top-4 query with the businessId filter on the collection
//   chat.ask.p50/p99                  askPublicAssistant in-process, one at a time (no HTTP, no bus)

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("seed-bench-business-ai: \(message)\n".utf8))
    exit(1)
}
func figure(_ name: String, _ value: Double, _ unit: String = "", decimals: Int = 3) {
    print("\(name) \(String(format: "%.\(decimals)f", value))\(unit.isEmpty ? "" : " \(unit)")")
}
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
}
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

guard let mode = arguments.first, ["quality", "ingest"].contains(mode) else {
    fail("usage: seed-bench-business-ai quality|ingest --chroma URL [options]")
}
guard let chromaURL = option("--chroma") ?? ProcessInfo.processInfo.environment["SEED_CHROMA_URL"] else { fail("--chroma URL is required") }
let threshold = option("--threshold").flatMap(Double.init) ?? 0.35

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .error
    return handler
}

// The service as seed-business-ai builds it, over a store in a temporary folder.
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-bench-business-ai-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let store = try EmbeddedStore(path: directory.appendingPathComponent("store.sqlite").path)
try await UnitOfWork.prepare(store, collections: BusinessAICollections.all)
let work = UnitOfWork(store: store, service: .businessAI, messagesStaged: {})
let chroma = ChromaClient(url: chromaURL, tenant: "seed_bench", database: "business_ai_\(UUID().uuidString.prefix(12).lowercased())")
try await chroma.ensureDatabase()
let ingestionPool = BlockingWorkPool(threadCount: 1, name: "embed-ingest")
let questionPool = BlockingWorkPool(threadCount: 1, name: "embed-question")
let embedder: MiniLMEmbedder
do {
    embedder = try await MiniLMEmbedder.load(pool: ingestionPool)
} catch {
    fail("the embedding model did not load: \(error)")
}
let queryEmbedder = MiniLMEmbedder(model: embedder.model, pool: questionPool, batchSize: 8)
/// Texts handed over as the documents service's `get-document-text` would.
let texts = TextShelf()
let knowledge = BusinessKnowledge(
    chroma: chroma, embedder: embedder, queryEmbedder: queryEmbedder, addressKey: SymmetricKey(size: .bits256), confidenceThreshold: threshold,
    documentText: { id in
        guard let text = texts.text(id) else { throw ContractError(.notFound, "no document \(id)", details: ["field": "documentId"]) }
        return text
    })
let service = BusinessAIService(work: work, knowledge: knowledge)
let owner = "bench-owner"

func envelope<C: Command>(_ type: C.Type) -> MessageEnvelope { MessageEnvelope(type: C.messageType, actor: owner) }

/// A public business showing sources, with the rate limit off (no Redis here).
func makeBusiness(_ name: String) async throws -> BusinessV1 {
    let business = try await service.createBusiness(CreateBusinessV1(businessName: name), envelope: envelope(CreateBusinessV1.self))
    return try await service.updateBusiness(
        UpdateBusinessV1(businessId: business.id, chatSettings: ChatSettingsPatchV1(isPublic: true, showSources: true)), envelope: envelope(UpdateBusinessV1.self))
}

/// Announces an upload and hands its text over as after `document-processed` (the job is queued).
func announce(_ documentId: String, name: String, text: String, to business: String) async throws {
    var document = DocumentV1.example
    document.id = "\(documentId)v"
    document.documentId = documentId
    document.businessId = business
    document.sprintId = nil
    document.uploadedBy = owner
    document.ownerId = owner
    document.originalName = name
    document.fileName = name
    document.fileType = "txt"
    try await service.documentAnnounced(document, envelope: MessageEnvelope(type: DocumentUploadedV1.messageType))
    let extracted = DocumentTextV1(
        documentId: documentId, versionId: "\(documentId)v", businessId: business, fileType: "txt", text: text, textLength: text.count,
        pageCount: 1, category: "Operations", tags: [])
    texts.put(extracted)
    try await service.documentTextReady(extracted, envelope: MessageEnvelope(type: DocumentProcessedV1.messageType))
}

func ask(_ slug: String, _ question: String) async throws -> PublicAnswerV1 {
    try await service.askPublicAssistant(
        AskPublicAssistantV1(businessSlug: slug, question: question, sessionId: "sess_bench_0001", visitorEmail: nil, client: ClientInfo(ipAddress: "203.0.113.9", userAgent: "bench")),
        envelope: MessageEnvelope(type: AskPublicAssistantV1.messageType))
}

func ingestionRecord(_ documentId: String, business: String) async throws -> BusinessDocumentV1? {
    try await service.listDocuments(ListBusinessDocumentsV1(businessId: business), envelope: envelope(ListBusinessDocumentsV1.self))
        .documents.first(where: { $0.id == documentId })
}

do {
    switch mode {
    case "quality": try await quality()
    default: try await ingest()
    }
} catch {
    try? await chroma.deleteDatabase()
    fail("\(error)")
}
try? await chroma.deleteDatabase()

// MARK: - quality

struct Question {
    var document: String?
    var fact: String?
    var text: String
}

func quality() async throws {
    let data = URL(fileURLWithPath: option("--data") ?? "bench/BusinessAIBench/Data")
    let lines = try String(contentsOf: data.appendingPathComponent("questions.tsv"), encoding: .utf8).split(separator: "\n").dropFirst()
    let questions = lines.map { line -> Question in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 3 else { fail("questions.tsv: a line without three tab-separated fields: \(line)") }
        return Question(document: fields[0] == "-" ? nil : fields[0], fact: fields[1] == "-" ? nil : fields[1], text: fields[2])
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasSuffix(".txt") }.sorted()
    for question in questions {
        if let document = question.document, !files.contains(document) { fail("questions.tsv names \(document), which is not in \(data.path)") }
    }
    let business = try await makeBusiness("Quality Bench")
    // --distractors N: a generated handbook of N characters in the same business, whose chunks compete
    // with the documents' for every question.
    let distractors = option("--distractors").flatMap(Int.init) ?? 0
    if distractors > 0 { try await announce("distractors", name: "handbook.txt", text: handbook(characters: distractors), to: business.id) }
    for (index, file) in files.enumerated() {
        try await announce("doc\(index)", name: file, text: try String(contentsOf: data.appendingPathComponent(file), encoding: .utf8), to: business.id)
    }
    try await service.drainIngestion()
    var chunks = 0
    for index in files.indices {
        guard let made = try await ingestionRecord("doc\(index)", business: business.id), made.status == "completed" else {
            fail("\(files[index]) was not ingested")
        }
        chunks += made.chunkCount
    }
    let answerable = questions.filter { $0.document != nil }
    let offTopic = questions.filter { $0.document == nil }
    if distractors > 0, let made = try await ingestionRecord("distractors", business: business.id) {
        print("# distractors: a generated handbook of \(distractors) characters, \(made.chunkCount) chunks, \(made.status)")
    }
    print("# \(files.count) documents (\(chunks) chunks) in one business, \(answerable.count) answerable and \(offTopic.count) off-topic questions, threshold \(threshold)")
    var top1 = 0, top3 = 0, facts = 0, below = 0, offNotCovered = 0
    var bestAnswerable: [Double] = [], bestOffTopic: [Double] = []
    for question in questions {
        let retrieved = try await service.retrievedChunks(businessSlug: business.businessSlug, question: question.text)
        let best = retrieved.first?.similarity ?? 0
        let documents = retrieved.prefix(3).map(\.filename)
        let answer = try await ask(business.businessSlug, question.text)
        let flat = answer.answer.replacingOccurrences(of: "\n", with: " ")
        if let document = question.document, let fact = question.fact {
            bestAnswerable.append(best)
            let hit1 = retrieved.first?.filename == document, hit3 = documents.contains(document)
            let found = answer.answer.lowercased().contains(fact.lowercased())
            if hit1 { top1 += 1 }
            if hit3 { top3 += 1 }
            if found { facts += 1 }
            if best < threshold { below += 1 }
            print("# \(hit3 ? "hit " : "MISS") \(found ? "fact " : "NOFACT") best \(String(format: "%.3f", best)) [\(documents.joined(separator: ", "))] \(question.text) → \(flat)")
        } else {
            bestOffTopic.append(best)
            if answer.outcome == .notCovered { offNotCovered += 1 }
            print("# off-topic \(answer.outcome == .notCovered ? "not covered" : "ANSWERED") best \(String(format: "%.3f", best)) \(question.text) → \(flat)")
        }
    }
    let n = Double(answerable.count)
    figure("quality.recall_at_1", Double(top1) / n)
    figure("quality.recall_at_3", Double(top3) / n)
    figure("quality.answer_contains_fact", Double(facts) / n)
    print("quality.answerable_below_threshold \(below) of \(answerable.count)")
    print("quality.off_topic_not_covered \(offNotCovered) of \(offTopic.count)")
    figure("quality.best_similarity.answerable.min", bestAnswerable.min() ?? 0)
    figure("quality.best_similarity.answerable.p50", percentile(bestAnswerable, 0.5))
    figure("quality.best_similarity.off_topic.max", bestOffTopic.max() ?? 0)
    for candidate in stride(from: 0.20, through: 0.55, by: 0.05) {
        let name = String(format: "quality.threshold_%.2f", candidate)
        print("\(name).answerable_below \(bestAnswerable.filter { $0 < candidate }.count) of \(bestAnswerable.count)")
        print("\(name).off_topic_below \(bestOffTopic.filter { $0 < candidate }.count) of \(bestOffTopic.count)")
    }
}

// MARK: - ingest

/// A long business handbook of `characters` characters in which no two sentences are the same.
func handbook(characters: Int) -> String {
    let subjects = ["The front desk", "Our delivery team", "The warehouse in Lyon", "Each store manager", "The support line", "The night shift",
                    "Every new employee", "The accounts department", "Our bakery team", "The returns desk", "The clinic reception", "The training room"]
    let verbs = ["checks", "records", "prepares", "reviews", "answers", "ships", "cleans", "approves", "schedules", "counts"]
    let objects = ["incoming parcels", "refund requests", "the cash register", "customer emails", "the cold room", "gift card orders",
                   "staff rotas", "delivery routes", "supplier invoices", "the safety checklist", "loyalty points", "booking changes"]
    let times = ["before 9 AM", "after lunch", "every Friday", "at the end of each shift", "twice a week", "on the first Monday of the month",
                 "within two working days", "before closing time"]
    var text = "", section = 0, sentence = 0
    while text.count < characters {
        section += 1
        text += "Section \(section). Procedures of unit \(section).\n"
        for _ in 0..<8 {
            sentence += 1
            let s = sentence
            text += "\(subjects[s % subjects.count]) \(verbs[(s / 3) % verbs.count]) \(objects[(s / 7) % objects.count]) \(times[(s / 11) % times.count]), "
                + "as rule \(s) of procedure \(section) says, and logs it under reference \(1000 + s * 7). "
        }
        text += "\n"
    }
    return String(text.prefix(characters))
}

func ingest() async throws {
    let characters = option("--characters").flatMap(Int.init) ?? 190_000
    let business = try await makeBusiness("Ingest Bench")
    // A small document first, so that the collection exists and answers are possible.
    try await announce("faq", name: "faq.txt", text: "Opening hours. We are open Monday to Friday from 9 AM to 5 PM. Deliveries leave the warehouse before 9 AM.", to: business.id)
    try await service.drainIngestion()
    let text = handbook(characters: characters)
    try await announce("handbook", name: "handbook.txt", text: text, to: business.id)
    let clock = ContinuousClock()
    let started = clock.now
    try await service.drainIngestion()
    let elapsed = seconds(started.duration(to: clock.now))
    guard let made = try await ingestionRecord("handbook", business: business.id), made.status == "completed" else { fail("the handbook was not ingested") }
    print("# a generated handbook of \(text.count) characters: \(made.chunkCount) chunks")
    figure("ingest.chunks", Double(made.chunkCount), "chunks", decimals: 0)
    figure("ingest.seconds", elapsed, "s")
    let ingestRate = Double(made.chunkCount) / elapsed
    figure("ingest.chunks.throughput", ingestRate, "chunks/s", decimals: 1)

    // The same chunk texts, read back from Chroma, embedded alone on the same pool.
    guard let collection = try await chroma.collection(named: "business_\(business.id)") else { fail("no collection") }
    let chunkTexts = try await chroma.get(collection.id, where: .equal("documentId", .string("handbook"))).compactMap(\.document)
    let rawStart = clock.now
    for start in stride(from: 0, to: chunkTexts.count, by: 32) {
        _ = try await embedder.embed(Array(chunkTexts[start..<min(chunkTexts.count, start + 32)]))
    }
    let rawRate = Double(chunkTexts.count) / seconds(rawStart.duration(to: clock.now))
    figure("raw.embed.chunks.throughput", rawRate, "chunks/s", decimals: 1)
    figure("ratio ingest/raw.embed", ingestRate / rawRate)

    // Its sentences alone.
    let sentences = text.split(whereSeparator: { $0 == "\n" }).flatMap { $0.split(separator: ". ") }.map(String.init).prefix(1024)
    let sentenceStart = clock.now
    for start in stride(from: 0, to: sentences.count, by: 32) {
        _ = try await embedder.embed(Array(sentences[sentences.startIndex + start..<sentences.startIndex + min(sentences.count, start + 32)]))
    }
    figure("embedding.sentences.throughput", Double(sentences.count) / seconds(sentenceStart.duration(to: clock.now)), "sentences/s", decimals: 1)

    // One question at a time: the embedding, the Chroma query, and the whole in-process answer.
    let questions = ["When are you open on Monday?", "Who checks incoming parcels?", "What does the night shift clean?", "When do deliveries leave?"]
    var embedTimes: [Double] = [], queryTimes: [Double] = [], askTimes: [Double] = []
    var vectors: [[Float]] = []
    for round in 0..<50 {
        let start = clock.now
        let vector = try await queryEmbedder.embed([questions[round % questions.count]])[0]
        embedTimes.append(seconds(start.duration(to: clock.now)) * 1000)
        vectors.append(vector)
    }
    for vector in vectors {
        let start = clock.now
        _ = try await chroma.query(collection.id, embedding: vector, limit: 4, where: .equal("businessId", .string(business.id)))
        queryTimes.append(seconds(start.duration(to: clock.now)) * 1000)
    }
    for round in 0..<50 {
        let start = clock.now
        _ = try await ask(business.businessSlug, questions[round % questions.count])
        askTimes.append(seconds(start.duration(to: clock.now)) * 1000)
    }
    figure("raw.embed.question.p50", percentile(embedTimes, 0.5), "ms", decimals: 1)
    figure("raw.embed.question.p99", percentile(embedTimes, 0.99), "ms", decimals: 1)
    figure("raw.chroma.query.p50", percentile(queryTimes, 0.5), "ms", decimals: 1)
    figure("raw.chroma.query.p99", percentile(queryTimes, 0.99), "ms", decimals: 1)
    figure("chat.ask.p50", percentile(askTimes, 0.5), "ms", decimals: 1)
    figure("chat.ask.p99", percentile(askTimes, 0.99), "ms", decimals: 1)
}

/// Extracted texts by document id.
final class TextShelf: Sendable {
    private let texts = Mutex<[String: DocumentTextV1]>([:])
    func put(_ text: DocumentTextV1) { texts.withLock { $0[text.documentId] = text } }
    func text(_ id: String) -> DocumentTextV1? { texts.withLock { $0[id] } }
}
