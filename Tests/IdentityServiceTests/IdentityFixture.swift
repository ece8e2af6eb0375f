import Foundation
import IdentityService
import Logging
import SeedAuth
import SeedBus
import SeedContracts
import SeedOutbox
import SeedStore
import SeedStoreEmbedded
import SeedServiceTesting
import Testing

/// The identity service in-process over the service kit's ``ServiceFixture`` (a fresh embedded store
/// in a temporary folder, a test clock), with real bcrypt (cost 12) and real EdDSA keys. Events are
/// read back from the outbox, where the service stages them.
struct IdentityFixture {
    let base: ServiceFixture
    let service: IdentityService
    let keys: SigningKeysV1

    var store: EmbeddedStore { base.store }
    var clock: TestClock { base.clock }
    /// How many times the service asked the outbox relay for a pass.
    var relayWakeUps: Counter { base.relayWakeUps }

    static let password = "correct horse battery"

    static func make(
        google: any GoogleTokenVerifier = GoogleSignInDisabled(), configure: (inout IdentitySettings) -> Void = { _ in }
    ) async throws -> IdentityFixture {
        let base = try await ServiceFixture.make(.identity, collections: IdentityCollections.all, errors: .identity)
        var settings = IdentitySettings()
        settings.bootstrapAdminEmail = "root@example.com"
        configure(&settings)
        let key = try await IdentityService.signingKey(in: base.store, now: base.clock.now)
        let service = try await IdentityService(
            work: base.work, hasher: BcryptPasswordHasher(), signingKey: key, google: google, settings: settings,
            logger: Logger(label: "test.identity"))
        return IdentityFixture(base: base, service: service, keys: service.signingKeySet())
    }

    /// An envelope as the gateway sends it: a new message id, the caller as actor.
    func envelope<C: Command>(_ type: C.Type, actor: String? = nil, tenant: String? = nil) -> MessageEnvelope {
        base.envelope(type, actor: actor, tenant: tenant)
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
        try await base.events(type)
    }

    func count<D: StoredDocument>(_ type: D.Type, _ filter: Filter = .all) async throws -> Int {
        try await base.count(type, filter)
    }

    func auditActions(of userId: String) async throws -> [String] {
        try await DocumentCollection(AuditEntry.self, in: store)
            .find(.equal("userId", .string(userId)), options: FindOptions(sort: [SortKey("timestamp")]))
            .map(\.action)
    }
}
