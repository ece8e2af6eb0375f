import Foundation
import IdentityService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Quotas enforced and announced; the monthly usage record")
struct QuotaBillingTests {
    /// A super administrator and the tenant `acme`.
    private static func tenant(_ fixture: IdentityFixture, quotas: TenantQuotasV1? = nil) async throws -> UserV1 {
        let root = try await fixture.register("root@example.com")
        _ = try await fixture.service.createTenant(CreateTenantV1(id: "acme", name: "Acme"), envelope: fixture.envelope(CreateTenantV1.self, actor: root.id))
        if let quotas {
            _ = try await fixture.service.updateTenant(UpdateTenantV1(tenantId: "acme", quotas: quotas), envelope: fixture.envelope(UpdateTenantV1.self, actor: root.id))
        }
        return root
    }

    private static func upsert(_ fixture: IdentityFixture, _ externalId: String) async throws -> UserV1 {
        try await fixture.service.upsertTenantUser(
            UpsertTenantUserV1(externalId: externalId, displayName: externalId), envelope: fixture.envelope(UpsertTenantUserV1.self, tenant: "acme"))
    }

    @Test("a new end user past the users quota is a 409 quota_exceeded naming the quota that changes nothing; updates still work; announced once a month")
    func usersQuota() async throws {
        let fixture = try await IdentityFixture.make()
        _ = try await Self.tenant(fixture, quotas: TenantQuotasV1(users: 2))
        _ = try await Self.upsert(fixture, "u-1")
        _ = try await Self.upsert(fixture, "u-2")

        let refused = await expectContractError(.conflict, field: "quotas.users") { _ = try await Self.upsert(fixture, "u-3") }
        #expect(refused?.details["reason"] == "quota_exceeded")
        #expect(refused?.details["quota"] == "users" && refused?.details["limit"] == "2" && refused?.details["current"] == "2")
        #expect(try await fixture.count(User.self, .equal("tenantId", .string("acme"))) == 2)
        await expectContractError(.conflict, field: "quotas.users") { _ = try await Self.upsert(fixture, "u-4") }
        // An existing user is updated as before.
        #expect(try await Self.upsert(fixture, "u-1").externalId == "u-1")

        let announced = try await fixture.events(TenantQuotaExceededV1.self)
        #expect(announced == [TenantQuotaExceededV1(tenantId: "acme", quota: .users, limit: 2, period: "2027-01", service: "identity")])
    }

