import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import SeedServiceTesting
import Testing

@testable import GatewayService

/// Tenants' quotas enforced where the work happens, the usage record, and API keys' expiry,
/// rotation and last use, through the gateway on the real broker and Redis (decisions 0035, 0036).
@Suite("Quotas, usage and API keys through the gateway", .serialized)
struct IdentityQuotaJourneyTests {
    /// A tenant with an application and an API key with `scopes`, made by the bootstrap super admin.
    private static func tenant(
        _ client: some TestClientProtocol, _ id: String, scopes: [String], expiresAt: Date? = nil
    ) async throws -> (root: SessionTokensV1, applicationId: String, key: CreatedAPIKeyV1) {
        let root = try await identityJourneyUser(client, "root")
        try #require(try await client.call(.post, "/api/v1/tenants", token: root.accessToken, body: CreateTenantV1(id: id, name: id)).status == .created)
        let app = try await client.call(.post, "/api/v1/tenants/\(id)/applications", token: root.accessToken, json: #"{"name":"Chat"}"#).decode(ApplicationV1.self)
        let created = try await client.call(
            .post, "/api/v1/tenants/\(id)/api-keys", token: root.accessToken,
            body: CreateAPIKeyBody(applicationId: app.id, name: "backend", scopes: scopes, expiresAt: expiresAt))
        try #require(created.status == .created, "\(String(decoding: created.body, as: UTF8.self))")
        return (root, app.id, try created.decode(CreatedAPIKeyV1.self))
    }

    @Test("past the tenant's API requests per minute the gateway answers 429 quota_exceeded with Retry-After; identity announces it and lists it in the month's usage")
    func apiRequestsPerMinute() async throws {
        try await SuiteFixture.run { client, _ in
            let (root, _, key) = try await Self.tenant(client, "acme", scopes: ["users:read", "users:write"])
            #expect(try await client.call(.put, "/api/v1/platform/users/u-1", apiKey: key.key, json: #"{"displayName":"Grace"}"#).status == .ok)
            let quota = try await client.call(.patch, "/api/v1/tenants/acme", token: root.accessToken, json: #"{"quotas":{"apiRequestsPerMinute":3}}"#)
            #expect(quota.status == .ok)

            var answers: [HTTPResult] = []
            for _ in 0..<4 { answers.append(try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: key.key)) }
            #expect(answers.prefix(3).allSatisfy { $0.status == .ok })
            let refused = try #require(answers.last)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.error?.details["reason"] == "quota_exceeded" && refused.error?.details["quota"] == "apiRequestsPerMinute")
            #expect(refused.headers[.retryAfter].flatMap { Int($0) }.map { (1...60).contains($0) } == true)
            // Bearer-token callers are not the tenant's API traffic.
            #expect(try await client.call(.get, "/api/v1/tenants/acme", token: root.accessToken).status == .ok)

            try await eventually("identity counts the refusal in the usage record") {
                let usage = try await client.call(.get, "/api/v1/tenants/acme/usage", token: root.accessToken).decode(TenantUsageV1.self)
                return usage.quotaExceeded == [.apiRequestsPerMinute]
            }
            let badMonth = try await client.call(.get, "/api/v1/tenants/acme/usage?month=2026-13", token: root.accessToken)
            #expect(badMonth.status == .badRequest && badMonth.error?.details["field"] == "month")
        }
    }

    @Test("a tenant's backend reads its own usage record with a usage:read API key; a key without the scope, another tenant's key, a revoked key and a plain user are refused")
    func tenantReadsItsOwnUsage() async throws {
        try await SuiteFixture.run { client, _ in
            let (root, applicationId, key) = try await Self.tenant(client, "acme", scopes: ["usage:read"])
            let mine = try await client.call(.get, "/api/v1/tenants/acme/usage", apiKey: key.key)
            #expect(mine.status == .ok, "\(String(decoding: mine.body, as: UTF8.self))")
            #expect(try mine.decode(TenantUsageV1.self).tenantId == "acme")

            try #require(try await client.call(.post, "/api/v1/tenants", token: root.accessToken, body: CreateTenantV1(id: "globex", name: "globex")).status == .created)
            let globexApp = try await client.call(.post, "/api/v1/tenants/globex/applications", token: root.accessToken, json: #"{"name":"Chat"}"#).decode(ApplicationV1.self)
            let globexKey = try await client.call(
                .post, "/api/v1/tenants/globex/api-keys", token: root.accessToken,
                body: CreateAPIKeyBody(applicationId: globexApp.id, name: "backend", scopes: ["usage:read"], expiresAt: nil)).decode(CreatedAPIKeyV1.self)
            #expect(try await client.call(.get, "/api/v1/tenants/globex/usage", apiKey: globexKey.key).status == .ok)
            let foreign = try await client.call(.get, "/api/v1/tenants/acme/usage", apiKey: globexKey.key)
            #expect(foreign.status == .forbidden && foreign.error?.details["scope"] == "usage:read")

            let unscoped = try await client.call(
                .post, "/api/v1/tenants/acme/api-keys", token: root.accessToken,
                body: CreateAPIKeyBody(applicationId: applicationId, name: "users only", scopes: ["users:read"], expiresAt: nil)).decode(CreatedAPIKeyV1.self)
            let lacking = try await client.call(.get, "/api/v1/tenants/acme/usage", apiKey: unscoped.key)
            #expect(lacking.status == .forbidden && lacking.error?.details["scope"] == "usage:read")

            let user = try await identityJourneyUser(client, "plain")
            #expect(try await client.call(.get, "/api/v1/tenants/acme/usage", token: user.accessToken).status == .forbidden)

            #expect(try await client.call(.delete, "/api/v1/tenants/acme/api-keys/\(key.apiKey.id)", token: root.accessToken).status == .ok)
            let revoked = try await client.call(.get, "/api/v1/tenants/acme/usage", apiKey: key.key)
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test("a tenant's messages per day and users quotas refuse through the gateway (429 and 409 naming the quota); messages and users show in the usage record")
    func messagesAndUsers() async throws {
        try await SuiteFixture.run { client, _ in
            let (root, _, key) = try await Self.tenant(client, "acme", scopes: ["users:write", "messages:read", "messages:write"])
            let upsert = { (externalId: String) in
                try await client.call(.put, "/api/v1/platform/users/\(externalId)", apiKey: key.key, json: #"{"displayName":"\#(externalId)"}"#)
            }
            let grace = try await upsert("u-grace").decode(UserV1.self)
            let heidi = try await upsert("u-heidi").decode(UserV1.self)
            let quotas = try await client.call(.patch, "/api/v1/tenants/acme", token: root.accessToken, json: #"{"quotas":{"users":2,"messagesPerDay":2}}"#)
            #expect(quotas.status == .ok)
            let third = try await upsert("u-ivan")
            #expect(third.status == .conflict && third.error?.details["quota"] == "users" && third.error?.details["reason"] == "quota_exceeded")

            let group = try await client.call(
                .post, "/api/v1/conversations", apiKey: key.key, actingUser: grace.id,
                body: CreateConversationV1(type: .group, title: "Support", memberIds: [heidi.id]))
            try #require(group.status == .created, "\(String(decoding: group.body, as: UTF8.self))")
            let conversation = try group.decode(ConversationV1.self).id
            let send = { (text: String) in
                try await client.call(.post, "/api/v1/conversations/\(conversation)/messages", apiKey: key.key, actingUser: grace.id, json: #"{"content":"\#(text)"}"#)
            }
            // Messaging learns the quota from identity's event; until then messages pass (and are counted once it has).
            try await eventually("messaging refuses past the day's quota") {
                let answer = try await send("hello")
                guard answer.status == .tooManyRequests else { return false }
                return answer.error?.details["quota"] == "messagesPerDay" && answer.error?.details["reason"] == "quota_exceeded"
            }
            try await eventually("identity's usage record counts the messages, the active users and both refusals") {
                let usage = try await client.call(.get, "/api/v1/tenants/acme/usage", token: root.accessToken).decode(TenantUsageV1.self)
                return usage.messagesSent >= 2 && usage.activeUsers == 2 && usage.users == 2
                    && Set(usage.quotaExceeded) == [.users, .messagesPerDay]
            }
        }
    }

    @Test("an expired key is refused even while the gateway remembers it; a rotated key works for its overlap only; lastUsedAt is written")
    func expiryRotationAndLastUse() async throws {
        try await SuiteFixture.run { client, _ in
            let expiresAt = Date().addingTimeInterval(8).rounded()
            let (root, _, expiring) = try await Self.tenant(client, "acme", scopes: ["users:read", "users:write"], expiresAt: expiresAt)
            #expect(expiring.apiKey.expiresAt == expiresAt)
            let first = try await client.call(.put, "/api/v1/platform/users/u-1", apiKey: expiring.key, json: #"{"displayName":"Grace"}"#)
            #expect(first.status == .ok || Date() >= expiresAt)
            try await eventually("the key is refused once it expired") {
                try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: expiring.key).status == .unauthorized
            }
            #expect(Date() >= expiresAt)
            let past = try await client.call(
                .post, "/api/v1/tenants/acme/api-keys", token: root.accessToken, json: #"{"applicationId":"\#(expiring.apiKey.applicationId)","name":"old","scopes":["users:read"],"expiresAt":"2020-01-01T00:00:00Z"}"#)
            #expect(past.status == .badRequest && past.error?.details["field"] == "expiresAt")

            let old = try await client.call(
                .post, "/api/v1/tenants/acme/api-keys", token: root.accessToken,
                body: CreateAPIKeyBody(applicationId: expiring.apiKey.applicationId, name: "backend", scopes: ["users:read"])).decode(CreatedAPIKeyV1.self)
            #expect(try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: old.key).status == .ok)
            let listed = { try await client.call(.get, "/api/v1/tenants/acme/api-keys", token: root.accessToken).decode(APIKeyListV1.self).keys }
            try await eventually("the gateway reports the key's use and identity writes lastUsedAt") {
                try await listed().first { $0.id == old.apiKey.id }?.lastUsedAt != nil
            }

            let rotated = try await client.call(.post, "/api/v1/tenants/acme/api-keys/\(old.apiKey.id)/rotate", token: root.accessToken, json: #"{"overlapMinutes":60}"#)
            #expect(rotated.status == .created)
            let new = try rotated.decode(CreatedAPIKeyV1.self)
            #expect(try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: new.key).status == .ok)
            #expect(try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: old.key).status == .ok, "within the overlap")
            let bad = try await client.call(.post, "/api/v1/tenants/acme/api-keys/\(new.apiKey.id)/rotate", token: root.accessToken, json: #"{"overlapMinutes":20000}"#)
            #expect(bad.status == .badRequest && bad.error?.details["field"] == "overlapMinutes")

            // Rotating the new key with no overlap ends it at once on this gateway.
            let again = try await client.call(.post, "/api/v1/tenants/acme/api-keys/\(new.apiKey.id)/rotate", token: root.accessToken, json: #"{"overlapMinutes":0}"#)
            let newest = try again.decode(CreatedAPIKeyV1.self)
            #expect(try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: new.key).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: newest.key).status == .ok)
            #expect(try await listed().first { $0.id == new.apiKey.id }?.replacedBy == newest.apiKey.id)
        }
    }
}

extension Date {
    /// This time to the whole second (as a JSON body states it).
    fileprivate func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.up)) }
}
