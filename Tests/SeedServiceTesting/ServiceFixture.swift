public import Foundation
public import SeedBus
public import SeedContracts
import SeedOutbox
public import SeedServiceKit
public import SeedStore
public import SeedStoreEmbedded
import Testing

/// A service's persistence in-process for its use-case tests: a fresh embedded store in a temporary
/// folder with the service's collections, the outbox and the inbox; a ``UnitOfWork`` over it on a
/// ``TestClock``; and the events the use cases staged, read back from the outbox.
///
/// ```swift
/// let fixture = try await ServiceFixture.make(.work, collections: WorkCollections.all)
/// let service = WorkService(work: fixture.work)
/// _ = try await service.createBoard(command, envelope: fixture.envelope(CreateBoardV1.self, actor: "u1"))
/// #expect(try await fixture.events(BoardCreatedV1.self).count == 1)
/// ```
public struct ServiceFixture: Sendable {
    public let store: EmbeddedStore
    public let work: UnitOfWork
    public let clock: TestClock
    /// How many times a committed transaction asked the outbox relay for a pass.
    public let relayWakeUps: Counter

    /// - Parameters:
    ///   - service: The service under test (names its inbox consumer and database in errors).
    ///   - collections: Its collections, created with their indexes.
    ///   - errors: Its store-error wording.
    public static func make(
        _ service: ServiceName, collections: [CollectionSpec], errors: StoreErrorMapping = StoreErrorMapping()
    ) async throws -> ServiceFixture {
        let store = try temporaryStore(prefix: service.rawValue)
        try await UnitOfWork.prepare(store, collections: collections)
        let clock = TestClock()
        let relayWakeUps = Counter()
        let work = UnitOfWork(store: store, service: service, errors: errors, now: { clock.now }, messagesStaged: { relayWakeUps.increment() })
        return ServiceFixture(store: store, work: work, clock: clock, relayWakeUps: relayWakeUps)
    }

    /// A fresh embedded store in a new temporary folder.
    public static func temporaryStore(prefix: String) throws -> EmbeddedStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try EmbeddedStore(path: directory.appendingPathComponent("store.sqlite").path)
    }

    /// An envelope as the gateway sends it: a new message id, the caller as actor.
    public func envelope<C: Command>(_ type: C.Type, actor: String? = nil, tenant: String? = nil) -> MessageEnvelope {
        MessageEnvelope(type: C.messageType, tenant: tenant, actor: actor)
    }

    /// Every event of type `E` staged in the outbox, oldest first.
    public func events<E: Event>(_ type: E.Type) async throws -> [E] {
        try await staged(E.messageType).map { try #require(try WireCoding.decode(E.self, from: $0.body).payload) }
    }

    /// Every command of type `C` staged in the outbox for its owner, oldest first.
    public func sentCommands<C: Command>(_ type: C.Type) async throws -> [C] {
        try await staged(C.messageType).map { try #require(try WireCoding.decode(C.self, from: $0.body).payload) }
    }

    private func staged(_ type: MessageType) async throws -> [PreparedMessage] {
        let records = try await DocumentCollection(OutboxRecord.self, in: store).find(options: FindOptions(sort: [SortKey("createdAt")]))
        return records.map(\.message).filter { $0.type == type }
    }

    /// How many documents of `type` match `filter`.
    public func count<D: StoredDocument>(_ type: D.Type, _ filter: Filter = .all) async throws -> Int {
        try await DocumentCollection(type, in: store).count(filter)
    }
}
