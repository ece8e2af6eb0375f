import Foundation
import Logging
public import SeedContracts
import SeedChroma
import SeedServiceKit
import SeedStore

/// Ingestion states (seed 002).
enum IngestionStatus {
    static let processing = "processing"
    static let completed = "completed"
    static let failed = "failed"
}

extension BusinessAIService {
    // MARK: - Documents' events

    /// `documents.document-uploaded` / `document-version-added` for a business: the ingestion record
    /// with the document's names, in `processing` until its text arrives. Refused (recorded as
    /// `failed` with the reason, never embedded): an uploader who is not an active member allowed to
    /// upload, and a new document beyond the plan's `maxDocuments`.
    public func documentAnnounced(_ document: DocumentV1, envelope: MessageEnvelope) async throws {
        guard let businessId = document.businessId else { return }
        _ = try await work.once(envelope, consumer: "business-ai.document-announced") { tx in
            guard let business = try await tx.businesses.first(.equal("_id", .string(businessId))) else { return Accepted() }
            let existing = try await tx.ingested.first(.and([.equal("_id", .string(document.documentId)), .equal("businessId", .string(businessId))]))
            var record = existing ?? IngestedDocument(
                id: document.documentId, businessId: businessId, versionId: document.id, filename: document.fileName,
                originalName: document.originalName, fileType: document.fileType, fileSize: document.fileSize, textLength: 0,
                chromaCollectionId: business.chromaCollectionId, chromaIds: [], chunkCount: 0, embeddedChunks: 0, category: document.category,
                tags: document.tags, description: document.description, status: IngestionStatus.processing, processingError: nil, processingTime: nil,
                embedder: nil, uploadedBy: document.uploadedBy, uploadedAt: document.uploadedAt, createdAt: tx.now, updatedAt: tx.now)
            record.versionId = document.id
            record.filename = document.fileName
            record.originalName = document.originalName
            record.fileType = document.fileType
            record.fileSize = document.fileSize
            record.category = document.category
            record.tags = document.tags
            record.uploadedBy = document.uploadedBy
            record.updatedAt = tx.now
            record.status = IngestionStatus.processing
            record.processingError = nil
            let uploader = try await tx.members.first(.and([
                .equal("businessId", .string(businessId)), .equal("userId", .string(document.uploadedBy)),
                .equal("status", .string(BusinessMemberStatus.active.rawValue)),
            ]))
            if uploader?.permissions.canUploadDocuments != true {
                record.status = IngestionStatus.failed
                record.processingError = "the uploader is not a member of this business allowed to upload documents"
            } else if existing == nil, try await tx.ingested.count(.equal("businessId", .string(businessId))) >= business.subscription.maxDocuments {
                record.status = IngestionStatus.failed
                record.processingError = "the \(business.subscription.plan.rawValue) plan allows \(business.subscription.maxDocuments) documents"
            }
            if existing == nil { try await tx.ingested.insert(record) } else { try await tx.ingested.replace(record) }
            if record.status == IngestionStatus.failed {
                // A refused document keeps no vectors of an earlier version.
                try await tx.jobs.delete(.equal("_id", .string(record.id)))
                try await tx.publish(BusinessDocumentIngestedV1(document: record.view))
            }
            try await recountDocuments(businessId, in: tx)
            return Accepted()
        }
        if let record = try await work.mapStoreErrors({ try await DocumentCollection(IngestedDocument.self, in: store).first(.equal("_id", .string(document.documentId))) }),
           record.status == IngestionStatus.failed, !record.chromaIds.isEmpty, let knowledge {
            try await knowledge.deleteVectors(of: record, logger: logger)
            try await clearVectors(record.id)
        }
    }