    @Test("a reported refusal is announced once per tenant, quota and period and listed in the month's usage record")
    func reportedRefusals() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await Self.tenant(fixture)
        let report = { (period: String) in
            _ = try await fixture.service.reportQuotaExceeded(
                ReportQuotaExceededV1(tenantId: "acme", quota: .messagesPerDay, limit: 100, period: period, service: "messaging"),
                envelope: fixture.envelope(ReportQuotaExceededV1.self, tenant: "acme"))
        }
        try await report("2027-01-15")
        try await report("2027-01-15")
        try await report("2027-01-16")
        #expect(try await fixture.events(TenantQuotaExceededV1.self).map(\.period) == ["2027-01-15", "2027-01-16"])
        let usage = try await fixture.service.tenantUsage(GetTenantUsageV1(tenantId: "acme"), envelope: fixture.envelope(GetTenantUsageV1.self, actor: root.id))
        #expect(usage.month == "2027-01" && usage.quotaExceeded == [.messagesPerDay])
    }

    @Test("the usage record counts messages sent, distinct active users and bytes stored and deleted from the services' events, per month")
    func usageFromEvents() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await Self.tenant(fixture, quotas: TenantQuotasV1(storageBytes: 1_000_000))
        let grace = try await Self.upsert(fixture, "grace")
        let event = { (sender: String) in
            var message = ChatMessageV1.example
            message.senderId = sender
            return MessageSentV1(message: message, recipients: [sender])
        }
        for sender in [grace.id, grace.id, "665f1a0b9b1d4a0012ab9999"] {
            try await fixture.service.messageSent(event(sender), envelope: fixture.envelope(ReportQuotaExceededV1.self, tenant: "acme"))
        }
        // A redelivered event counts once; a platform message (no tenant) not at all.
        let once = fixture.envelope(ReportQuotaExceededV1.self, tenant: "acme")
        try await fixture.service.messageSent(event(grace.id), envelope: once)
        try await fixture.service.messageSent(event(grace.id), envelope: once)
        try await fixture.service.messageSent(event(grace.id), envelope: fixture.envelope(ReportQuotaExceededV1.self))

        var document = DocumentV1.example
        document.tenantId = "acme"
        document.fileSize = 4_000
        try await fixture.service.documentStored(document, envelope: fixture.envelope(ReportQuotaExceededV1.self))
        document.fileSize = 6_000
        try await fixture.service.documentStored(document, envelope: fixture.envelope(ReportQuotaExceededV1.self))
        let asRoot = { fixture.envelope(GetTenantUsageV1.self, actor: root.id) }
        var usage = try await fixture.service.tenantUsage(GetTenantUsageV1(tenantId: "acme"), envelope: asRoot())
        #expect(usage.messagesSent == 4 && usage.activeUsers == 2 && usage.users == 1)
        #expect(usage.storageBytesAdded == 10_000 && usage.storageBytesUsed == 10_000 && usage.storageBytesRemoved == 0)

        try await fixture.service.documentDeleted(
            DocumentDeletedV1(documentId: document.documentId, tenantId: "acme", sprintId: nil, businessId: nil, deletedBy: grace.id, purgeAfter: fixture.clock.now),
            envelope: fixture.envelope(ReportQuotaExceededV1.self))
        usage = try await fixture.service.tenantUsage(GetTenantUsageV1(tenantId: "acme"), envelope: asRoot())
        #expect(usage.storageBytesRemoved == 10_000 && usage.storageBytesUsed == 0)

        // A new month starts from zero; the old one stays readable.
        fixture.clock.advance(by: 40 * 86_400)
        try await fixture.service.messageSent(event(grace.id), envelope: fixture.envelope(ReportQuotaExceededV1.self, tenant: "acme"))
        let next = try await fixture.service.tenantUsage(GetTenantUsageV1(tenantId: "acme"), envelope: asRoot())
        #expect(next.month == "2027-02" && next.messagesSent == 1 && next.activeUsers == 1)
        #expect(try await fixture.service.tenantUsage(GetTenantUsageV1(tenantId: "acme", month: "2027-01"), envelope: asRoot()).messagesSent == 4)

        await expectContractError(.validation, field: "month") {
            _ = try await fixture.service.tenantUsage(GetTenantUsageV1(tenantId: "acme", month: "2027-13"), envelope: asRoot())
        }
        let ada = try await fixture.register("ada@example.com")
        await expectContractError(.forbidden) {
            _ = try await fixture.service.tenantUsage(GetTenantUsageV1(tenantId: "acme"), envelope: fixture.envelope(GetTenantUsageV1.self, actor: ada.id))
        }
        await expectContractError(.notFound, field: "tenantId") {
            _ = try await fixture.service.tenantUsage(GetTenantUsageV1(tenantId: "nope"), envelope: asRoot())
        }
    }

    @Test("a storage quota below the bytes the tenant stores is a 409 naming quotas.storageBytes that changes nothing")
    func storageQuotaBelowUse() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await Self.tenant(fixture, quotas: TenantQuotasV1(storageBytes: 50_000))
        var document = DocumentV1.example
        document.tenantId = "acme"
        document.fileSize = 20_000
        try await fixture.service.documentStored(document, envelope: fixture.envelope(ReportQuotaExceededV1.self))
        let update = { (bytes: Int) in
            try await fixture.service.updateTenant(
                UpdateTenantV1(tenantId: "acme", quotas: TenantQuotasV1(storageBytes: bytes)), envelope: fixture.envelope(UpdateTenantV1.self, actor: root.id))
        }
        let refused = await expectContractError(.conflict, field: "quotas.storageBytes") { _ = try await update(19_999) }
        #expect(refused?.details["current"] == "20000")
        #expect(try await fixture.events(TenantQuotasChangedV1.self).count == 1)
        #expect(try await update(20_000).quotas?.storageBytes == 20_000)
    }

    @Test("quota changes carry a growing version for the services' read models")
    func quotaVersions() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await Self.tenant(fixture, quotas: TenantQuotasV1(messagesPerDay: 10))
        _ = try await fixture.service.updateTenant(
            UpdateTenantV1(tenantId: "acme", quotas: TenantQuotasV1(messagesPerDay: 20)), envelope: fixture.envelope(UpdateTenantV1.self, actor: root.id))
        #expect(try await fixture.events(TenantQuotasChangedV1.self).map(\.version) == [1, 2])
    }
}
