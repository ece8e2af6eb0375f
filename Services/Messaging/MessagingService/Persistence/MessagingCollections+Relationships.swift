import SeedServiceKit
import SeedStore

// The read models of identity's relationships and privacy settings (decision 0029). Both are read by
// `_id` only: a pair's record is `<userId>:<otherUserId>`, a user's privacy record is the user's id.

extension RelationshipRecord: StoredDocument {
    static let collection = CollectionSpec("relationship_records", indexes: [IndexSpec([.ascending("userId")])])
}

extension PrivacyRecord: StoredDocument {
    static let collection = CollectionSpec("privacy_records")
}

extension MessagingCollections {
    /// The collections of the relationship read models (part of ``all``).
    static let relationshipReadModels: [CollectionSpec] = [RelationshipRecord.collection, PrivacyRecord.collection]
}

extension Transaction {
    var relationshipRecords: DocumentCollection<RelationshipRecord> { collection(RelationshipRecord.self) }
    var privacyRecords: DocumentCollection<PrivacyRecord> { collection(PrivacyRecord.self) }
}
