import Foundation
@testable import NutritionService
import SeedContracts
import SeedServiceTesting
import SeedStore
import Synchronization
import Testing

/// A FAKE fitness provider for tests: issues numbered tokens, records which access token each call
/// used, and reports a fixed day of activity. It talks to nothing.
final class FakeFitnessProvider: FitnessProvider {
    let name = "fake-fitness"
    let clock: TestClock
    let issued = Mutex(0)
    let activityCalls = Mutex<[String]>([])
    let refreshCalls = Mutex<[String]>([])

    init(clock: TestClock) { self.clock = clock }

    func exchange(code: String, redirectUri: String?) async throws -> FitnessTokens {
        guard code == "good-code" else { throw ContractError(.unauthenticated, "the fake provider refused the code") }
        let n = issued.withLock { $0 += 1; return $0 }
        return FitnessTokens(accountId: "fake-account-7", accessToken: "FAKE-ACCESS-\(n)", refreshToken: "FAKE-REFRESH-\(n)", expiresAt: clock.now.addingTimeInterval(3_600))
    }

    func refresh(refreshToken: String) async throws -> FitnessTokens {
        refreshCalls.withLock { $0.append(refreshToken) }
        let n = issued.withLock { $0 += 1; return $0 }
        return FitnessTokens(accountId: nil, accessToken: "FAKE-ACCESS-\(n)", refreshToken: nil, expiresAt: clock.now.addingTimeInterval(3_600))
    }

    func activity(accessToken: String, from: Date, to: Date) async throws -> FitnessDailyActivity {
        activityCalls.withLock { $0.append(accessToken) }
        return FitnessDailyActivity(steps: 9_400, energyBurned: 420)
    }
}

@Suite("Nutrition fitness link")
struct FitnessTests {
    typealias H = NutritionHarness

    static func key(_ id: String, _ byte: UInt8) throws -> TokenCipher.Key {
        try TokenCipher.Key(id: id, bytes: [UInt8](repeating: byte, count: 32))
    }

    static func storedProfile(_ h: H, _ user: String) async throws -> NutritionProfile {
        try await DocumentCollection(NutritionProfile.self, in: h.fixture.store).get(user)
    }

    @Test("connecting stores the tokens sealed, never returns them, and the synced energy raises the day's target")
    func connectAndSync() async throws {
        let clock = TestClock()
        let fake = FakeFitnessProvider(clock: clock)
        let h = try await H.make(fitness: fake, tokens: TokenCipher(keys: [try Self.key("k1", 1)]))
        let link = try await h.service.connectFitness(ConnectFitnessV1(authorizationCode: "good-code"), envelope: h.env(ConnectFitnessV1.self, "u1"))
        #expect(link.fitDataEnabled && link.googleId == "fake-account-7" && link.provider == "fake-fitness")
        let stored = try await Self.storedProfile(h, "u1")
        #expect(stored.googleAccessToken?.hasPrefix("v1.k1.") == true && stored.googleAccessToken?.contains("FAKE") == false)
        #expect(stored.googleRefreshToken?.contains("FAKE") == false)

        let profile = try await h.service.getProfile(GetNutritionProfileV1(), envelope: h.env(GetNutritionProfileV1.self, "u1"))
        let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        #expect(!json.contains("FAKE") && !json.contains("v1.k1"))
        for event in try await h.fixture.events(NutritionProfileUpdatedV1.self) {
            #expect(!String(decoding: try JSONEncoder().encode(event), as: UTF8.self).contains("FAKE"))
        }

        try await h.log("u1", ["650"])
        let activity = try await h.service.syncFitness(SyncFitnessV1(), envelope: h.env(SyncFitnessV1.self, "u1"))
        #expect(activity.steps == 9_400 && activity.energyBurned == 420 && activity.progress.target == 2420 && activity.progress.consumed == 650)
        #expect(fake.activityCalls.withLock { $0 } == ["FAKE-ACCESS-1"])
        let today = try await h.service.todayStats(GetTodayStatsV1(), envelope: h.env(GetTodayStatsV1.self, "u1"))
        #expect(today.progress.activityAdjustment == 420 && today.progress.target == 2420)
    }

