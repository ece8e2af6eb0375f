import Foundation
public import SeedContracts
import SeedServiceKit
import SeedStore

// Quotas announced when used up, and the monthly usage record built from the services' events
// (issue 23, decision 0035).

extension IdentityService {
    /// `identity.report-quota-exceeded.v1`: a service refused a request by a tenant's quota. The first
    /// report of a tenant, quota and period is announced (`identity.tenant-quota-exceeded.v1`) and
    /// counted in the month's usage record; later ones change nothing.
    public func reportQuotaExceeded(_ command: ReportQuotaExceededV1, envelope: MessageEnvelope) async throws -> Accepted {
        guard (1...40).contains(command.period.count), (1...40).contains(command.service.count) else {
            throw ContractError.validation("period and service have 1 to 40 characters", field: "period")
        }
        return try await work.once(envelope) { tx in
            try await announceQuotaExceeded(
                tenantId: command.tenantId, quota: command.quota, limit: command.limit, period: command.period, service: command.service, in: tx)
            return Accepted()
        }
    }

    /// Stores the notice of a tenant, quota and period and announces it, unless one is stored already.
    func announceQuotaExceeded(tenantId: String, quota: TenantQuota, limit: Int, period: String, service: String, in tx: Transaction) async throws {
        let id = "\(tenantId):\(quota.rawValue):\(period)"
        guard try await tx.quotaNotices.first(.equal("_id", .string(id))) == nil else { return }
        try await tx.quotaNotices.insert(QuotaNotice(id: id, tenantId: tenantId, quota: quota.rawValue, period: period, service: service, createdAt: tx.now))
        try await tx.usage.update(
            .equal("_id", .string(TenantUsage.id(tenant: tenantId, month: TenantUsageMonth.month(of: tx.now)))),
            Update([.addToSet("quotaExceeded", .string(quota.rawValue))]) + usageStamp(tenantId, tx.now), upsert: true)
        try await tx.publish(TenantQuotaExceededV1(tenantId: tenantId, quota: quota, limit: limit, period: period, service: service))
    }

    /// Identity's own refusal by the users quota, announced in a transaction of its own (the refused
    /// command's transaction changes nothing).
    func reportOwnRefusal(_ error: ContractError, tenantId: String, quota: TenantQuota, limit: Int) async {
        let now = now()
        let envelope = MessageEnvelope(
            messageId: "quota:\(tenantId):\(quota.rawValue):\(quota.period(at: now))", type: ReportQuotaExceededV1.messageType, tenant: tenantId,
            actor: "identity")
        do {
            _ = try await work.once(envelope, consumer: "identity.quota-notices") { tx in
                try await announceQuotaExceeded(tenantId: tenantId, quota: quota, limit: limit, period: quota.period(at: tx.now), service: "identity", in: tx)
                return Accepted()
            }
        } catch {
            logger.warning("quota refusal not announced", metadata: ["tenant": "\(tenantId)", "error": "\(error)"])
        }
    }

    /// `identity.get-tenant-usage.v1`: administrators, or the tenant's own live API key with the
    /// `usage:read` scope (decision 0044), read a tenant's month (default: the current one).
    public func tenantUsage(_ command: GetTenantUsageV1, envelope: MessageEnvelope) async throws -> TenantUsageV1 {
        if let month = command.month, !TenantUsageMonth.isMonth(month) {
            throw ContractError.validation("month is YYYY-MM", field: "month")
        }
        return try await work.mapStoreErrors {
            try await authorizeUsageReader(envelope, tenantId: command.tenantId, in: store)
            let tenant = try await existingTenant(command.tenantId, in: store)
            let month = command.month ?? TenantUsageMonth.month(of: now())
            let usage = try await DocumentCollection(TenantUsage.self, in: store).first(.equal("_id", .string(TenantUsage.id(tenant: tenant.id, month: month))))
            let users = try await DocumentCollection(User.self, in: store).count(.and([.equal("tenantId", .string(tenant.id)), .exists("deletedAt", false)]))
            let bytes = try await storageUsed(by: tenant.id, in: store)
            return TenantUsageV1(
                tenantId: tenant.id, month: month, plan: tenant.plan, messagesSent: usage?.messagesSent ?? 0,
                storageBytesAdded: usage?.storageBytesAdded ?? 0, storageBytesRemoved: usage?.storageBytesRemoved ?? 0, storageBytesUsed: bytes,
                activeUsers: usage?.activeUsers ?? 0, users: users, quotaExceeded: (usage?.quotaExceeded ?? []).compactMap(TenantQuota.init(rawValue:)),
                updatedAt: usage?.updatedAt)
        }
    }

