import DocumentsService
import SeedServiceTesting
import Testing

@Suite("Documents handlers")
struct DocumentsHandlerCompletenessTests {
    @Test("every command the contract addresses to documents has a handler")
    func everyCommandHasAHandler() async throws {
        let fixture = try await ServiceFixture.make(.documents, collections: DocumentsCollections.all)
        try expectEveryCommandHandled(by: .documents) { DocumentsHandlers.register(DocumentsService(work: fixture.work), on: $0) }
    }
}