    @Test("an access token about to expire is refreshed before the provider is asked, and stored sealed again")
    func refreshBeforeExpiry() async throws {
        let clock = TestClock()
        let fake = FakeFitnessProvider(clock: clock)
        let h = try await H.make(fitness: fake, tokens: TokenCipher(keys: [try Self.key("k1", 1)]))
        _ = try await h.service.connectFitness(ConnectFitnessV1(authorizationCode: "good-code"), envelope: h.env(ConnectFitnessV1.self, "u1"))
        let before = try await Self.storedProfile(h, "u1")
        h.fixture.clock.advance(by: 3_600 - 120)   // two minutes before expiry
        _ = try await h.service.syncFitness(SyncFitnessV1(), envelope: h.env(SyncFitnessV1.self, "u1"))
        #expect(fake.refreshCalls.withLock { $0 } == ["FAKE-REFRESH-1"])
        #expect(fake.activityCalls.withLock { $0 } == ["FAKE-ACCESS-2"], "the provider got the new token")
        let after = try await Self.storedProfile(h, "u1")
        #expect(after.googleAccessToken != before.googleAccessToken && after.googleRefreshToken == before.googleRefreshToken)
        #expect(try TokenCipher(keys: [try Self.key("k1", 1)]).open(after.googleAccessToken!, user: "u1") == "FAKE-ACCESS-2")
    }

    @Test("key rotation: with the new key first and the old kept, old tokens open and are sealed again with the new key")
    func keyRotation() async throws {
        let old = try Self.key("k1", 1)
        let new = try Self.key("k2", 2)
        let fixture = try await ServiceFixture.make(.nutrition, collections: NutritionCollections.all)
        let fake = FakeFitnessProvider(clock: fixture.clock)
        let before = NutritionService(work: fixture.work, fitness: fake, tokens: TokenCipher(keys: [old]))
        _ = try await before.connectFitness(ConnectFitnessV1(authorizationCode: "good-code"), envelope: fixture.envelope(ConnectFitnessV1.self, actor: "u1"))

        let rotated = NutritionService(work: fixture.work, fitness: fake, tokens: TokenCipher(keys: [new, old]))
        _ = try await rotated.syncFitness(SyncFitnessV1(), envelope: fixture.envelope(SyncFitnessV1.self, actor: "u1"))
        let stored = try await DocumentCollection(NutritionProfile.self, in: fixture.store).get("u1")
        #expect(stored.googleAccessToken?.hasPrefix("v1.k2.") == true && stored.googleRefreshToken?.hasPrefix("v1.k2.") == true)

        let newOnly = TokenCipher(keys: [new])
        #expect(try newOnly.open(stored.googleAccessToken!, user: "u1") == "FAKE-ACCESS-1")
        #expect(try newOnly.open(stored.googleRefreshToken!, user: "u1") == "FAKE-REFRESH-1")
        await expectContractError(.internal) { _ = try TokenCipher(keys: [old]).open(stored.googleAccessToken!, user: "u1") }
        await expectContractError(.internal) { _ = try newOnly.open(stored.googleAccessToken!, user: "someone-else") }
    }

    @Test("disconnecting clears the tokens and expiry and sets fitDataEnabled false; syncing then is refused")
    func disconnect() async throws {
        let clock = TestClock()
        let h = try await H.make(fitness: FakeFitnessProvider(clock: clock), tokens: TokenCipher(keys: [try Self.key("k1", 1)]))
        _ = try await h.service.connectFitness(ConnectFitnessV1(authorizationCode: "good-code"), envelope: h.env(ConnectFitnessV1.self, "u1"))
        let link = try await h.service.disconnectFitness(DisconnectFitnessV1(), envelope: h.env(DisconnectFitnessV1.self, "u1"))
        #expect(!link.fitDataEnabled && link.tokenExpiry == nil)
        let stored = try await Self.storedProfile(h, "u1")
        #expect(stored.googleAccessToken == nil && stored.googleRefreshToken == nil && stored.googleTokenExpiry == nil && !stored.fitDataEnabled)
        await expectContractError(.conflict) { _ = try await h.service.syncFitness(SyncFitnessV1(), envelope: h.env(SyncFitnessV1.self, "u1")) }
    }

    @Test("without a token key or provider linking is refused as not configured (a conflict, not an outage); an empty code is refused naming the field")
    func unconfigured() async throws {
        let h = try await H.make()
        await expectContractError(.validation, field: "authorizationCode") {
            _ = try await h.service.connectFitness(ConnectFitnessV1(authorizationCode: ""), envelope: h.env(ConnectFitnessV1.self, "u1"))
        }
        let error = await expectContractError(.conflict) {
            _ = try await h.service.connectFitness(ConnectFitnessV1(authorizationCode: "good-code"), envelope: h.env(ConnectFitnessV1.self, "u1"))
        }
        #expect(error?.details["reason"] == "not_configured")
    }
}
