import Foundation
import IdentityService
import SeedAuth
import SeedContracts
import SeedOutbox
import SeedRuntime

// The identity service: its store (embedded or MongoDB), its collections and indexes, its signing
// key, the outbox relay that publishes its events, and its command handlers on the bus.
await SeedServiceMain.run(.identity) { host in
    let (settings, cost) = try IdentityConfiguration.read(ProcessInfo.processInfo.environment)
    let bus = try host.addBus()
    let store = try host.openStore()
    try await IdentityService.prepare(store)
    let relay = OutboxRelay(store: store, bus: bus, logger: host.logger)
    host.addService(relay)
    let service = try await IdentityService(
        store: store, hasher: BcryptPasswordHasher(cost: cost), signingKey: try await IdentityService.signingKey(in: store),
        google: try await IdentityConfiguration.google(ProcessInfo.processInfo.environment), settings: settings, logger: host.logger, eventsCommitted: { relay.notify() })
    IdentityHandlers.register(service, on: bus)
}
