import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

extension MessagingService {
    /// Keeps the quota read model from identity's `tenant-quotas-changed` (newest version wins, so a
    /// late, older event changes nothing).
    public func tenantQuotasChanged(_ event: TenantQuotasChangedV1, envelope: MessageEnvelope) async throws {
        _ = try await work.once(envelope, consumer: "messaging.quotas") { tx in
            let existing = try await tx.tenantQuotas.first(.equal("_id", .string(event.tenantId)))
            let version = event.version ?? 0
            guard existing.map({ $0.version < version || event.version == nil }) ?? true else { return Accepted() }
            let record = TenantQuotaRecord(id: event.tenantId, messagesPerDay: event.quotas.messagesPerDay, version: version, updatedAt: tx.now)
            if existing == nil { try await tx.tenantQuotas.insert(record) } else { try await tx.tenantQuotas.replace(record) }
            return Accepted()
        }
    }

    /// Counts one message against the tenant's `messagesPerDay` quota (UTC day), or refuses it
    /// (`rate_limited`, `reason` `quota_exceeded`, retry at the next UTC midnight) when the day's
    /// messages reached it. Tenants without that quota are not counted.
    func consumeMessageQuota(tenant: String, in tx: Transaction) async throws {
        guard let limit = try await tx.tenantQuotas.first(.equal("_id", .string(tenant)))?.messagesPerDay else { return }
        let day = TenantQuota.messagesPerDay.period(at: tx.now)
        let id = "\(tenant):\(day)"
        let used = try await tx.dailyMessageCounts.first(.equal("_id", .string(id)))?.count ?? 0
        let midnight = TenantUsageMonth.calendar.startOfDay(for: tx.now).addingTimeInterval(86_400)
        guard used < limit else {
            throw ContractError.quotaExceeded(
                .messagesPerDay, limit: limit, current: used, tenantId: tenant, retryAfterSeconds: Int(midnight.timeIntervalSince(tx.now).rounded(.up)))
        }
        try await tx.dailyMessageCounts.update(
            .equal("_id", .string(id)),
            Update([.increment("count", .int64(1)), .set("tenantId", .string(tenant)), .set("expiresAt", .date(midnight.addingTimeInterval(2 * 86_400)))]),
            upsert: true)
    }

    /// Tells identity that a quota refused a request, once per tenant, quota and period from this
    /// service (the inbox keeps the notice's id), through the outbox.
    func reportQuotaExceeded(_ error: ContractError, tenant: String) async {
        guard let quota = error.details["quota"].flatMap(TenantQuota.init(rawValue:)), let limit = error.details["limit"].flatMap({ Int($0) }) else { return }
        let period = quota.period(at: work.now)
        let envelope = MessageEnvelope(
            messageId: "quota:\(tenant):\(quota.rawValue):\(period)", type: ReportQuotaExceededV1.messageType, tenant: tenant, actor: "messaging")
        _ = try? await work.once(envelope, consumer: "messaging.quota-notices") { tx in
            try await tx.send(ReportQuotaExceededV1(tenantId: tenant, quota: quota, limit: limit, period: period, service: "messaging"))
            return Accepted()
        }
    }
}
