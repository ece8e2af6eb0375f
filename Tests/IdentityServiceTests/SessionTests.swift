import Foundation
import IdentityService
import SeedAuth
import SeedContracts
import SeedStore
import SeedServiceTesting
import Testing

@Suite("Login, sessions and lockout")
struct SessionTests {
    @Test("login issues an access token that verifies with the published key set, and records lastLoginAt")
    func login() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        fixture.clock.advance(by: 1)
        let tokens = try await fixture.login("ADA@example.com")
        let verifier = AccessTokenVerifier()
        try await verifier.install(fixture.keys)
        let claims = try await verifier.verify(tokens.accessToken)
        #expect(claims.userId == user.id && claims.sessionId == tokens.sessionId && claims.role == "client")
        #expect(tokens.user.lastLoginAt == fixture.clock.now)
        let session = try #require(try await DocumentCollection(RefreshSession.self, in: fixture.store).first(.equal("_id", .string(tokens.sessionId))))
        #expect(session.tokenHash == SecretDigest.sha256(tokens.refreshToken), "only the digest of the refresh token is stored")
        #expect(try await fixture.auditActions(of: user.id) == ["register", "login"])
    }

    @Test("an unknown email and a wrong password give the same error")
    func wrongCredentials() async throws {
        let fixture = try await IdentityFixture.make()
        try await fixture.register("ada@example.com")
        let unknown = await expectContractError(.unauthenticated) { _ = try await fixture.login("nobody@example.com") }
        let wrong = await expectContractError(.unauthenticated) { _ = try await fixture.login("ada@example.com", password: "wrong password") }
        #expect(unknown?.message == wrong?.message)
    }

    @Test("five wrong passwords lock the account with a retry time; the lock refuses even the right password until it runs out")
    func lockout() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        for _ in 1...4 {
            await expectContractError(.unauthenticated) { _ = try await fixture.login("ada@example.com", password: "wrong password") }
        }
        let locked = await expectContractError(.rateLimited) { _ = try await fixture.login("ada@example.com", password: "wrong password") }
        #expect(locked?.details["retryAfterSeconds"] == "900")
        #expect(locked?.details["reason"] == "account_locked")
        let stored = try #require(try await DocumentCollection(User.self, in: fixture.store).first(.equal("_id", .string(user.id))))
        #expect(stored.authentication.loginAttempts == 5 && stored.authentication.lockedUntil == fixture.clock.now.addingTimeInterval(900))

        fixture.clock.advance(by: 600)
        let stillLocked = await expectContractError(.rateLimited) { _ = try await fixture.login("ada@example.com") }
        #expect(stillLocked?.details["retryAfterSeconds"] == "300")

        fixture.clock.advance(by: 301)
        let tokens = try await fixture.login("ada@example.com")
        #expect(tokens.user.id == user.id)
        let after = try #require(try await DocumentCollection(User.self, in: fixture.store).first(.equal("_id", .string(user.id))))
        #expect(after.authentication.loginAttempts == 0 && after.authentication.lockedUntil == nil)
        #expect(try await fixture.auditActions(of: user.id).filter { $0 == "login_failed" }.count == 5)
    }

    @Test("refresh rotates the token; presenting a rotated token again revokes the whole session")
    func rotationAndReuseDetection() async throws {
        let fixture = try await IdentityFixture.make()
        try await fixture.register("ada@example.com")
        let first = try await fixture.login("ada@example.com")
        let second = try await fixture.refresh(first.refreshToken)
        #expect(second.sessionId == first.sessionId && second.refreshToken != first.refreshToken)
        let third = try await fixture.refresh(second.refreshToken)

        // A thief replays the first token.
        let reuse = await expectContractError(.unauthenticated) { _ = try await fixture.refresh(first.refreshToken) }
        #expect(reuse?.message.contains("revoked") == true)
        // The whole family is gone: even the newest token no longer works.
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(third.refreshToken) }
        let revoked = try await fixture.events(SessionRevokedV1.self)
        #expect(revoked.map(\.reason) == ["refresh_token_reuse"] && revoked.first?.sessionId == first.sessionId)
    }

    @Test("only a transaction that staged events wakes the outbox relay: login and refresh do not, reuse detection does")
    func relayWakeUps() async throws {
        let fixture = try await IdentityFixture.make()
        try await fixture.register("ada@example.com")
        #expect(fixture.relayWakeUps.count == 1, "registration stages user-registered")
        let first = try await fixture.login("ada@example.com")
        let second = try await fixture.refresh(first.refreshToken)
        _ = try await fixture.refresh(second.refreshToken)
        #expect(fixture.relayWakeUps.count == 1, "login and refresh stage no event")
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(first.refreshToken) }
        #expect(fixture.relayWakeUps.count == 2, "reuse detection stages session-revoked")
        #expect(try await fixture.events(SessionRevokedV1.self).count == 1)
    }

    @Test("a malformed, unknown or expired refresh token is refused")
    func invalidRefreshTokens() async throws {
        let fixture = try await IdentityFixture.make()
        try await fixture.register("ada@example.com")
        let tokens = try await fixture.login("ada@example.com")
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh("garbage") }
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh("\(tokens.sessionId).\(SecretDigest.randomToken())") }
        fixture.clock.advance(by: 31 * 24 * 3600)
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(tokens.refreshToken) }
    }

    @Test("logout ends one session; logout of all sessions ends every other one too")
    func logout() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let phone = try await fixture.login("ada@example.com")
        let laptop = try await fixture.login("ada@example.com")
        let tablet = try await fixture.login("ada@example.com")
        _ = try await fixture.service.logout(LogoutV1(sessionId: phone.sessionId), envelope: fixture.envelope(LogoutV1.self, actor: user.id))
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(phone.refreshToken) }
        _ = try await fixture.refresh(laptop.refreshToken)
        _ = try await fixture.service.logout(LogoutV1(sessionId: nil, allSessions: true), envelope: fixture.envelope(LogoutV1.self, actor: user.id))
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(tablet.refreshToken) }
        #expect(try await fixture.events(SessionRevokedV1.self).map(\.reason).sorted() == ["logout", "logout_all", "logout_all"])
        await expectContractError(.validation, field: "sessionId") {
            _ = try await fixture.service.logout(LogoutV1(sessionId: nil), envelope: fixture.envelope(LogoutV1.self, actor: user.id))
        }
    }

    @Test("a suspended user cannot log in or refresh, and their sessions end")
    func suspension() async throws {
        let fixture = try await IdentityFixture.make()
        let root = try await fixture.register("root@example.com")
        let user = try await fixture.register("ada@example.com")
        let tokens = try await fixture.login("ada@example.com")
        let suspended = try await fixture.service.changeStatus(
            ChangeUserStatusV1(userId: user.id, status: .suspended, reason: "fraud"), envelope: fixture.envelope(ChangeUserStatusV1.self, actor: root.id))
        #expect(suspended.status == .suspended)
        let refused = await expectContractError(.forbidden) { _ = try await fixture.login("ada@example.com") }
        #expect(refused?.details["reason"] == "account_suspended")
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(tokens.refreshToken) }
        #expect(try await fixture.events(UserSuspendedV1.self).map(\.userId) == [user.id])
        #expect(try await fixture.events(SessionRevokedV1.self).map(\.reason) == ["suspended"])
        #expect(try await fixture.auditActions(of: user.id).contains("status_change"))
    }

    @Test("a session stored with its rotated digests as an array (before 2026-11-22) still detects reuse, and is rewritten as one string")
    func legacyDigestArray() async throws {
        let fixture = try await IdentityFixture.make()
        try await fixture.register("ada@example.com")
        let first = try await fixture.login("ada@example.com")
        let second = try await fixture.refresh(first.refreshToken)
        let sessions = DocumentCollection(RefreshSession.self, in: fixture.store)
        // Store the remembered digest the way older versions did.
        let legacy = [SecretDigest.sha256(first.refreshToken)]
        _ = try await sessions.update(.equal("_id", .string(first.sessionId)), try .set("previousTokenHashes", legacy))
        let stored = try #require(try await sessions.first(.equal("_id", .string(first.sessionId))))
        #expect(stored.previousTokenHashes == RotatedTokenDigests(legacy))
        let third = try await fixture.refresh(second.refreshToken)
        let rewritten = try #require(try await sessions.first(.equal("_id", .string(first.sessionId))))
        #expect(rewritten.previousTokenHashes.text == legacy[0] + SecretDigest.sha256(second.refreshToken))
        let reuse = await expectContractError(.unauthenticated) { _ = try await fixture.refresh(first.refreshToken) }
        #expect(reuse?.message.contains("revoked") == true)
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(third.refreshToken) }
    }

    @Test("a session remembers the newest 50 rotated digests and recognises exactly those")
    func rememberedDigests() {
        var digests = RotatedTokenDigests()
        let all = (0..<60).map { SecretDigest.sha256("token \($0)") }
        for digest in all { digests.append(digest, keepingLast: RefreshSession.rememberedTokens) }
        #expect(digests.count == 50)
        #expect(all.suffix(50).allSatisfy(digests.contains))
        #expect(!all.prefix(10).contains(where: digests.contains))
        #expect(!digests.contains(String(all[59].dropLast())) && !digests.contains(""))
        #expect(RotatedTokenDigests(["short", all[0]]) == RotatedTokenDigests([all[0]]))
    }
}
