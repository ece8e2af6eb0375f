import MessagingService
import SeedRuntime
import SeedServiceKit

// The messaging service: its store (embedded or MongoDB) with its collections, the outbox relay that
// publishes its events, the retention sweep, and its command handlers and subscriptions on the bus.
await SeedServiceMain.run(.messaging) { host in
    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: MessagingCollections.all)
    let service = MessagingService(work: work)
    MessagingHandlers.register(service, on: bus)
    host.addService(RetentionSweep(service: service, logger: host.logger))
}
