import BusinessAIService
import SeedServiceTesting
import Testing

@Suite("BusinessAI handlers")
struct BusinessAIHandlerCompletenessTests {
    @Test("every command the contract addresses to businessAI has a handler")
    func everyCommandHasAHandler() async throws {
        let fixture = try await ServiceFixture.make(.businessAI, collections: BusinessAICollections.all)
        try expectEveryCommandHandled(by: .businessAI) { BusinessAIHandlers.register(BusinessAIService(work: fixture.work), on: $0) }
    }
}
