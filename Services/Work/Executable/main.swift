import WorkService
import SeedRuntime
import SeedServiceKit

// The work service: its store (embedded or MongoDB) with its collections, the outbox relay that
// publishes its events, and its command handlers on the bus.
await SeedServiceMain.run(.work) { host in
    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: WorkCollections.all)
    WorkHandlers.register(WorkService(work: work), on: bus)
}
