import Foundation
import IdentityService
import SeedAuth
import SeedContracts
import SeedStore
import SeedServiceTesting
import Testing

@Suite("Sessions a user sees, password reset and change, the refresh grace window")
struct AccountSecurityTests {
    @Test("two refreshes with the same token inside the grace window get the same new pair, and the session lives on")
    func graceWindowInside() async throws {
        let fixture = try await IdentityFixture.make()
        try await fixture.register("ada@example.com")
        let first = try await fixture.login("ada@example.com")
        let tabOne = try await fixture.refresh(first.refreshToken)
        fixture.clock.advance(by: 9)
        let tabTwo = try await fixture.refresh(first.refreshToken)
        #expect(tabTwo.refreshToken == tabOne.refreshToken)
        #expect(tabTwo.accessToken == tabOne.accessToken, "the same rotation signs the same access token")
        let next = try await fixture.refresh(tabTwo.refreshToken)
        #expect(next.sessionId == first.sessionId)
        #expect(try await fixture.events(SessionRevokedV1.self).isEmpty)
    }

    @Test("the same token presented after the grace window still revokes the whole session")
    func graceWindowOutside() async throws {
        let fixture = try await IdentityFixture.make()
        try await fixture.register("ada@example.com")
        let first = try await fixture.login("ada@example.com")
        let rotated = try await fixture.refresh(first.refreshToken)
        fixture.clock.advance(by: 11)
        let reuse = await expectContractError(.unauthenticated) { _ = try await fixture.refresh(first.refreshToken) }
        #expect(reuse?.message.contains("revoked") == true)
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(rotated.refreshToken) }
        #expect(try await fixture.events(SessionRevokedV1.self).map(\.reason) == ["refresh_token_reuse"])
    }

    @Test("the list of sessions shows device, created and last used, marks the current one; revoking one ends only it")
    func sessions() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let laptop = try await fixture.service.login(
            LoginV1(email: "ada@example.com", password: IdentityFixture.password, deviceId: "laptop", deviceInfo: "Firefox on Linux",
                    client: ClientInfo(ipAddress: "203.0.113.7", userAgent: "Firefox/140")), envelope: fixture.envelope(LoginV1.self))
        fixture.clock.advance(by: 60)
        let phone = try await fixture.login("ada@example.com")
        fixture.clock.advance(by: 60)
        _ = try await fixture.refresh(laptop.refreshToken)
        let list = try await fixture.service.listSessions(ListSessionsV1(currentSessionId: phone.sessionId), envelope: fixture.envelope(ListSessionsV1.self, actor: user.id))
        #expect(list.sessions.map(\.sessionId) == [laptop.sessionId, phone.sessionId], "most recently used first")
        let first = try #require(list.sessions.first)
        #expect(first.deviceInfo == "Firefox on Linux" && first.userAgent == "Firefox/140" && first.ipAddress == "203.0.113.7")
        #expect(first.lastUsedAt == fixture.clock.now && first.createdAt == fixture.clock.now.addingTimeInterval(-120))
        #expect(list.sessions.map(\.current) == [false, true])

        _ = try await fixture.service.logout(LogoutV1(sessionId: laptop.sessionId), envelope: fixture.envelope(LogoutV1.self, actor: user.id))
        let after = try await fixture.service.listSessions(ListSessionsV1(currentSessionId: phone.sessionId), envelope: fixture.envelope(ListSessionsV1.self, actor: user.id))
        #expect(after.sessions.map(\.sessionId) == [phone.sessionId])
    }

    @Test("a reset token sets the new password once, ends every session, and is announced; used or expired it changes nothing")
    func passwordReset() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let session = try await fixture.login("ada@example.com")
        _ = try await fixture.service.requestPasswordReset(RequestPasswordResetV1(email: "nobody@example.com"), envelope: fixture.envelope(RequestPasswordResetV1.self))
        #expect(try await fixture.events(PasswordResetRequestedV1.self).isEmpty, "an unknown email gets the same answer and nothing is sent")
        _ = try await fixture.service.requestPasswordReset(RequestPasswordResetV1(email: "ADA@example.com"), envelope: fixture.envelope(RequestPasswordResetV1.self))
        let token = try #require(try await fixture.events(PasswordResetRequestedV1.self).first?.token)
        await expectContractError(.validation, field: "newPassword") {
            _ = try await fixture.service.resetPassword(ResetPasswordV1(token: token, newPassword: "short"), envelope: fixture.envelope(ResetPasswordV1.self))
        }
        _ = try await fixture.service.resetPassword(ResetPasswordV1(token: token, newPassword: "a much better passphrase"), envelope: fixture.envelope(ResetPasswordV1.self))
        await expectContractError(.unauthenticated) { _ = try await fixture.login("ada@example.com") }
        _ = try await fixture.login("ada@example.com", password: "a much better passphrase")
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(session.refreshToken) }
        #expect(try await fixture.events(SessionRevokedV1.self).map(\.reason) == ["password_reset"])
        #expect(try await fixture.events(PasswordChangedV1.self).map(\.how) == ["reset"])

        // Used: refused, nothing changes.
        await expectContractError(.notFound, field: "token") {
            _ = try await fixture.service.resetPassword(ResetPasswordV1(token: token, newPassword: "yet another passphrase"), envelope: fixture.envelope(ResetPasswordV1.self))
        }
        // Expired: refused, nothing changes.
        _ = try await fixture.service.requestPasswordReset(RequestPasswordResetV1(email: "ada@example.com"), envelope: fixture.envelope(RequestPasswordResetV1.self))
        let second = try #require(try await fixture.events(PasswordResetRequestedV1.self).last?.token)
        fixture.clock.advance(by: 3601)
        await expectContractError(.notFound, field: "token") {
            _ = try await fixture.service.resetPassword(ResetPasswordV1(token: second, newPassword: "yet another passphrase"), envelope: fixture.envelope(ResetPasswordV1.self))
        }
        _ = try await fixture.login("ada@example.com", password: "a much better passphrase")
        #expect(try await fixture.events(PasswordChangedV1.self).count == 1)
        #expect(try await fixture.auditActions(of: user.id).contains("password_reset"))
    }

    @Test("changing the password needs the current one and ends every other session but the caller's")
    func changePassword() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let here = try await fixture.login("ada@example.com")
        let elsewhere = try await fixture.login("ada@example.com")
        await expectContractError(.validation, field: "currentPassword") {
            _ = try await fixture.service.changePassword(
                ChangePasswordV1(currentPassword: "not the password", newPassword: "a much better passphrase", currentSessionId: here.sessionId),
                envelope: fixture.envelope(ChangePasswordV1.self, actor: user.id))
        }
        _ = try await fixture.login("ada@example.com")
        _ = try await fixture.service.changePassword(
            ChangePasswordV1(currentPassword: IdentityFixture.password, newPassword: "a much better passphrase", currentSessionId: here.sessionId),
            envelope: fixture.envelope(ChangePasswordV1.self, actor: user.id))
        _ = try await fixture.refresh(here.refreshToken)
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(elsewhere.refreshToken) }
        await expectContractError(.unauthenticated) { _ = try await fixture.login("ada@example.com") }
    }

    @Test("a new verification email replaces the old token; a verified address is a conflict")
    func resendVerification() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let old = try #require(try await fixture.events(EmailVerificationRequestedV1.self).first?.token)
        _ = try await fixture.service.resendVerificationEmail(ResendVerificationEmailV1(), envelope: fixture.envelope(ResendVerificationEmailV1.self, actor: user.id))
        let new = try #require(try await fixture.events(EmailVerificationRequestedV1.self).last?.token)
        #expect(new != old)
        await expectContractError(.notFound, field: "token") {
            _ = try await fixture.service.verifyEmail(VerifyEmailV1(token: old), envelope: fixture.envelope(VerifyEmailV1.self))
        }
        _ = try await fixture.service.verifyEmail(VerifyEmailV1(token: new), envelope: fixture.envelope(VerifyEmailV1.self))
        await expectContractError(.conflict, field: "email") {
            _ = try await fixture.service.resendVerificationEmail(ResendVerificationEmailV1(), envelope: fixture.envelope(ResendVerificationEmailV1.self, actor: user.id))
        }
    }
}
