import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension TenantQuotaRecord: StoredDocument {
    static let collection = CollectionSpec("tenant_quota_records").tenantScoped(by: "_id")
}

extension DocumentsService {
    /// Keeps the quota read model from identity's `tenant-quotas-changed` (newest version wins, so a
    /// late, older event changes nothing).
    public func tenantQuotasChanged(_ event: TenantQuotasChangedV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "documents.quotas") { tx in
            let records = tx.collection(TenantQuotaRecord.self)
            let existing = try await records.first(.equal("_id", .string(event.tenantId)))
            let version = event.version ?? 0
            guard existing.map({ $0.version < version || event.version == nil }) ?? true else { return Accepted() }
            let record = TenantQuotaRecord(id: event.tenantId, storageBytes: event.quotas.storageBytes, version: version, updatedAt: tx.now)
            if existing == nil { try await records.insert(record) } else { try await records.replace(record) }
            return Accepted()
        }
    }

    /// Refuses (`conflict`, `reason` `quota_exceeded`, quota `storageBytes`) storing `bytes` more when
    /// the tenant's stored versions (deleted ones count until they are purged) would pass its
    /// `storageBytes` quota.
    func requireStorage(_ bytes: Int, tenant: String, in operations: any DocumentOperations) async throws {
        guard let limit = try await DocumentCollection(TenantQuotaRecord.self, in: operations).first(.equal("_id", .string(tenant)))?.storageBytes else {
            return
        }
        let sums = try await DocumentCollection(DocumentVersion.self, in: operations).aggregate(
            Aggregation(match: .equal("tenantId", .string(tenant)), groupBy: .all, accumulators: [("bytes", .sum("fileSize"))]))
        let used = sums.first?.value(at: "bytes")?.number.map { Int($0) } ?? 0
        guard used + bytes <= limit else {
            throw ContractError.quotaExceeded(.storageBytes, limit: limit, current: used, tenantId: tenant)
        }
        // Two uploads of the tenant completing at once write the same record, so on MongoDB one of them
        // is refused as a conflict (to retry) instead of both passing the quota.
        try await DocumentCollection(TenantQuotaRecord.self, in: operations).update(
            .equal("_id", .string(tenant)), Update([.increment("checks", .int64(1))]))
    }

    /// Tells identity that a quota refused a request, once per tenant, quota and period from this
    /// service (the inbox keeps the notice's id), through the outbox.
    func reportQuotaExceeded(_ error: ContractError, tenant: String) async {
        guard let quota = error.details["quota"].flatMap(TenantQuota.init(rawValue:)), let limit = error.details["limit"].flatMap({ Int($0) }) else { return }
        let period = quota.period(at: work.now)
        let envelope = MessageEnvelope(
            messageId: "quota:\(tenant):\(quota.rawValue):\(period)", type: ReportQuotaExceededV1.messageType, tenant: tenant, actor: "documents")
        _ = try? await work.once(envelope, consumer: "documents.quota-notices") { tx in
            try await tx.send(ReportQuotaExceededV1(tenantId: tenant, quota: quota, limit: limit, period: period, service: "documents"))
            return Accepted()
        }
    }
}
