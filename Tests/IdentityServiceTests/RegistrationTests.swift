import Foundation
import IdentityService
import SeedContracts
import SeedStore
import SeedServiceTesting
import Testing

@Suite("Registration and profile")
struct RegistrationTests {
    @Test("registration stores a bcrypt $2b$ hash, never the password, and announces the user and the email token")
    func registers() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("Ada@Example.com ", phone: "+44 20-7946-0958", username: "Ada")
        #expect(user.email == "ada@example.com" && user.phone == "+442079460958" && user.username == "ada")
        #expect(user.role == .client && user.status == .active && !user.emailVerified)
        let stored = try #require(try await DocumentCollection(User.self, in: fixture.store).first(.equal("_id", .string(user.id))))
        #expect(stored.passwordHash?.hasPrefix("$2b$12$") == true)
        #expect(stored.passwordHash?.contains(IdentityFixture.password) == false)
        #expect(try await fixture.events(UserRegisteredV1.self).map(\.user.id) == [user.id])
        let verification = try await fixture.events(EmailVerificationRequestedV1.self)
        #expect(verification.map(\.email) == ["ada@example.com"])
        // Only the digest of the token is stored.
        #expect(stored.verification.email.tokenHash != verification.first?.token)
        #expect(try await fixture.auditActions(of: user.id) == ["register"])
    }

    @Test("every invalid field gives validation_failed naming it, and nothing is written", arguments: [
        (RegisterUserV1(email: "not-an-email", password: "correct horse battery"), "email"),
        (RegisterUserV1(email: "a@b", password: "correct horse battery"), "email"),
        (RegisterUserV1(email: "a b@example.com", password: "correct horse battery"), "email"),
        (RegisterUserV1(email: "a@example.com", password: "short"), "password"),
        (RegisterUserV1(email: "a@example.com", password: String(repeating: "é", count: 129)), "password"),
        (RegisterUserV1(email: "a@example.com", password: "        "), "password"),
        (RegisterUserV1(email: "a@example.com", password: "correct horse battery", phone: "555-0123"), "phone"),
        (RegisterUserV1(email: "a@example.com", password: "correct horse battery", username: "a"), "username"),
        (RegisterUserV1(email: "a@example.com", password: "correct horse battery", username: "no spaces"), "username"),
        (RegisterUserV1(email: "a@example.com", password: "correct horse battery", profile: UserProfile(timezone: "Mars/Olympus")), "timezone"),
        (RegisterUserV1(email: "a@example.com", password: "correct horse battery",
                        profile: UserProfile(preferences: UserPreferences(theme: "neon"))), "preferences.theme"),
    ])
    func rejectsInvalidInput(command: RegisterUserV1, field: String) async throws {
        let fixture = try await IdentityFixture.make()
        await expectContractError(.validation, field: field) {
            _ = try await fixture.service.register(command, envelope: fixture.envelope(RegisterUserV1.self))
        }
        #expect(try await fixture.count(User.self) == 0)
        #expect(try await fixture.events(UserRegisteredV1.self).isEmpty)
    }

    @Test("a second account with the same email, phone or username is a conflict naming the field")
    func duplicates() async throws {
        let fixture = try await IdentityFixture.make()
        try await fixture.register("ada@example.com", phone: "+15550123001", username: "ada")
        await expectContractError(.conflict, field: "email") { try await fixture.register("ADA@example.com") }
        await expectContractError(.conflict, field: "phone") { try await fixture.register("b@example.com", phone: "+15550123001") }
        await expectContractError(.conflict, field: "username") { try await fixture.register("c@example.com", username: "ADA") }
        #expect(try await fixture.count(User.self) == 1)
    }

    @Test("a redelivered registration (same message id) creates one account and returns the first result")
    func redeliveryIsHarmless() async throws {
        let fixture = try await IdentityFixture.make()
        let envelope = fixture.envelope(RegisterUserV1.self)
        let command = RegisterUserV1(email: "ada@example.com", password: IdentityFixture.password)
        let first = try await fixture.service.register(command, envelope: envelope)
        let again = try await fixture.service.register(command, envelope: envelope)
        #expect(first == again)
        #expect(try await fixture.count(User.self) == 1)
        #expect(try await fixture.events(UserRegisteredV1.self).count == 1)
    }

    @Test("the bootstrap email becomes super_admin only while there is none")
    func bootstrapAdministrator() async throws {
        let fixture = try await IdentityFixture.make()
        #expect(try await fixture.register("root@example.com").role == .superAdmin)
        #expect(try await fixture.register("someone@example.com").role == .client)
    }

    @Test("profile updates change only the given fields, a new phone must be verified again, and the change is announced")
    func updatesProfile() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let updated = try await fixture.service.updateProfile(
            UpdateProfileV1(firstName: "Ada", lastName: "Lovelace", timezone: "Europe/London", phone: "+15550199"),
            envelope: fixture.envelope(UpdateProfileV1.self, actor: user.id))
        #expect(updated.profile.firstName == "Ada" && updated.profile.displayName == "Ada Lovelace")
        #expect(updated.profile.timezone == "Europe/London" && updated.phone == "+15550199" && !updated.phoneVerified)
        let event = try #require(try await fixture.events(UserUpdatedV1.self).last)
        #expect(Set(event.changedFields) == ["profile.firstName", "profile.lastName", "profile.timezone", "phone"])
        await expectContractError(.validation, field: "timezone") {
            _ = try await fixture.service.updateProfile(UpdateProfileV1(timezone: "Nowhere/Special"), envelope: fixture.envelope(UpdateProfileV1.self, actor: user.id))
        }
        await expectContractError(.unauthenticated) {
            _ = try await fixture.service.updateProfile(UpdateProfileV1(firstName: "X"), envelope: fixture.envelope(UpdateProfileV1.self))
        }
    }

    @Test("deleting an account erases personal data, ends its sessions, frees its email and refuses its logins")
    func deletes() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let tokens = try await fixture.login("ada@example.com")
        _ = try await fixture.service.delete(DeleteUserV1(userId: user.id), envelope: fixture.envelope(DeleteUserV1.self, actor: user.id))
        let stored = try #require(try await DocumentCollection(User.self, in: fixture.store).first(.equal("_id", .string(user.id))))
        #expect(stored.email == nil && stored.passwordHash == nil && stored.deletedAt != nil)
        #expect(try await fixture.events(UserDeletedV1.self).map(\.userId) == [user.id])
        await expectContractError(.unauthenticated) { _ = try await fixture.login("ada@example.com") }
        await expectContractError(.unauthenticated) { _ = try await fixture.refresh(tokens.refreshToken) }
        // The address can be used again.
        try await fixture.register("ada@example.com")
    }
}
