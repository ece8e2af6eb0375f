import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import SeedServiceTesting
import Testing

@testable import GatewayService

/// Tenants' lifecycle, quotas and the key directory through the gateway.
@Suite("Tenants and keys through the gateway", .serialized)
struct IdentityTenantJourneyTests {
    @Test("a suspended tenant's API key is refused at once (even while the gateway caches it) and works again after reactivation; quotas below use are 409")
    func suspendedTenant() async throws {
        try await SuiteFixture.run { client, _ in
            let root = try await identityJourneyUser(client, "root")
            #expect(try await client.call(.post, "/api/v1/tenants", token: root.accessToken, body: CreateTenantV1(id: "acme", name: "Acme")).status == .created)
            let app = try await client.call(.post, "/api/v1/tenants/acme/applications", token: root.accessToken, json: #"{"name":"Chat"}"#).decode(ApplicationV1.self)
            let key = try await client.call(.post, "/api/v1/tenants/acme/api-keys", token: root.accessToken,
                                            json: #"{"applicationId":"\#(app.id)","name":"backend","scopes":["users:read","users:write"]}"#).decode(CreatedAPIKeyV1.self)
            #expect(try await client.call(.put, "/api/v1/platform/users/u-1", apiKey: key.key, json: #"{"displayName":"Grace"}"#).status == .ok)
            #expect(try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: key.key).status == .ok, "the key's answer is now cached")

            let apps = try await client.call(.get, "/api/v1/tenants/acme/applications", token: root.accessToken).decode(ApplicationListV1.self)
            #expect(apps.applications.map(\.id) == [app.id])

            let tooFew = try await client.call(.patch, "/api/v1/tenants/acme", token: root.accessToken, json: #"{"quotas":{"users":0}}"#)
            #expect(tooFew.status == .conflict && tooFew.error?.details["field"] == "quotas.users")
            let updated = try await client.call(.patch, "/api/v1/tenants/acme", token: root.accessToken,
                                                json: #"{"plan":"business","quotas":{"users":100,"messagesPerDay":5000}}"#)
            #expect(try updated.decode(TenantV1.self).quotas == TenantQuotasV1(users: 100, messagesPerDay: 5000))

            let suspended = try await client.call(.put, "/api/v1/tenants/acme/status", token: root.accessToken, json: #"{"status":"suspended","reason":"unpaid"}"#)
            #expect(try suspended.decode(TenantV1.self).status == "suspended")
            #expect(try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: key.key).status == .unauthorized)
            let listed = try await client.call(.get, "/api/v1/tenants?status=suspended", token: root.accessToken).decode(TenantListV1.self)
            #expect(listed.tenants.map(\.id) == ["acme"])

            _ = try await client.call(.put, "/api/v1/tenants/acme/status", token: root.accessToken, json: #"{"status":"active"}"#)
            try await eventually("the key works again after reactivation (this gateway dropped its cached refusal)") {
                try await client.call(.get, "/api/v1/platform/users/u-1", apiKey: key.key).status == .ok
            }
            let ada = try await identityJourneyUser(client, "ada")
            #expect(try await client.call(.put, "/api/v1/tenants/acme/status", token: ada.accessToken, json: #"{"status":"suspended"}"#).status == .forbidden)
        }
    }

    @Test("a device key is published, rotated, fetched by another user with its history; a malformed key is 400")
    func keyDirectory() async throws {
        try await SuiteFixture.run { client, _ in
            let ada = try await identityJourneyUser(client, "ada")
            let bob = try await identityJourneyUser(client, "bob")
            let first = Data((0..<32).map { UInt8($0) }).base64EncodedString()
            let second = Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()
            for key in [first, second] {
                let published = try await client.call(.put, "/api/v1/users/me/keys", token: ada.accessToken,
                                                      body: PublishDeviceKeyV1(deviceId: "phone", algorithm: .x25519, publicKey: key))
                #expect(published.status == .ok)
            }
            let current = try await client.call(.get, "/api/v1/users/\(ada.user.id)/keys", token: bob.accessToken).decode(UserKeysV1.self)
            #expect(current.keys.map(\.publicKey) == [second] && current.keys.first?.keyVersion == 2)
            let history = try await client.call(.get, "/api/v1/users/\(ada.user.id)/keys?history=true", token: bob.accessToken).decode(UserKeysV1.self)
            #expect(history.keys.map(\.publicKey) == [second, first])
            let bad = try await client.call(.put, "/api/v1/users/me/keys", token: ada.accessToken,
                                            json: #"{"deviceId":"phone","algorithm":"x25519","publicKey":"AAAA"}"#)
            #expect(bad.status == .badRequest && bad.error?.details["field"] == "publicKey")
        }
    }
}