    /// `documents.document-processed` for a business: a failure is recorded with its reason; a
    /// success fetches the text from documents and queues it for the ingestion worker.
    public func documentProcessed(_ event: DocumentProcessedV1, envelope: MessageEnvelope) async throws {
        guard event.businessId != nil else { return }
        if event.status == .failed {
            _ = try await work.once(envelope, consumer: "business-ai.document-processed") { tx in
                guard var record = try await tx.ingested.first(.equal("_id", .string(event.documentId))), record.status != IngestionStatus.failed else {
                    return Accepted()
                }
                record.status = IngestionStatus.failed
                record.processingError = "text extraction failed: \(event.error ?? "unknown error")"
                record.updatedAt = tx.now
                try await tx.ingested.replace(record)
                try await tx.publish(BusinessDocumentIngestedV1(document: record.view))
                return Accepted()
            }
            return
        }
        let knowledge = try knowledgeParts()
        let text = try await knowledge.documentText(event.documentId)
        try await documentTextReady(text, envelope: envelope)
    }

    /// `documents.document-deleted` for a business: its record, queued job and vectors go.
    public func documentDeleted(_ event: DocumentDeletedV1, envelope: MessageEnvelope) async throws {
        guard let businessId = event.businessId else { return }
        try await forget(documentId: event.documentId, of: businessId, envelope: envelope, consumer: "business-ai.document-deleted")
    }

    /// Queues a document's extracted text for the ingestion worker (one job per document: newer text
    /// replaces a waiting one). Refused and recorded as `failed`: a document with no text, and one
    /// whose text is beyond the plan's limit (``BusinessRules/maxTextCharacters(plan:)``).
    public func documentTextReady(_ text: DocumentTextV1, envelope: MessageEnvelope) async throws {
        guard let businessId = text.businessId else { return }
        let queued = try await work.once(envelope, consumer: "business-ai.document-text") { tx -> Bool in
            guard let business = try await tx.businesses.first(.equal("_id", .string(businessId))),
                  var record = try await tx.ingested.first(.and([.equal("_id", .string(text.documentId)), .equal("businessId", .string(businessId))]))
            else { return false }
            // A document refused for its uploader or the plan stays refused.
            if record.status == IngestionStatus.failed, record.processingError?.contains("uploader") == true || record.processingError?.contains("plan allows") == true {
                return false
            }
            let content = text.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let limit = BusinessRules.maxTextCharacters(plan: business.subscription.plan)
            record.versionId = text.versionId
            record.textLength = text.text.count
            record.updatedAt = tx.now
            if content.isEmpty || content.count > limit {
                record.status = IngestionStatus.failed
                record.processingError = content.isEmpty
                    ? "the document has no text to learn from (unsupported or empty)"
                    : "the document's text (\(content.count) characters) is beyond the \(business.subscription.plan.rawValue) plan's limit of \(limit)"
                try await tx.ingested.replace(record)
                try await tx.jobs.delete(.equal("_id", .string(record.id)))
                try await tx.publish(BusinessDocumentIngestedV1(document: record.view))
                return false
            }
            record.status = IngestionStatus.processing
            record.processingError = nil
            record.category = text.category ?? record.category
            record.tags = text.tags.isEmpty ? record.tags : text.tags
            try await tx.ingested.replace(record)
            let job = IngestionJob(
                id: record.id, businessId: businessId, versionId: text.versionId, text: text.text, category: record.category, tags: record.tags,
                queuedAt: tx.now)
            if try await tx.jobs.first(.equal("_id", .string(job.id))) == nil { try await tx.jobs.insert(job) } else { try await tx.jobs.replace(job) }
            return true
        }
        if queued { knowledge?.queue.signal() }
    }

    // MARK: - Commands

    /// `business-ai.ingest-document.v1` (canUploadDocuments): fetches the document's text again and queues it.
    public func ingestDocument(_ command: IngestBusinessDocumentV1, envelope: MessageEnvelope) async throws -> BusinessDocumentV1 {
        let user = try envelope.signedInActor()
        let knowledge = try knowledgeParts()
        _ = try await work.mapStoreErrors {
            try await membership(user, of: command.businessId, needs: \.canUploadDocuments, named: "canUploadDocuments", in: store)
        }
        guard try await record(command.documentId, of: command.businessId) != nil else {
            throw ContractError(.notFound, "no document \(command.documentId) in this business", details: ["field": "documentId"])
        }
        let text: DocumentTextV1
        do {
            text = try await knowledge.documentText(command.documentId)
        } catch let error as ContractError {
            throw ContractError(error.code, error.message, details: ["field": "documentId"])
        }
        guard text.businessId == command.businessId else {
            throw ContractError(.notFound, "no document \(command.documentId) in this business", details: ["field": "documentId"])
        }
        try await documentTextReady(text, envelope: envelope)
        guard let record = try await record(command.documentId, of: command.businessId) else {
            throw ContractError(.notFound, "no document \(command.documentId) in this business", details: ["field": "documentId"])
        }
        return record.view
    }

