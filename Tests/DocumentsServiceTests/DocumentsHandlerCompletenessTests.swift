import DocumentsService
import SeedServiceTesting
import Testing

@Suite("Documents handlers")
struct DocumentsHandlerCompletenessTests {
    @Test("every command the contract addresses to documents has a handler")
    func everyCommandHasAHandler() async throws {
        let harness = try await DocumentsHarness.make()
        try expectEveryCommandHandled(by: .documents) { DocumentsHandlers.register(harness.service, on: $0) }
    }
}