    /// A platform administrator, or an API key of this very tenant that is live and carries `usage:read`.
    /// The gateway checked the key already; identity checks it again against its own records, so a key
    /// revoked a moment ago or a key of another tenant reads nothing.
    private func authorizeUsageReader(_ envelope: MessageEnvelope, tenantId: String, in store: any DocumentOperations) async throws {
        guard let keyId = APIKeyActor.keyId(of: envelope.actor) else {
            _ = try await administrator(envelope, in: store)
            return
        }
        let key = try await DocumentCollection(APIKey.self, in: store).first(.equal("_id", .string(keyId)))
        guard let key, key.isLive(at: now()), key.tenantId == tenantId, envelope.tenant == tenantId, key.scopes.contains("usage:read") else {
            throw ContractError(.forbidden, "an API key reads only its own tenant's usage, and needs the usage:read scope", details: ["scope": "usage:read"])
        }
    }

    /// The bytes of the tenant's live documents, as identity learned them from documents' events.
    func storageUsed(by tenantId: String, in operations: any DocumentOperations) async throws -> Int {
        let stored = try await DocumentCollection(DocumentSize.self, in: operations).aggregate(
            Aggregation(match: .equal("tenantId", .string(tenantId)), groupBy: .all, accumulators: [("bytes", .sum("bytes"))]))
        return stored.first?.value(at: "bytes")?.number.map { Int($0) } ?? 0
    }

    // MARK: - Usage from the services' events

    /// `messaging.message-sent` in a tenant: one more message this month, and its sender active.
    public func messageSent(_ event: MessageSentV1, envelope: MessageEnvelope) async throws {
        guard let tenantId = envelope.tenant, !tenantId.isEmpty else { return }
        _ = try await work.once(envelope, consumer: "identity.usage") { tx in
            try await count(tenantId, Update([.increment("messagesSent", .int64(1))]), in: tx)
            try await markActive(event.message.senderId, tenantId: tenantId, in: tx)
            return Accepted()
        }
    }

    /// `documents.document-uploaded` or `documents.document-version-added` in a tenant: bytes stored.
    public func documentStored(_ document: DocumentV1, envelope: MessageEnvelope) async throws {
        guard document.tenantId != "platform" else { return }
        _ = try await work.once(envelope, consumer: "identity.usage") { tx in
            try await count(document.tenantId, Update([.increment("storageBytesAdded", .int64(Int64(document.fileSize)))]), in: tx)
            _ = try await tx.documentSizes.update(
                .equal("_id", .string(document.documentId)),
                Update([.increment("bytes", .int64(Int64(document.fileSize))), .set("tenantId", .string(document.tenantId)), .set("updatedAt", .date(tx.now))]),
                upsert: true)
            return Accepted()
        }
    }

    /// `documents.document-deleted`: the document's bytes (as far as identity saw them stored) removed.
    public func documentDeleted(_ event: DocumentDeletedV1, envelope: MessageEnvelope) async throws {
        guard event.tenantId != "platform" else { return }
        _ = try await work.once(envelope, consumer: "identity.usage") { tx in
            guard let size = try await tx.documentSizes.first(.equal("_id", .string(event.documentId))) else { return Accepted() }
            try await count(event.tenantId, Update([.increment("storageBytesRemoved", .int64(Int64(size.bytes)))]), in: tx)
            try await tx.documentSizes.delete(.equal("_id", .string(event.documentId)))
            return Accepted()
        }
    }

    /// Counts a change in the tenant's record of this month.
    func count(_ tenantId: String, _ change: Update, in tx: Transaction) async throws {
        try await tx.usage.update(
            .equal("_id", .string(TenantUsage.id(tenant: tenantId, month: TenantUsageMonth.month(of: tx.now)))), change + usageStamp(tenantId, tx.now),
            upsert: true)
    }

    /// Counts `userId` as active in the tenant's month, once.
    func markActive(_ userId: String, tenantId: String, in tx: Transaction) async throws {
        let month = TenantUsageMonth.month(of: tx.now)
        let id = "\(tenantId):\(month):\(userId)"
        guard try await tx.activeUsers.first(.equal("_id", .string(id))) == nil else { return }
        try await tx.activeUsers.insert(ActiveUserMark(id: id, tenantId: tenantId, month: month, createdAt: tx.now))
        try await count(tenantId, Update([.increment("activeUsers", .int64(1))]), in: tx)
    }

    private func usageStamp(_ tenantId: String, _ now: Date) -> Update {
        Update([.set("tenantId", .string(tenantId)), .set("month", .string(TenantUsageMonth.month(of: now))), .set("updatedAt", .date(now))])
    }
}

extension Transaction {
    var usage: DocumentCollection<TenantUsage> { collection(TenantUsage.self) }
    var activeUsers: DocumentCollection<ActiveUserMark> { collection(ActiveUserMark.self) }
    var documentSizes: DocumentCollection<DocumentSize> { collection(DocumentSize.self) }
    var quotaNotices: DocumentCollection<QuotaNotice> { collection(QuotaNotice.self) }
}