    /// `business-ai.list-documents.v1` (active members): newest first.
    public func listDocuments(_ command: ListBusinessDocumentsV1, envelope: MessageEnvelope) async throws -> BusinessDocumentsV1 {
        let user = try envelope.signedInActor()
        return try await work.mapStoreErrors {
            _ = try await membership(user, of: command.businessId, in: store)
            let records = try await DocumentCollection(IngestedDocument.self, in: store).find(
                .equal("businessId", .string(command.businessId)), options: FindOptions(sort: [SortKey("uploadedAt", .descending)], limit: 1000))
            return BusinessDocumentsV1(documents: records.map(\.view))
        }
    }

    /// `business-ai.remove-document.v1` (canDeleteDocuments): the record and its vectors.
    public func removeDocument(_ command: RemoveBusinessDocumentV1, envelope: MessageEnvelope) async throws -> Accepted {
        let user = try envelope.signedInActor()
        _ = try await work.mapStoreErrors {
            try await membership(user, of: command.businessId, needs: \.canDeleteDocuments, named: "canDeleteDocuments", in: store)
        }
        guard try await record(command.documentId, of: command.businessId) != nil else {
            throw ContractError(.notFound, "no document \(command.documentId) in this business", details: ["field": "documentId"])
        }
        try await forget(documentId: command.documentId, of: command.businessId, envelope: envelope, consumer: nil)
        return Accepted()
    }

    /// `business-ai.reindex-business.v1` (canManageSettings): drops the business's collection and
    /// queues every document's text again, so that the current embedder makes every vector.
    public func reindexBusiness(_ command: ReindexBusinessV1, envelope: MessageEnvelope) async throws -> Accepted {
        let user = try envelope.signedInActor()
        let knowledge = try knowledgeParts()
        let business = try await work.mapStoreErrors {
            try await membership(user, of: command.businessId, needs: \.canManageSettings, named: "canManageSettings", in: store).0
        }
        try await knowledge.dropCollection(business.chromaCollectionId, logger: logger)
        let records = try await work.mapStoreErrors {
            try await DocumentCollection(IngestedDocument.self, in: store).find(.and([
                .equal("businessId", .string(business.id)), .isIn("status", [.string(IngestionStatus.completed), .string(IngestionStatus.processing)]),
            ]))
        }
        for record in records {
            try await clearVectors(record.id)
            let text = try await knowledge.documentText(record.id)
            try await documentTextReady(text, envelope: MessageEnvelope(
                messageId: "\(envelope.messageId)/\(record.id)", type: ReindexBusinessV1.messageType, actor: user))
        }
        return Accepted()
    }

    // MARK: - The ingestion worker's steps

