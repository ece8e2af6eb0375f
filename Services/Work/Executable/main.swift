import WorkService
import SeedRuntime
import SeedServiceKit

// The work service: its store (embedded or MongoDB) with its collections, the outbox relay that
// publishes its events, the milestone and task sweeps, and its command handlers and subscriptions on the bus.
await SeedServiceMain.run(.work) { host in
    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: WorkCollections.all)
    let service = WorkService(work: work)
    WorkHandlers.register(service, on: bus)
    host.addService(MilestoneSweep(service: service, logger: host.logger))
    host.addService(TaskSweep(service: service, logger: host.logger))
}
