import SeedServiceKit
import SeedStore

// The read model of identity's tenant quotas and the daily message counts it is enforced with
// (decision 0035). Both are read by `_id` only.

extension TenantQuotaRecord: StoredDocument {
    static let collection = CollectionSpec("tenant_quota_records").tenantScoped(by: "_id")
}

extension DailyMessageCount: StoredDocument {
    static let collection = CollectionSpec("daily_message_counts", indexes: [.expiring("expiresAt")]).tenantScoped(by: "tenantId")
}

extension MessagingCollections {
    /// The collections of the quota read model (part of ``all``).
    static let quotaReadModels: [CollectionSpec] = [TenantQuotaRecord.collection, DailyMessageCount.collection]
}

extension Transaction {
    var tenantQuotas: DocumentCollection<TenantQuotaRecord> { collection(TenantQuotaRecord.self) }
    var dailyMessageCounts: DocumentCollection<DailyMessageCount> { collection(DailyMessageCount.self) }
}