    /// Ingests the oldest queued document; false when the queue is empty. Chunks its text, embeds only
    /// chunks whose text is new (a chunk's id is its document and the hash of its text), stores them in
    /// the business's collection with seed 002's metadata, deletes the vectors of chunks that are gone,
    /// and records the outcome (completed with `chromaIds`, `chunkCount` and `processingTime`, or failed
    /// with the reason).
    @discardableResult
    public func ingestNext() async throws -> Bool {
        let knowledge = try knowledgeParts()
        guard let job = try await work.mapStoreErrors({
            try await DocumentCollection(IngestionJob.self, in: store).first(.all, sort: [SortKey("queuedAt")])
        }) else { return false }
        let started = ContinuousClock.now
        guard let record = try await record(job.id, of: job.businessId),
              let business = try await work.mapStoreErrors({ try await DocumentCollection(Business.self, in: store).first(.equal("_id", .string(job.businessId))) })
        else {
            _ = try await work.mapStoreErrors { try await DocumentCollection(IngestionJob.self, in: store).delete(.equal("_id", .string(job.id))) }
            return true
        }
        var outcome: (ids: [String], embedded: Int, error: String?)
        do {
            outcome = try await knowledge.store(job: job, record: record, business: business)
            outcome.error = nil
        } catch {
            logger.warning("ingestion failed", metadata: ["documentId": "\(job.id)", "error": "\(error)"])
            outcome = (record.chromaIds, 0, Self.reason(error))
        }
        let result = outcome
        let elapsed = started.duration(to: .now)
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let envelope = MessageEnvelope(
            messageId: "ingest/\(job.id)/\(UUID().uuidString)", type: IngestBusinessDocumentV1.messageType)
        let stillThere = try await work.once(envelope, consumer: "business-ai.ingestion") { tx -> Bool in
            guard var current = try await tx.ingested.first(.equal("_id", .string(job.id))) else { return false }
            current.chromaIds = result.ids
            current.chunkCount = result.ids.count
            current.embeddedChunks = result.embedded
            current.status = result.error == nil ? IngestionStatus.completed : IngestionStatus.failed
            current.processingError = result.error
            current.processingTime = milliseconds
            current.embedder = result.ids.isEmpty ? nil : knowledge.embedder.identifier
            current.updatedAt = tx.now
            try await tx.ingested.replace(current)
            // A newer text queued meanwhile stays queued.
            if let queued = try await tx.jobs.first(.equal("_id", .string(job.id))), queued.queuedAt == job.queuedAt, queued.text == job.text {
                _ = try await tx.jobs.delete(.equal("_id", .string(job.id)))
            }
            try await recountDocuments(job.businessId, in: tx)
            try await tx.publish(BusinessDocumentIngestedV1(document: current.view))
            return true
        }
        if !stillThere {
            // Removed while it was being ingested: its new vectors go too.
            try await knowledge.deleteVectors(of: record, logger: logger)
            _ = try await work.mapStoreErrors { try await DocumentCollection(IngestionJob.self, in: store).delete(.equal("_id", .string(job.id))) }
        }
        return true
    }

    /// Ingests every queued document (tests, and the worker between waits).
    public func drainIngestion() async throws {
        var rounds = 0
        while try await ingestNext() {
            rounds += 1
            // A job that stays after its round (a newer text replaced it) is taken again; a bound
            // keeps a job that cannot be deleted from spinning forever.
            if rounds > 10_000 { break }
        }
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as ChromaError: "the vector store refused: \(error.kind) \(error.message.prefix(200))"
        case let error as ContractError: error.message
        default: "embedding failed: \(String(describing: error).prefix(200))"
        }
    }

    // MARK: - Helpers

    func record(_ documentId: String, of businessId: String) async throws -> IngestedDocument? {
        try await work.mapStoreErrors {
            try await DocumentCollection(IngestedDocument.self, in: store).first(.and([
                .equal("_id", .string(documentId)), .equal("businessId", .string(businessId)),
            ]))
        }
    }

    /// Forgets a record's vector ids (its collection was dropped).
    func clearVectors(_ documentId: String) async throws {
        _ = try await work.mapStoreErrors {
            try await DocumentCollection(IngestedDocument.self, in: store).update(
                .equal("_id", .string(documentId)), Update([.set("chromaIds", .array([])), .set("chunkCount", .int64(0)), .set("embedder", .null)]))
        }
    }

    /// Deletes a document's vectors, then its record and queued job.
    func forget(documentId: String, of businessId: String, envelope: MessageEnvelope, consumer: String?) async throws {
        if let record = try await record(documentId, of: businessId), let knowledge {
            try await knowledge.deleteVectors(of: record, logger: logger)
        }
        _ = try await work.once(envelope, consumer: consumer) { tx in
            let scope = Filter.and([.equal("_id", .string(documentId)), .equal("businessId", .string(businessId))])
            _ = try await tx.ingested.delete(scope)
            _ = try await tx.jobs.delete(scope)
            try await recountDocuments(businessId, in: tx)
            return Accepted()
        }
    }

    /// Refreshes `stats.totalDocuments` (completed documents).
    func recountDocuments(_ businessId: String, in tx: Transaction) async throws {
        guard var business = try await tx.businesses.first(.equal("_id", .string(businessId))) else { return }
        let count = try await tx.ingested.count(.and([.equal("businessId", .string(businessId)), .equal("status", .string(IngestionStatus.completed))]))
        guard business.stats.totalDocuments != count else { return }
        business.stats.totalDocuments = count
        try await tx.businesses.replace(business)
    }
}

