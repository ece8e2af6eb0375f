import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedContracts
import SeedServiceTesting
import Testing

@testable import GatewayService

/// Sessions, password reset and change, and the refresh grace window through the gateway.
@Suite("Sessions and passwords through the gateway", .serialized)
struct IdentityAccountJourneyTests {
    @Test("my sessions list the current one marked; revoking the other ends it; two tabs refreshing with one token get the same pair")
    func sessionsAndTwoTabs() async throws {
        try await SuiteFixture.run { client, _ in
            let laptop = try await identityJourneyUser(client, "ada")
            let phoneLogin = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"ada@example.com","password":"correct horse battery","deviceId":"phone-1","deviceInfo":"Pixel 9"}"#)
            let phone = try phoneLogin.decode(SessionTokensV1.self)

            let listed = try await client.call(.get, "/api/v1/users/me/sessions", token: phone.accessToken)
            try #require(listed.status == .ok, "\(String(decoding: listed.body, as: UTF8.self))")
            let sessions = try listed.decode(SessionListV1.self).sessions
            #expect(Set(sessions.map(\.sessionId)) == [laptop.sessionId, phone.sessionId])
            #expect(sessions.first { $0.current }?.sessionId == phone.sessionId)
            #expect(sessions.first { $0.sessionId == phone.sessionId }?.deviceInfo == "Pixel 9")

            // Two tabs of the laptop refresh with the same token at once: both get the same new pair.
            async let tabOne = client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: laptop.refreshToken))
            async let tabTwo = client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: laptop.refreshToken))
            let (one, two) = try await (tabOne, tabTwo)
            #expect(one.status == .ok && two.status == .ok)
            let pairOne = try one.decode(SessionTokensV1.self)
            let pairTwo = try two.decode(SessionTokensV1.self)
            #expect(pairOne.refreshToken == pairTwo.refreshToken && pairOne.accessToken == pairTwo.accessToken)

            let revoked = try await client.call(.delete, "/api/v1/users/me/sessions/\(laptop.sessionId)", token: phone.accessToken)
            #expect(revoked.status == .ok)
            let refused = try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: pairOne.refreshToken))
            #expect(refused.status == .unauthorized)
            let after = try await client.call(.get, "/api/v1/users/me/sessions", token: phone.accessToken).decode(SessionListV1.self)
            #expect(after.sessions.map(\.sessionId) == [phone.sessionId])
            let unknown = try await client.call(.delete, "/api/v1/users/me/sessions/no-such-session", token: phone.accessToken)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("forgot password → emailed token → new password ends every session; the token works once; change password keeps only this session")
    func passwords() async throws {
        try await SuiteFixture.run { client, events in
            let ada = try await identityJourneyUser(client, "ada")
            let forgot = try await client.call(.post, "/api/v1/auth/password/forgot", json: #"{"email":"ada@example.com"}"#)
            #expect(forgot.status == .accepted)
            let unknown = try await client.call(.post, "/api/v1/auth/password/forgot", json: #"{"email":"nobody@example.com"}"#)
            #expect(unknown.status == .accepted, "the answer does not tell whether the email is known")
            let token = try await events.recorded.first(PasswordResetRequestedV1.self) { $0.email == "ada@example.com" }.token

            let reset = try await client.call(.post, "/api/v1/auth/password/reset", body: ResetPasswordV1(token: token, newPassword: "a much better passphrase"))
            #expect(reset.status == .ok)
            let again = try await client.call(.post, "/api/v1/auth/password/reset", body: ResetPasswordV1(token: token, newPassword: "yet another passphrase"))
            #expect(again.status == .notFound && again.error?.details["field"] == "token")
            #expect(try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: ada.refreshToken)).status == .unauthorized)

            let here = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"ada@example.com","password":"a much better passphrase"}"#).decode(SessionTokensV1.self)
            let there = try await client.call(.post, "/api/v1/auth/login", json: #"{"email":"ada@example.com","password":"a much better passphrase"}"#).decode(SessionTokensV1.self)
            let wrong = try await client.call(.post, "/api/v1/users/me/password", token: here.accessToken,
                                              json: #"{"currentPassword":"not it at all","newPassword":"the third passphrase"}"#)
            #expect(wrong.status == .badRequest && wrong.error?.details["field"] == "currentPassword")
            let changed = try await client.call(.post, "/api/v1/users/me/password", token: here.accessToken,
                                                json: #"{"currentPassword":"a much better passphrase","newPassword":"the third passphrase"}"#)
            #expect(changed.status == .ok)
            #expect(try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: here.refreshToken)).status == .ok)
            #expect(try await client.call(.post, "/api/v1/auth/refresh", body: RefreshSessionV1(refreshToken: there.refreshToken)).status == .unauthorized)
        }
    }

    @Test("resend verification sends a new token that verifies the email")
    func resendVerification() async throws {
        try await SuiteFixture.run { client, events in
            let ada = try await identityJourneyUser(client, "ada")
            let first = try await events.emailToken(for: "ada@example.com")
            let resent = try await client.call(.post, "/api/v1/auth/verify-email/resend", token: ada.accessToken)
            #expect(resent.status == .accepted)
            var token = first
            try await eventually("the new token arrives") {
                token = try await events.emailToken(for: "ada@example.com")
                return token != first
            }
            let verified = try await client.call(.post, "/api/v1/auth/verify-email", body: VerifyEmailV1(token: token))
            #expect(try verified.decode(UserV1.self).emailVerified)
        }
    }
}
