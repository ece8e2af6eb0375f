import MessagingService
import SeedRuntime
import SeedServiceKit

// The messaging service: its store (embedded or MongoDB) with its collections, the outbox relay that
// publishes its events, and its command handlers on the bus.
await SeedServiceMain.run(.messaging) { host in
    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: MessagingCollections.all)
    MessagingHandlers.register(MessagingService(work: work), on: bus)
}
