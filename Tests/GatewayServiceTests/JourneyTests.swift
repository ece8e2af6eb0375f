import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import Testing

/// A client's whole journey through the gateway: HTTP → bus → identity → outbox → bus → events.
@Suite("Gateway and identity end to end", .serialized)
struct JourneyTests {
    static let password = "correct horse battery"

    @Test("register → verify email → login → refresh → reuse detection → logout")
    func journey() async throws {
        try await SuiteFixture.run { client, events in
            let registered = try await client.call(.post, "/api/v1/auth/register",
                                                   json: #"{"email":"ada@example.com","password":"correct horse battery","username":"ada"}"#)
            #expect(registered.status == .created)
            let user = try registered.decode(UserV1.self)
            #expect(user.email == "ada@example.com" && !user.emailVerified)

            let token = try await events.emailToken(for: "ada@example.com")
            let verified = try await client.call(.post, "/api/v1/auth/verify-email", body: VerifyEmailV1(token: token))
            #expect(verified.status == .ok)
            #expect(try verified.decode(UserV1.self).emailVerified)

            let login = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"ada@example.com","password":"correct horse battery"}"#)
            #expect(login.status == .ok)
            let session = try login.decode(SessionTokensV1.self)
            let me = try await client.call(.get, "/api/v1/users/me", token: session.accessToken)
            #expect(me.status == .ok)
            #expect(try me.decode(UserV1.self).id == user.id)

            let refreshed = try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: session.refreshToken))
            #expect(refreshed.status == .ok)
            let rotated = try refreshed.decode(SessionTokensV1.self)
            #expect(rotated.refreshToken != session.refreshToken)

