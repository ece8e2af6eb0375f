import NutritionService
import SeedServiceTesting
import Testing

@Suite("Nutrition handlers")
struct NutritionHandlerCompletenessTests {
    @Test("every command the contract addresses to nutrition has a handler")
    func everyCommandHasAHandler() async throws {
        let fixture = try await ServiceFixture.make(.nutrition, collections: NutritionCollections.all)
        try expectEveryCommandHandled(by: .nutrition) { NutritionHandlers.register(NutritionService(work: fixture.work), on: $0) }
    }
}
