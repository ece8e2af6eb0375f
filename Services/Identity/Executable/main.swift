import Foundation
import IdentityService
import SeedAuth
import SeedContracts
import SeedRuntime
import SeedServiceKit

// The identity service: its store (embedded or MongoDB) with its collections and indexes, the outbox
// relay that publishes its events, its signing key, and its command handlers on the bus.
await SeedServiceMain.run(.identity) { host in
    let (settings, cost) = try IdentityConfiguration.read(ProcessInfo.processInfo.environment)
    let bus = try host.addBus()
    let work = try await host.addUnitOfWork(bus: bus, collections: IdentityCollections.all, errors: .identity)
    let service = try await IdentityService(
        work: work, hasher: BcryptPasswordHasher(cost: cost), signingKey: try await IdentityService.signingKey(in: work.store),
        google: try await IdentityConfiguration.google(ProcessInfo.processInfo.environment), settings: settings, logger: host.logger)
    IdentityHandlers.register(service, on: bus)
}
