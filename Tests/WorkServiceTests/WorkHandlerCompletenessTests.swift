import WorkService
import SeedServiceTesting
import Testing

@Suite("Work handlers")
struct WorkHandlerCompletenessTests {
    @Test("every command the contract addresses to work has a handler")
    func everyCommandHasAHandler() async throws {
        let fixture = try await ServiceFixture.make(.work, collections: WorkCollections.all)
        try expectEveryCommandHandled(by: .work) { WorkHandlers.register(WorkService(work: fixture.work), on: $0) }
    }
}
