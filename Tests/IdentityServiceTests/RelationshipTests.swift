import Foundation
import IdentityService
import SeedContracts
import SeedStore
import SeedServiceTesting
import Testing

@Suite("Relationships and privacy settings")
struct RelationshipTests {
    struct Pair {
        let fixture: IdentityFixture
        let ada: UserV1
        let bob: UserV1

        var service: IdentityService { fixture.service }

        func request(_ from: UserV1, _ to: UserV1) async throws -> RelationshipV1 {
            try await service.sendFriendRequest(SendFriendRequestV1(userId: to.id), envelope: fixture.envelope(SendFriendRequestV1.self, actor: from.id))
        }
        func respond(_ by: UserV1, to: UserV1, accept: Bool) async throws -> RelationshipV1 {
            try await service.respondToFriendRequest(
                RespondToFriendRequestV1(userId: to.id, accept: accept), envelope: fixture.envelope(RespondToFriendRequestV1.self, actor: by.id))
        }
        func block(_ by: UserV1, _ other: UserV1) async throws -> RelationshipV1 {
            try await service.blockUser(BlockUserV1(userId: other.id), envelope: fixture.envelope(BlockUserV1.self, actor: by.id))
        }
        func list(_ user: UserV1, _ filter: RelationshipFilter = .all) async throws -> [RelationshipV1] {
            try await service.listRelationships(ListRelationshipsV1(filter: filter), envelope: fixture.envelope(ListRelationshipsV1.self, actor: user.id)).relationships
        }

        static func make() async throws -> Pair {
            let fixture = try await IdentityFixture.make()
            return Pair(fixture: fixture, ada: try await fixture.register("ada@example.com"), bob: try await fixture.register("bob@example.com"))
        }
    }

    @Test("a friend request is requested on one side and incoming on the other; accepting makes both friends, with an event per side")
    func requestAndAccept() async throws {
        let pair = try await Pair.make()
        let requested = try await pair.request(pair.ada, pair.bob)
        #expect(requested.friendship == .requested)
        #expect(try await pair.list(pair.bob, .incoming).map(\.otherUserId) == [pair.ada.id])
        #expect(try await pair.list(pair.ada, .outgoing).map(\.otherUserId) == [pair.bob.id])
        let accepted = try await pair.respond(pair.bob, to: pair.ada, accept: true)
        #expect(accepted.friendship == .friends && accepted.userId == pair.bob.id)
        #expect(try await pair.list(pair.ada, .friends).map(\.otherUserId) == [pair.bob.id])
        let events = try await pair.fixture.events(RelationshipChangedV1.self)
        #expect(events.map(\.change) == ["friend_requested", "friend_requested", "friend_accepted", "friend_accepted"])
        #expect(events.last?.version == 2, "each side's version grows with each change")
    }

    @Test("declining removes the request from both sides; a request to someone who asked you makes you friends at once")
    func declineAndMutual() async throws {
        let pair = try await Pair.make()
        _ = try await pair.request(pair.ada, pair.bob)
        let declined = try await pair.respond(pair.bob, to: pair.ada, accept: false)
        #expect(declined.friendship == .none)
        #expect(try await pair.list(pair.ada).isEmpty)
        #expect(try await pair.list(pair.bob).isEmpty)
        _ = try await pair.request(pair.bob, pair.ada)
        let mutual = try await pair.request(pair.ada, pair.bob)
        #expect(mutual.friendship == .friends)
        let unfriended = try await pair.service.removeFriend(RemoveFriendV1(userId: pair.bob.id), envelope: pair.fixture.envelope(RemoveFriendV1.self, actor: pair.ada.id))
        #expect(unfriended.friendship == .none)
        #expect(try await pair.list(pair.bob, .friends).isEmpty)
    }

    @Test("blocking ends the friendship, refuses new requests from the blocked user, and unblocking lifts only the block")
    func blockAndUnblock() async throws {
        let pair = try await Pair.make()
        _ = try await pair.request(pair.ada, pair.bob)
        _ = try await pair.respond(pair.bob, to: pair.ada, accept: true)
        let blocked = try await pair.block(pair.ada, pair.bob)
        #expect(blocked.blocked && blocked.friendship == .none)
        #expect(try await pair.list(pair.bob, .friends).isEmpty)
        await expectContractError(.forbidden, field: "userId") { _ = try await pair.request(pair.bob, pair.ada) }
        #expect(try await pair.list(pair.bob).isEmpty, "the refused request changed nothing")
        let unblocked = try await pair.service.unblockUser(UnblockUserV1(userId: pair.bob.id), envelope: pair.fixture.envelope(UnblockUserV1.self, actor: pair.ada.id))
        #expect(!unblocked.blocked && unblocked.friendship == .none)
        #expect(try await pair.list(pair.ada, .blocked).isEmpty)
    }