extension BusinessKnowledge {
    /// The collection of `business`, made when missing and recording the embedder; a collection made
    /// by another embedder is refused until the business is re-indexed.
    func collection(of business: Business) async throws -> ChromaCollection {
        let collection = try await chroma.createCollection(business.chromaCollectionId, metadata: [
            "embedder": .string(embedder.identifier), "dimensions": .int(embedder.dimensions), "businessId": .string(business.id),
        ])
        if let made = collection.metadata["embedder"]?.string, made != embedder.identifier {
            throw ContractError(.conflict, "the collection was made by \(made), not \(embedder.identifier): re-index the business", details: ["field": "businessId"])
        }
        return collection
    }

    /// Stores a job's chunks; returns the document's vector ids in order and how many were embedded.
    func store(job: IngestionJob, record: IngestedDocument, business: Business) async throws -> (ids: [String], embedded: Int, error: String?) {
        let collection = try await collection(of: business)
        var ids: [String] = []
        var texts: [String: String] = [:]
        for chunk in chunker.chunks(job.text) {
            let id = "\(job.id)_chunk_\(Chunker.hash(chunk))"
            guard texts[id] == nil else { continue }
            texts[id] = chunk
            ids.append(id)
        }
        // Vectors of the same embedder whose text is unchanged stay; the store is asked, not trusted.
        let known = record.embedder == embedder.identifier ? Set(record.chromaIds) : []
        let present = known.isEmpty ? Set<String>() : Set(try await chroma.get(collection.id, ids: Array(known.intersection(ids))).map(\.id))
        let fresh = ids.filter { !present.contains($0) }
        let uploadedAt = ISO8601DateFormatter().string(from: record.uploadedAt)
        var start = 0
        while start < fresh.count {
            let batch = Array(fresh[start..<min(fresh.count, start + 32)])
            let vectors = try await embedder.embed(batch.map { texts[$0]! })
            try await chroma.upsert(collection.id, zip(batch, vectors).map { id, vector in
                var metadata: [String: ChromaValue] = [
                    "businessId": .string(business.id), "documentId": .string(job.id), "filename": .string(record.originalName),
                    "fileType": .string(record.fileType), "chunkIndex": .int(ids.firstIndex(of: id) ?? 0), "uploadedAt": .string(uploadedAt),
                ]
                if let category = job.category { metadata["category"] = .string(category) }
                return ChromaRecord(id: id, embedding: vector, document: texts[id], metadata: metadata)
            })
            start += 32
        }
        // Chunks of the old text that are gone, and anything else of this document not in the new list.
        let stale = try await chroma.get(collection.id, where: .equal("documentId", .string(job.id))).map(\.id).filter { texts[$0] == nil }
        try await chroma.delete(collection.id, ids: stale)
        return (ids, fresh.count, nil)
    }

    /// Deletes a document's vectors (by its id in the metadata, so that none is left behind).
    func deleteVectors(of record: IngestedDocument, logger: Logger) async throws {
        guard let collection = try await chroma.collection(named: record.chromaCollectionId) else { return }
        try await chroma.delete(collection.id, where: .and([.equal("documentId", .string(record.id)), .equal("businessId", .string(record.businessId))]))
    }

    /// Drops a business's collection.
    func dropCollection(_ name: String, logger: Logger) async throws {
        do {
            try await chroma.deleteCollection(named: name)
        } catch {
            logger.warning("dropping a business's vector collection failed", metadata: ["collection": "\(name)", "error": "\(error)"])
            throw ContractError(.unavailable, "the vector store did not answer; try again")
        }
    }
}
