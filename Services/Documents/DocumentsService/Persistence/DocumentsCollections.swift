public import SeedStore
import SeedServiceKit

// Where each documents record lives and the indexes seeds 000, 001 and 002 give it, created at
// start-up. Decision 0018 explains how the seeds' three models are merged.

extension DocumentVersion: StoredDocument {
    static let collection = CollectionSpec(
        "documents",
        indexes: [
            // Seed 000.
            IndexSpec([.ascending("sprintId"), .ascending("fieldName")]),
            IndexSpec([.ascending("userId"), .descending("uploadedAt")]),
            IndexSpec([.ascending("reviewStatus")]),
            IndexSpec([.ascending("fileName")]),
            // Seed 001: tenant_id, uploader_id, sharing.type.
            IndexSpec([.ascending("tenantId")]),
            IndexSpec([.ascending("sharing.type")]),
            // Seed 002 (uploadedBy is seed 001's uploader_id too).
            IndexSpec([.ascending("businessId")]),
            IndexSpec([.ascending("uploadedBy")]),
            IndexSpec([.ascending("status")]),
            IndexSpec([.ascending("fileType")]),
            IndexSpec([.descending("uploadedAt")]),
            IndexSpec([.ascending("businessId"), .descending("uploadedAt")]),
            // The chain: one row per version number, versions listed newest first.
            IndexSpec([.ascending("documentId"), .descending("version")], unique: true),
            // Blobs still referenced (purge), and deleted rows past retention.
            IndexSpec([.ascending("checksum")]),
            IndexSpec([.ascending("thumbnailKey")], sparse: true),
            IndexSpec([.ascending("purgeAfter")], sparse: true),
        ],
        fields: ["isLatest", "deletedAt", "sharing", "version", "previousVersion", "reviewedBy", "reviewedAt", "reviewNotes", "updatedAt", "fileSize"])
}

extension DocumentText: StoredDocument {
    static let collection = CollectionSpec("document_texts", indexes: [IndexSpec([.ascending("documentId")])]).tenantScoped(by: "tenantId")
}

extension DocumentShare: StoredDocument {
    static let collection = CollectionSpec(
        "document_shares",
        indexes: [
            IndexSpec([.ascending("tokenHash")], unique: true, sparse: true),
            IndexSpec([.ascending("documentId"), .ascending("revokedAt")]),
        ],
        fields: ["downloads", "maxDownloads", "expiresAt", "type", "conversationId"]
    ).tenantScoped(by: "tenantId")
}

extension PendingUpload: StoredDocument {
    static let collection = CollectionSpec("pending_uploads", indexes: [IndexSpec([.ascending("expiresAt")])], fields: ["received"]).tenantScoped(by: "tenantId")
}

extension SprintRecord: StoredDocument {
    static let collection = CollectionSpec("sprints", indexes: [IndexSpec([.ascending("tenantId")])])
}

extension ConversationMembership: StoredDocument {
    static let collection = CollectionSpec(
        "conversation_members", indexes: [IndexSpec([.ascending("conversationId"), .ascending("userId")], unique: true)], fields: ["isActive"])
}

/// The documents database's collections and their indexes, created at start-up.
public enum DocumentsCollections {
    public static let all: [CollectionSpec] = [
        DocumentVersion.collection, DocumentText.collection, DocumentShare.collection, PendingUpload.collection, SprintRecord.collection,
        ConversationMembership.collection, TenantQuotaRecord.collection,
    ]
}

extension Transaction {
    var versions: DocumentCollection<DocumentVersion> { collection(DocumentVersion.self) }
    var texts: DocumentCollection<DocumentText> { collection(DocumentText.self) }
    var shares: DocumentCollection<DocumentShare> { collection(DocumentShare.self) }
    var uploads: DocumentCollection<PendingUpload> { collection(PendingUpload.self) }
    var sprints: DocumentCollection<SprintRecord> { collection(SprintRecord.self) }
    var memberships: DocumentCollection<ConversationMembership> { collection(ConversationMembership.self) }
}
