import SeedContracts
import SeedRuntime

// Boots the service: configuration, logging, metrics, health routes and the bus (which answers
// system.ping.v1). The service's own handlers are registered on the bus here as they are built.
await SeedServiceMain.run(.businessAI) { host in
    _ = try host.addBus()
}