    @Test("befriending oneself, blocking twice, answering a request that was never sent and an unknown user are typed errors that change nothing")
    func badInput() async throws {
        let pair = try await Pair.make()
        await expectContractError(.validation, field: "userId") { _ = try await pair.request(pair.ada, pair.ada) }
        await expectContractError(.validation, field: "userId") { _ = try await pair.block(pair.ada, pair.ada) }
        _ = try await pair.block(pair.ada, pair.bob)
        let eventsBefore = try await pair.fixture.events(RelationshipChangedV1.self).count
        await expectContractError(.conflict, field: "userId") { _ = try await pair.block(pair.ada, pair.bob) }
        await expectContractError(.notFound, field: "userId") { _ = try await pair.respond(pair.ada, to: pair.bob, accept: true) }
        await expectContractError(.notFound, field: "userId") {
            _ = try await pair.service.sendFriendRequest(SendFriendRequestV1(userId: "65f1c2b0e4b0a1b2c3d4e5ff"), envelope: pair.fixture.envelope(SendFriendRequestV1.self, actor: pair.ada.id))
        }
        #expect(try await pair.fixture.events(RelationshipChangedV1.self).count == eventsBefore)
        #expect(try await pair.list(pair.ada).map(\.blocked) == [true])
    }

    @Test("muting is idempotent and announced once")
    func mute() async throws {
        let pair = try await Pair.make()
        for _ in 0..<2 {
            let muted = try await pair.service.setMute(SetMuteV1(userId: pair.bob.id, muted: true), envelope: pair.fixture.envelope(SetMuteV1.self, actor: pair.ada.id))
            #expect(muted.muted)
        }
        #expect(try await pair.fixture.events(RelationshipChangedV1.self).map(\.change) == ["muted"])
        #expect(try await pair.list(pair.ada, .muted).count == 1)
    }

    @Test("privacy settings default to everyone, change only the fields given, and are announced with a growing version")
    func privacy() async throws {
        let pair = try await Pair.make()
        let initial = try await pair.service.privacySettings(GetPrivacySettingsV1(), envelope: pair.fixture.envelope(GetPrivacySettingsV1.self, actor: pair.ada.id))
        #expect(initial == PrivacySettingsV1())
        let changed = try await pair.service.updatePrivacySettings(
            UpdatePrivacySettingsV1(directMessages: .contacts), envelope: pair.fixture.envelope(UpdatePrivacySettingsV1.self, actor: pair.ada.id))
        #expect(changed == PrivacySettingsV1(directMessages: .contacts))
        let again = try await pair.service.updatePrivacySettings(
            UpdatePrivacySettingsV1(presence: .nobody), envelope: pair.fixture.envelope(UpdatePrivacySettingsV1.self, actor: pair.ada.id))
        #expect(again == PrivacySettingsV1(directMessages: .contacts, presence: .nobody))
        _ = try await pair.service.updatePrivacySettings(
            UpdatePrivacySettingsV1(presence: .nobody), envelope: pair.fixture.envelope(UpdatePrivacySettingsV1.self, actor: pair.ada.id))
        let events = try await pair.fixture.events(PrivacySettingsChangedV1.self)
        #expect(events.map(\.version) == [1, 2], "an update that changes nothing is not announced")
        #expect(events.last?.settings == again)
    }
}

@Suite("Validation gaps: seed 002 fullName, seed 004 audit metadata")
struct ValidationGapTests {
    @Test("fullName is 2 to 50 characters, not starting or ending with a space, when given, at registration and in a profile update; nothing is stored otherwise")
    func fullName() async throws {
        let fixture = try await IdentityFixture.make()
        for bad in ["A", " B ", "  Ada Lovelace ", "Ada\n", String(repeating: "x", count: 51)] {
            await expectContractError(.validation, field: "profile.fullName") {
                _ = try await fixture.service.register(
                    RegisterUserV1(email: "ada@example.com", password: IdentityFixture.password, profile: UserProfile(fullName: bad)),
                    envelope: fixture.envelope(RegisterUserV1.self))
            }
        }
        #expect(try await fixture.count(User.self) == 0)
        let user = try await fixture.service.register(
            RegisterUserV1(email: "ada@example.com", password: IdentityFixture.password, profile: UserProfile(fullName: "Ada Lovelace")),
            envelope: fixture.envelope(RegisterUserV1.self))
        #expect(user.profile.fullName == "Ada Lovelace")
        await expectContractError(.validation, field: "fullName") {
            _ = try await fixture.service.updateProfile(UpdateProfileV1(fullName: "Q"), envelope: fixture.envelope(UpdateProfileV1.self, actor: user.id))
        }
        let updated = try await fixture.service.updateProfile(UpdateProfileV1(fullName: "Augusta Ada King"), envelope: fixture.envelope(UpdateProfileV1.self, actor: user.id))
        #expect(updated.profile.fullName == "Augusta Ada King")
    }

    @Test("audit entries carry seed 004 metadata, shaped to at most 20 entries with field-safe keys")
    func auditMetadata() async throws {
        let pair = try await RelationshipTests.Pair.make()
        _ = try await pair.block(pair.ada, pair.bob)
        let entries = try await DocumentCollection(AuditEntry.self, in: pair.fixture.store).find(.equal("action", .string("relationship_blocked")))
        #expect(entries.first?.metadata?["otherUserId"] == pair.bob.id && entries.first?.view.metadata?["blocked"] == "true")
        let shaped = AuditEntry.checkedMetadata(Dictionary(uniqueKeysWithValues: (0..<30).map { ("key.\($0)", String(repeating: "v", count: 600)) }))
        #expect(shaped.count == 20 && shaped.keys.allSatisfy { !$0.contains(".") } && shaped.values.allSatisfy { $0.count == 500 })
    }
}
