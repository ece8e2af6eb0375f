public import Foundation
public import SeedContracts
public import SeedServiceKit
import SeedStore
public import SeedWorkPool

/// How the documents service is tuned (`SEED_DOCUMENTS_*`, docs/configuration.md).
public struct DocumentsSettings: Sendable {
    /// Largest file any upload accepts; a sprint requirement's `maxFileSize` may only lower it.
    public var maximumFileBytes = 50 * 1024 * 1024
    /// How long an upload may stay open before the sweep drops it and its staged bytes.
    public var uploadLifetime: TimeInterval = 3600
    /// How long a deleted document's rows (and so its bytes) are kept.
    public var retention: TimeInterval = 30 * 86_400
    /// Whether a completed upload starts processing at once (tests drive it by hand).
    public var processInBackground = true

    public init() {}
}

/// The documents service's use cases: streamed uploads (decision 0018), downloads, versions, review,
/// sharing, processing and deletion.
///
/// Every read is scoped to the envelope's tenant and to what the caller may read (owner, sprint client
/// and admins, members of a conversation it is shared with, a public link): anything else does not
/// exist for the caller (`not_found`). Blocking steps (file I/O, hashing, extraction) run on ``pool``.
public struct DocumentsService: Sendable {
    let work: UnitOfWork
    let blobs: any BlobStore
    let staging: UploadStaging
    let pool: BlockingWorkPool
    let extractor: any ContentExtractor
    let settings: DocumentsSettings
    let processing: ProcessingQueue

    /// - Parameters:
    ///   - work: The unit of work over the documents database.
    ///   - blobs: Where the bytes are stored.
    ///   - staging: Where uploads in progress are staged (on the same file system as a folder store).
    ///   - pool: The bounded pool for file I/O, hashing and extraction (decision 0015).
    ///   - extractor: How text, page counts and thumbnails are extracted.
    public init(
        work: UnitOfWork, blobs: any BlobStore, staging: UploadStaging, pool: BlockingWorkPool, extractor: any ContentExtractor = CommandLineExtractor(),
        settings: DocumentsSettings = DocumentsSettings()
    ) {
        self.work = work
        self.blobs = blobs
        self.staging = staging
        self.pool = pool
        self.extractor = extractor
        self.settings = settings
        self.processing = ProcessingQueue()
    }

    var store: any DocumentStore { work.store }

    /// The tenant a message acts in: the envelope's, or the platform's own users' (no tenant).
    static func tenant(of envelope: MessageEnvelope) -> String {
        envelope.tenant ?? "platform"
    }

    static func notFound(_ id: String, field: String = "documentId") -> ContractError {
        ContractError(.notFound, "no document \(id)", details: ["field": field])
    }

    // MARK: - Access

    /// The version of document `documentId` (its newest, or number `version`) that `actor` may read in
    /// `tenant`; `not_found` otherwise.
    func readableVersion(
        _ documentId: String, version: Int?, actor: String, tenant: String, in operations: any DocumentOperations
    ) async throws -> DocumentVersion {
        let versions = DocumentCollection(DocumentVersion.self, in: operations)
        let filter: Filter = version.map { .and([.equal("documentId", .string(documentId)), .equal("version", .int64(Int64($0)))]) }
            ?? .and([.equal("documentId", .string(documentId)), .equal("isLatest", .bool(true))])
        guard let found = try await versions.first(filter), try await mayRead(found, actor: actor, tenant: tenant, in: operations) else {
            throw Self.notFound(documentId)
        }
        return found
    }

    /// Whether `actor` may read `version` in `tenant`: the owner, the sprint's client and admins, or a
    /// current member of a conversation it is shared with. Deleted versions are readable by nobody.
    func mayRead(_ version: DocumentVersion, actor: String, tenant: String, in operations: any DocumentOperations) async throws -> Bool {
        guard version.tenantId == tenant, !version.isDeleted else { return false }
        if version.userId == actor { return true }
        if let sprintId = version.sprintId,
           let sprint = try await DocumentCollection(SprintRecord.self, in: operations).first(.equal("_id", .string(sprintId))),
           sprint.tenantId == tenant, sprint.involves(actor) {
            return true
        }
        let chats = try await DocumentCollection(DocumentShare.self, in: operations).find(
            .and([.equal("documentId", .string(version.documentId)), .equal("revokedAt", .null), .equal("type", .string(SharingType.chat.rawValue))]))
        for share in chats where share.isLive(at: work.now) {
            guard let conversation = share.conversationId else { continue }
            let id = ConversationMembership.id(conversation: conversation, user: actor)
            if let member = try await DocumentCollection(ConversationMembership.self, in: operations).first(.equal("_id", .string(id))), member.isActive {
                return true
            }
        }
        return false
    }

    /// The newest version of a document the caller owns; `not_found` when they cannot read it,
    /// `forbidden` when they can but do not own it.
    func ownedLatest(_ documentId: String, actor: String, tenant: String, in operations: any DocumentOperations) async throws -> DocumentVersion {
        let latest = try await readableVersion(documentId, version: nil, actor: actor, tenant: tenant, in: operations)
        guard latest.userId == actor else {
            throw ContractError(.forbidden, "only the document's owner may do this", details: ["field": "documentId"])
        }
        return latest
    }

    /// Bytes as base64 (standard alphabet, padded).
    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
