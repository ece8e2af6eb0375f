public import SeedBus
import SeedContracts
import SeedOutbox
public import SeedRuntime
public import SeedStore

extension UnitOfWork {
    /// Creates `collections` with their indexes, the outbox and the inbox in `store`; safe at every start.
    public static func prepare(_ store: any DocumentStore, collections: [CollectionSpec]) async throws {
        for collection in collections { try await store.prepare(collection) }
        try await Outbox.prepare(store)
        try await Inbox.prepare(store)
    }
}

extension ServiceHost {
    /// Gives the service its persistence: opens its store (``openStore()``), prepares `collections`,
    /// the outbox and the inbox, applies its pending migrations (``ServiceMigrations``), runs the outbox relay that publishes on `bus` as part of the service,
    /// and returns the unit of work that the use cases commit through. It runs on the caller's actor
    /// (`nonisolated(nonsending)`): the host is not `Sendable` and never leaves the configuring code.
    nonisolated(nonsending) public func addUnitOfWork(
        bus: Bus, collections: [CollectionSpec], errors: StoreErrorMapping = StoreErrorMapping()
    ) async throws -> UnitOfWork {
        let store = try openStore()
        try await UnitOfWork.prepare(store, collections: collections)
        try await ServiceMigrations.apply(ServiceMigrations.of(configuration.service), to: store)
        let relay = OutboxRelay(store: store, bus: bus, logger: logger)
        addService(relay)
        return UnitOfWork(store: store, service: configuration.service, errors: errors, messagesStaged: { relay.notify() }, tracer: bus.tracer)
    }
}
