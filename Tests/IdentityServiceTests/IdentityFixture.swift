import Foundation
import IdentityService
import Logging
import SeedAuth
import SeedBus
import SeedContracts
import SeedOutbox
import SeedStore
import SeedStoreEmbedded
import Synchronization
import Testing

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A count that tests read after the code under test bumped it.
final class Counter: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func increment() { value.withLock { $0 += 1 } }
}

/// The identity service in-process over a fresh embedded store in a temporary folder, with real
/// bcrypt (cost 12) and real EdDSA keys. Events are read back from the outbox, where the service
/// stages them.
struct IdentityFixture {
    let store: EmbeddedStore
    let service: IdentityService
    let clock: TestClock
    let keys: SigningKeysV1
    /// How many times the service asked the outbox relay for a pass (`eventsCommitted`).
    let relayWakeUps: Counter

    static let password = "correct horse battery"

    static func make(
        google: any GoogleTokenVerifier = GoogleSignInDisabled(), configure: (inout IdentitySettings) -> Void = { _ in }
    ) async throws -> IdentityFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try EmbeddedStore(path: directory.appendingPathComponent("store.sqlite").path)
        try await IdentityService.prepare(store)
        var settings = IdentitySettings()
        settings.bootstrapAdminEmail = "root@example.com"
        configure(&settings)
        let clock = TestClock()
        let relayWakeUps = Counter()
        let key = try await IdentityService.signingKey(in: store, now: clock.now)
        let service = try await IdentityService(
            store: store, hasher: BcryptPasswordHasher(), signingKey: key, google: google, settings: settings,
            logger: Logger(label: "test.identity"), now: { clock.now }, eventsCommitted: { relayWakeUps.increment() })
        return IdentityFixture(store: store, service: service, clock: clock, keys: service.signingKeySet(), relayWakeUps: relayWakeUps)
    }

    /// An envelope as the gateway sends it: a new message id, the caller as actor.
    func envelope<C: Command>(_ type: C.Type, actor: String? = nil, tenant: String? = nil) -> MessageEnvelope {
        MessageEnvelope(type: C.messageType, tenant: tenant, actor: actor)
    }

    @discardableResult
    func register(_ email: String, password: String = IdentityFixture.password, phone: String? = nil, username: String? = nil) async throws -> UserV1 {
        try await service.register(RegisterUserV1(email: email, password: password, phone: phone, username: username), envelope: envelope(RegisterUserV1.self))
    }

    func login(_ email: String, password: String = IdentityFixture.password) async throws -> SessionTokensV1 {
        try await service.login(LoginV1(email: email, password: password, deviceId: "test"), envelope: envelope(LoginV1.self))
    }

    func refresh(_ token: String) async throws -> SessionTokensV1 {
        try await service.refresh(RefreshSessionV1(refreshToken: token), envelope: envelope(RefreshSessionV1.self))
    }

    /// Every event of type `E` staged in the outbox, oldest first.
    func events<E: Event>(_ type: E.Type) async throws -> [E] {
        let records = try await DocumentCollection(OutboxRecord.self, in: store).find(options: FindOptions(sort: [SortKey("createdAt")]))
        return try records.filter { $0.message.type == E.messageType }.map { record in
            try #require(try WireCoding.decode(E.self, from: record.message.body).payload)
        }
    }

    func count<D: StoredDocument>(_ type: D.Type, _ filter: Filter = .all) async throws -> Int {
        try await DocumentCollection(type, in: store).count(filter)
    }

    func auditActions(of userId: String) async throws -> [String] {
        try await DocumentCollection(AuditEntry.self, in: store)
            .find(.equal("userId", .string(userId)), options: FindOptions(sort: [SortKey("timestamp")]))
            .map(\.action)
    }
}

/// `body` throws a ``ContractError`` with `code` (and, when given, naming `field`); returns it.
@discardableResult
func expectContractError(
    _ code: ErrorCode, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> ContractError? {
    do {
        try await body()
        Issue.record("expected \(code), but it succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as ContractError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let field { #expect(error.details["field"] == field, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected ContractError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