            // Rotated once more: the first token is now older than the refresh grace window's (decision 0029).
            let newest = try (try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: rotated.refreshToken))).decode(SessionTokensV1.self)
            let reused = try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: session.refreshToken))
            #expect(reused.status == .unauthorized && reused.error?.code == .unauthenticated)
            let afterReuse = try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: newest.refreshToken))
            #expect(afterReuse.status == .unauthorized, "reuse revoked the whole session")

            let second = try (try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"ada@example.com","password":"correct horse battery"}"#)).decode(SessionTokensV1.self)
            let logout = try await client.call(.post, "/api/v1/auth/logout", token: second.accessToken, json: "{}")
            #expect(logout.status == .ok)
            let afterLogout = try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: second.refreshToken))
            #expect(afterLogout.status == .unauthorized)
        }
    }

    @Test("every validation error is a 400 with a JSON body naming the field, never a 500")
    func validationErrors() async throws {
        try await SuiteFixture.run { client, _ in
            let cases: [(String, String, String?)] = [
                ("/api/v1/auth/register", #"{"email":"nope","password":"correct horse battery"}"#, "email"),
                ("/api/v1/auth/register", #"{"email":"a@example.com","password":"short"}"#, "password"),
                ("/api/v1/auth/register", #"{"email":"a@example.com","password":"correct horse battery","phone":"12"}"#, "phone"),
                ("/api/v1/auth/register", #"{"email":"a@example.com"}"#, "password"),
                ("/api/v1/auth/register", #"{"email":42,"password":"correct horse battery"}"#, "email"),
                ("/api/v1/auth/register", #"{"email":"a@example.com","password":"correct horse battery","profile":{"preferences":{"theme":"neon","notifications":{"email":true,"sms":true,"push":true}}}}"#, "preferences.theme"),
                ("/api/v1/auth/register", "this is not json", nil),
                ("/api/v1/auth/login", #"{"email":"a@example.com"}"#, "password"),
            ]
            for (path, json, field) in cases {
                let result = try await client.call(.post, path, json: json)
                #expect(result.status == .badRequest, "\(path) \(json) → \(result.status)")
                let error = try #require(result.error, "\(path) \(json): no JSON error body")
                #expect(error.code == .validation)
                if let field { #expect(error.details["field"] == field, "\(json): \(error)") }
            }
            let wrongType = try await client.call(.put, "/api/v1/users/x/status", token: "x.y.z", json: #"{"status":"gone"}"#)
            #expect(wrongType.status == .unauthorized, "authentication comes before the body")
        }
    }

    @Test("lockout after five wrong passwords answers 429 with Retry-After")
    func lockout() async throws {
        try await SuiteFixture.run { client, _ in
            _ = try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"bob@example.com","password":"correct horse battery"}"#)
            for _ in 1...4 {
                let wrong = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"bob@example.com","password":"wrong password"}"#)
                #expect(wrong.status == .unauthorized)
            }
            let locked = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"bob@example.com","password":"wrong password"}"#)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "900")
            #expect(locked.error?.details["reason"] == "account_locked")
            let right = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"bob@example.com","password":"correct horse battery"}"#)
            #expect(right.status == .tooManyRequests, "locked accounts refuse the right password too")
        }
    }

    @Test("suspension by an administrator ends the user's sessions and refuses their logins; roles need a super_admin")
    func administration() async throws {
        try await SuiteFixture.run { client, _ in
            let root = try await register(client, SuiteFixture.bootstrapAdmin)
            let carol = try await register(client, "carol@example.com")
            #expect(root.user.role == .superAdmin && carol.user.role == .client)

            let forbidden = try await client.call(.put, "/api/v1/users/\(root.user.id)/status", token: carol.accessToken, json: #"{"status":"suspended"}"#)
            #expect(forbidden.status == .forbidden)
            let promoted = try await client.call(.put, "/api/v1/users/\(carol.user.id)/roles", token: root.accessToken, json: #"{"role":"admin","roles":["support"]}"#)
            #expect(promoted.status == .ok)
            #expect(try promoted.decode(UserV1.self).role == .admin)

            let dave = try await register(client, "dave@example.com")
            let suspended = try await client.call(.put, "/api/v1/users/\(dave.user.id)/status", token: carol.accessToken, json: #"{"status":"suspended","reason":"spam"}"#)
            #expect(suspended.status == .ok)
            let login = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"dave@example.com","password":"correct horse battery"}"#)
            #expect(login.status == .forbidden && login.error?.details["reason"] == "account_suspended")
            let refresh = try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: dave.refreshToken))
            #expect(refresh.status == .unauthorized)

            let audit = try await client.call(.get, "/api/v1/audit-log?userId=\(dave.user.id)&action=status_change", token: root.accessToken)
            let page = try audit.decode(AuditLogPageV1.self)
            #expect(page.entries.count == 1 && page.entries[0].actorId == carol.user.id)
            let notAllowed = try await client.call(.get, "/api/v1/audit-log", token: dave.accessToken)
            #expect(notAllowed.status == .forbidden && notAllowed.error?.details["reason"] == "account_suspended", "a suspended user's unexpired access token no longer works")
        }
    }

    @Test("tenants, applications and API keys; an API key reads only its own tenant's users and stops when revoked")
    func tenantIsolation() async throws {
        try await SuiteFixture.run { client, _ in
            let root = try await register(client, SuiteFixture.bootstrapAdmin)
            var keys: [String: CreatedAPIKeyV1] = [:]
            for tenant in ["acme", "globex"] {
                let created = try await client.call(.post, "/api/v1/tenants", token: root.accessToken, body: CreateTenantV1(id: tenant, name: tenant))
                #expect(created.status == .created)
                let app = try (try await client.call(.post, "/api/v1/tenants/\(tenant)/applications", token: root.accessToken, json: #"{"name":"Chat"}"#)).decode(ApplicationV1.self)
                let key = try await client.call(.post, "/api/v1/tenants/\(tenant)/api-keys", token: root.accessToken,
                                                json: #"{"applicationId":"\#(app.id)","name":"backend","scopes":["users:read","users:write"]}"#)
                #expect(key.status == .created)
                keys[tenant] = try key.decode(CreatedAPIKeyV1.self)
            }
            let acme = try #require(keys["acme"]), globex = try #require(keys["globex"])

            let put = try await client.call(.put, "/api/v1/platform/users/u-42", apiKey: acme.key, json: #"{"displayName":"Grace","customData":{"plan":"pro"}}"#)
            #expect(put.status == .ok)
            #expect(try put.decode(UserV1.self).tenantId == "acme")
            #expect(try await client.call(.get, "/api/v1/platform/users/u-42", apiKey: acme.key).status == .ok)
            let crossTenant = try await client.call(.get, "/api/v1/platform/users/u-42", apiKey: globex.key)
            #expect(crossTenant.status == .notFound, "globex must not see acme's user")
            #expect(try await client.call(.get, "/api/v1/platform/users/u-42").status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/platform/users/u-42", apiKey: "sk_made.up").status == .unauthorized)

            let listed = try (try await client.call(.get, "/api/v1/tenants/acme/api-keys", token: root.accessToken)).decode(APIKeyListV1.self)
            #expect(listed.keys.map(\.id) == [acme.apiKey.id])
            #expect(!String(decoding: try JSONEncoder().encode(listed), as: UTF8.self).contains(acme.key), "listing never shows the key")
            let revoked = try await client.call(.delete, "/api/v1/tenants/acme/api-keys/\(acme.apiKey.id)", token: root.accessToken)
            #expect(revoked.status == .ok)
            #expect(try await client.call(.get, "/api/v1/platform/users/u-42", apiKey: acme.key).status == .unauthorized)
        }
    }

    @Test("phone verification through the gateway, with the code delivered as an event")
    func phoneVerification() async throws {
        try await SuiteFixture.run { client, events in
            let erin = try await register(client, "erin@example.com")
            let noPhone = try await client.call(.post, "/api/v1/auth/phone/request-code", token: erin.accessToken)
            #expect(noPhone.status == .conflict)
            let updated = try await client.call(.patch, "/api/v1/users/me", token: erin.accessToken, json: #"{"phone":"+1 555 010 9999"}"#)
            #expect(try updated.decode(UserV1.self).phone == "+15550109999")
            #expect(try await client.call(.post, "/api/v1/auth/phone/request-code", token: erin.accessToken).status == .accepted)
            let code = try await events.phoneCode(for: erin.user.id)
            let verified = try await client.call(.post, "/api/v1/auth/phone/verify", token: erin.accessToken, body: VerifyPhoneV1(code: code))
            #expect(verified.status == .ok)
            #expect(try verified.decode(UserV1.self).phoneVerified)
        }
    }

    @Test("the gateway answers 429 with Retry-After once a route's budget is spent")
    func rateLimit() async throws {
        try await SuiteFixture.run { client, _ in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<32 {
                statuses.append(try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"x","password":"y"}"#).status)
            }
            #expect(statuses.prefix(30).allSatisfy { $0 == .badRequest })
            #expect(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })
            let limited = try await client.call(.post, "/api/v1/auth/register", json: "{}")
            #expect(limited.headers[.retryAfter] != nil && limited.error?.code == .rateLimited)
        }
    }

    /// Registers and logs in.
    func register(_ client: some TestClientProtocol, _ email: String) async throws -> SessionTokensV1 {
        let registered = try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)
        #expect(registered.status == .created, "\(String(decoding: registered.body, as: UTF8.self))")
        return try (try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"\#(email)","password":"correct horse battery"}"#)).decode(SessionTokensV1.self)
    }
}
