import BusinessAIService
import SeedRuntime
import SeedServiceKit

// The businessAI service: its store (embedded or MongoDB) with its collections, the outbox relay that
// publishes its events, and its command handlers on the bus.
await SeedServiceMain.run(.businessAI) { host in
    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: BusinessAICollections.all)
    BusinessAIHandlers.register(BusinessAIService(work: work), on: bus)
}
