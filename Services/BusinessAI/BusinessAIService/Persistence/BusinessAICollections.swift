public import SeedStore
import SeedServiceKit

// Where each business-ai record lives, with every index seed 002 gives it (decision 0024). The
// seed's `users` collection is identity's; business-ai keeps only a directory of account emails.

extension Business: StoredDocument {
    static let collection = CollectionSpec(
        "businesses",
        indexes: [
            // Seed 002.
            IndexSpec([.ascending("businessSlug")], unique: true),
            IndexSpec([.ascending("businessName")], unique: true),
            IndexSpec([.ascending("createdBy")]),
            IndexSpec([.ascending("isActive")]),
            // Names are unique ignoring case.
            IndexSpec([.ascending("nameKey")], unique: true),
        ],
        fields: ["chatSettings", "subscription", "stats", "updatedAt"])
}

extension BusinessMember: StoredDocument {
    static let collection = CollectionSpec(
        "business_members",
        indexes: [
            // Seed 002: one role per user and business.
            IndexSpec([.ascending("userId"), .ascending("businessId")], unique: true),
            IndexSpec([.ascending("businessId")]),
            IndexSpec([.ascending("userId")]),
            IndexSpec([.ascending("status")]),
            // Invitations found by email when the invitee's account becomes known.
            IndexSpec([.ascending("email"), .ascending("status")]),
        ],
        fields: ["role", "createdAt"])
}

extension CustomRole: StoredDocument {
    static let collection = CollectionSpec(
        "roles",
        indexes: [
            // Seed 002.
            IndexSpec([.ascending("businessId"), .ascending("roleSlug")], unique: true),
            IndexSpec([.ascending("businessId")]),
        ],
        fields: ["roleName"])
}

extension IngestedDocument: StoredDocument {
    static let collection = CollectionSpec(
        "ingested_documents",
        indexes: [
            // Seed 002 `documents`.
            IndexSpec([.ascending("businessId")]),
            IndexSpec([.ascending("uploadedBy")]),
            IndexSpec([.ascending("status")]),
            IndexSpec([.ascending("fileType")]),
            IndexSpec([.descending("uploadedAt")]),
            IndexSpec([.ascending("businessId"), .descending("uploadedAt")]),
        ])
}

extension PublicChat: StoredDocument {
    static let collection = CollectionSpec(
        "public_chats",
        indexes: [
            // Seed 002.
            IndexSpec([.ascending("businessId"), .descending("createdAt")]),
            IndexSpec([.ascending("sessionId")]),
            IndexSpec([.descending("createdAt")]),
            IndexSpec([.ascending("businessId"), .text("question")]),
        ],
        fields: ["covered", "wasHelpful", "confidence"])
}

extension IngestionJob: StoredDocument {
    static let collection = CollectionSpec("ingestion_jobs", indexes: [IndexSpec([.ascending("queuedAt")]), IndexSpec([.ascending("businessId")])])
}

extension ArchivedChat: StoredDocument {
    static let collection = CollectionSpec("public_chats_archive", indexes: [IndexSpec([.ascending("businessId"), .descending("archivedAt")])])
}

extension DirectoryUser: StoredDocument {
    static let collection = CollectionSpec("directory", indexes: [IndexSpec([.ascending("email")])], fields: ["status"])
}

/// The business-ai database's collections and their indexes, created at start-up.
public enum BusinessAICollections {
    public static let all: [CollectionSpec] = [
        Business.collection, BusinessMember.collection, CustomRole.collection, IngestedDocument.collection, PublicChat.collection,
        DirectoryUser.collection, IngestionJob.collection, ArchivedChat.collection,
    ]
}

extension Transaction {
    var businesses: DocumentCollection<Business> { collection(Business.self) }
    var members: DocumentCollection<BusinessMember> { collection(BusinessMember.self) }
    var roles: DocumentCollection<CustomRole> { collection(CustomRole.self) }
    var ingested: DocumentCollection<IngestedDocument> { collection(IngestedDocument.self) }
    var chats: DocumentCollection<PublicChat> { collection(PublicChat.self) }
    var directory: DocumentCollection<DirectoryUser> { collection(DirectoryUser.self) }
    var jobs: DocumentCollection<IngestionJob> { collection(IngestionJob.self) }
    var archive: DocumentCollection<ArchivedChat> { collection(ArchivedChat.self) }
}
