import DocumentsService
import SeedRuntime
import SeedServiceKit

// The documents service: its store (embedded or MongoDB) with its collections, the outbox relay that
// publishes its events, and its command handlers on the bus.
await SeedServiceMain.run(.documents) { host in
    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: DocumentsCollections.all)
    DocumentsHandlers.register(DocumentsService(work: work), on: bus)
}
