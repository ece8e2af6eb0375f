import Foundation
import IdentityService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Testing

@Suite("Last seen, reported by the real-time edge")
struct LastSeenTests {
    @Test("a report moves lastSeenAt forward, never back; an unknown user is ignored")
    func lastSeenMovesForwardOnly() async throws {
        let fixture = try await IdentityFixture.make()
        let user = try await fixture.register("ada@example.com")
        let report = { (userId: String, at: Date) in
            _ = try await fixture.service.recordLastSeen(
                RecordLastSeenV1(userId: userId, lastSeenAt: at), envelope: fixture.envelope(RecordLastSeenV1.self, actor: "gateway"))
        }
        let stored = { try await DocumentCollection(User.self, in: fixture.store).first(.equal("_id", .string(user.id)))?.lastSeenAt }
        let later = fixture.clock.now.addingTimeInterval(600)
        try await report(user.id, later)
        #expect(try await stored() == later)
        try await report(user.id, fixture.clock.now)
        #expect(try await stored() == later, "an older report changes nothing")
        try await report("65f1c2b0e4b0a1b2c3d4e5ff", later)
        #expect(try await DocumentCollection(User.self, in: fixture.store).count(.equal("_id", .string("65f1c2b0e4b0a1b2c3d4e5ff"))) == 0)
    }
}
