import NutritionService
import SeedRuntime
import SeedServiceKit

// The nutrition service: its store (embedded or MongoDB) with its collections, the outbox relay that
// publishes its events, and its command handlers on the bus.
await SeedServiceMain.run(.nutrition) { host in
    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: NutritionCollections.all)
    NutritionHandlers.register(NutritionService(work: work), on: bus)
}
