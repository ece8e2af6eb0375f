import IdentityService
import SeedServiceTesting
import Testing

@Suite("Identity handlers")
struct HandlerCompletenessTests {
    @Test("every command the contract addresses to identity has a handler")
    func everyCommandHasAHandler() async throws {
        let fixture = try await IdentityFixture.make()
        try expectEveryCommandHandled(by: .identity) { IdentityHandlers.register(fixture.service, on: $0) }
    }
}
