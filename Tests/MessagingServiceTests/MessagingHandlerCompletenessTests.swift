import MessagingService
import SeedServiceTesting
import Testing

@Suite("Messaging handlers")
struct MessagingHandlerCompletenessTests {
    @Test("every command the contract addresses to messaging has a handler")
    func everyCommandHasAHandler() async throws {
        let fixture = try await ServiceFixture.make(.messaging, collections: MessagingCollections.all)
        try expectEveryCommandHandled(by: .messaging) { MessagingHandlers.register(MessagingService(work: fixture.work), on: $0) }
    }
}
