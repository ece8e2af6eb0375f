import Foundation
@testable import MessagingService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Tenants' messages-per-day quota")
struct MessagingQuotaTests {
    private static func announce(_ chat: ChatHarness, messagesPerDay: Int?, version: Int) async throws {
        try await chat.service.tenantQuotasChanged(
            TenantQuotasChangedV1(tenantId: "acme", plan: nil, quotas: TenantQuotasV1(messagesPerDay: messagesPerDay), version: version),
            envelope: chat.fixture.envelope(ReportQuotaExceededV1.self))
    }

    @Test("past the tenant's messages per day a message is a 429 quota_exceeded naming the quota that stores and announces nothing; reported to identity once; the next UTC day has room")
    func messagesPerDay() async throws {
        let chat = try await ChatHarness.make()
        try await Self.announce(chat, messagesPerDay: 2, version: 1)
        let conversation = try await chat.group(owner: "ada", members: ["bob"], tenant: "acme")
        try await chat.send("one", by: "ada", in: conversation, tenant: "acme")
        try await chat.send("two", by: "bob", in: conversation, tenant: "acme")
        let before = try await chat.snapshot()

        let refused = await expectContractError(.rateLimited, field: "quotas.messagesPerDay") {
            try await chat.send("three", by: "ada", in: conversation, tenant: "acme")
        }
        #expect(refused?.details["reason"] == "quota_exceeded" && refused?.details["quota"] == "messagesPerDay" && refused?.details["limit"] == "2")
        // The clock stands at 08:00 UTC: the quota has room again at midnight, 16 hours later.
        #expect(refused?.details["retryAfterSeconds"] == "57600")
        await expectContractError(.rateLimited) { try await chat.send("four", by: "bob", in: conversation, tenant: "acme") }
        #expect(try await chat.snapshot() == before)
        #expect(try await chat.fixture.sentCommands(ReportQuotaExceededV1.self) == [
            ReportQuotaExceededV1(tenantId: "acme", quota: .messagesPerDay, limit: 2, period: "2027-01-15", service: "messaging"),
        ])

        // Other tenants and the platform's own users are not counted against it.
        let other = try await chat.group(owner: "ada", members: ["bob"])
        try await chat.send("elsewhere", by: "ada", in: other)

        chat.fixture.clock.advance(by: 16 * 3600)
        try await chat.send("a new day", by: "ada", in: conversation, tenant: "acme")
    }

    @Test("the quota read model keeps the newest version: a late, older announcement changes nothing; no quota means no limit")
    func readModelKeepsTheNewest() async throws {
        let chat = try await ChatHarness.make()
        try await Self.announce(chat, messagesPerDay: 1, version: 2)
        try await Self.announce(chat, messagesPerDay: 100, version: 1)
        let conversation = try await chat.group(owner: "ada", members: ["bob"], tenant: "acme")
        try await chat.send("one", by: "ada", in: conversation, tenant: "acme")
        await expectContractError(.rateLimited) { try await chat.send("two", by: "ada", in: conversation, tenant: "acme") }

        try await Self.announce(chat, messagesPerDay: nil, version: 3)
        for text in ["two", "three", "four"] { try await chat.send(text, by: "ada", in: conversation, tenant: "acme") }
        #expect(try await chat.messageCount(in: conversation) >= 4)
    }
}
