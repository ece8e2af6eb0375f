import SeedContracts
import Testing
@testable import GatewayService

@Suite("Who sees a user's presence and last seen")
struct PresenceAudienceTests {
    static let candidates = ["friend", "stranger", "blocked-friend"]

    static func audience(presence: PrivacyAudience, lastSeen: PrivacyAudience) -> PresenceAudience {
        PresenceAudience(
            settings: PrivacySettingsV1(presence: presence, lastSeen: lastSeen),
            friends: ["friend", "blocked-friend"], blocked: ["blocked-friend"])
    }

    @Test("everyone sees presence and last seen by default, except a user the person blocks")
    func everyoneButTheBlocked() {
        let split = Self.audience(presence: .everyone, lastSeen: .everyone).split(Self.candidates)
        #expect(split.withLastSeen == ["friend", "stranger"])
        #expect(split.withoutLastSeen.isEmpty)
    }

    @Test("contacts-only presence reaches friends only; last seen for nobody still shows presence without the time")
    func contactsOnlyAndHiddenLastSeen() {
        let contacts = Self.audience(presence: .contacts, lastSeen: .everyone).split(Self.candidates)
        #expect(contacts.withLastSeen == ["friend"] && contacts.withoutLastSeen.isEmpty)

        let noLastSeen = Self.audience(presence: .everyone, lastSeen: .nobody).split(Self.candidates)
        #expect(noLastSeen.withLastSeen.isEmpty)
        #expect(noLastSeen.withoutLastSeen == ["friend", "stranger"])
    }

    @Test("presence for nobody reaches nobody, and last seen never goes further than presence")
    func nobodySeesPresence() {
        let hidden = Self.audience(presence: .nobody, lastSeen: .everyone)
        let split = hidden.split(Self.candidates)
        #expect(split.withLastSeen.isEmpty && split.withoutLastSeen.isEmpty)
        #expect(!hidden.seesLastSeen("friend"))
    }
}
