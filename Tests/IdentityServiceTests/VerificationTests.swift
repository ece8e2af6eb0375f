import Foundation
import IdentityService
import SeedContracts
import SeedServiceTesting
import Testing

@Suite("Email and phone verification")
struct VerificationTests {
    @Test("the emailed token verifies the address once; a wrong or expired token does not")
    func email() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let token = try #require(try await fixture.events(EmailVerificationRequestedV1.self).first?.token)
        await expectContractError(.notFound, field: "token") {
            _ = try await fixture.service.verifyEmail(VerifyEmailV1(token: "wrong"), envelope: fixture.envelope(VerifyEmailV1.self))
        }
        let verified = try await fixture.service.verifyEmail(VerifyEmailV1(token: token), envelope: fixture.envelope(VerifyEmailV1.self))
        #expect(verified.id == user.id && verified.emailVerified)
        #expect(try await fixture.events(UserVerifiedV1.self).map(\.channel) == ["email"])
        await expectContractError(.notFound, field: "token") {
            _ = try await fixture.service.verifyEmail(VerifyEmailV1(token: token), envelope: fixture.envelope(VerifyEmailV1.self))
        }

        try await fixture.register("late@example.com")
        let late = try #require(try await fixture.events(EmailVerificationRequestedV1.self).last?.token)
        fixture.clock.advance(by: 25 * 3600)
        await expectContractError(.notFound, field: "token") {
            _ = try await fixture.service.verifyEmail(VerifyEmailV1(token: late), envelope: fixture.envelope(VerifyEmailV1.self))
        }
    }

    @Test("phone codes expire, allow five wrong attempts, and verify with the right code")
    func phone() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com", phone: "+15550123")
        let request = { _ = try await fixture.service.requestPhoneVerification(RequestPhoneVerificationV1(), envelope: fixture.envelope(RequestPhoneVerificationV1.self, actor: user.id)) }
        let verify = { (code: String) in try await fixture.service.verifyPhone(VerifyPhoneV1(code: code), envelope: fixture.envelope(VerifyPhoneV1.self, actor: user.id)) }

        try await request()
        let first = try #require(try await fixture.events(PhoneVerificationRequestedV1.self).last)
        #expect(first.phone == "+15550123" && first.code.count == 6)
        let wrong = first.code == "000000" ? "111111" : "000000"
        for left in (0..<5).reversed() {
            let error = await expectContractError(.validation, field: "code") { _ = try await verify(wrong) }
            #expect(error?.message.contains(left > 0 ? "\(left) attempts left" : "no attempts left") == true)
        }
        // Attempts used up: even the right code is refused.
        await expectContractError(.validation, field: "code") { _ = try await verify(first.code) }

        try await request()
        let second = try #require(try await fixture.events(PhoneVerificationRequestedV1.self).last)
        fixture.clock.advance(by: 11 * 60)
        await expectContractError(.validation, field: "code") { _ = try await verify(second.code) }

        try await request()
        let third = try #require(try await fixture.events(PhoneVerificationRequestedV1.self).last)
        let verified = try await verify(third.code)
        #expect(verified.phoneVerified)
        #expect(try await fixture.events(UserVerifiedV1.self).map(\.channel) == ["phone"])
        await expectContractError(.conflict) { try await request() }
    }

    @Test("a user without a phone cannot ask for a code")
    func noPhone() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        await expectContractError(.conflict, field: "phone") {
            _ = try await fixture.service.requestPhoneVerification(RequestPhoneVerificationV1(), envelope: fixture.envelope(RequestPhoneVerificationV1.self, actor: user.id))
        }
    }
}
