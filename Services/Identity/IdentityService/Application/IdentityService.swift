import Foundation
public import Logging
public import SeedAuth
import SeedBus
import SeedContracts
import SeedOutbox
public import SeedStore
import Synchronization

/// The identity service's use cases: accounts, sessions, verification, administration and tenancy.
///
/// Each state change runs in one transaction of the service's store together with its audit entry
/// and the events it causes (staged in the outbox), through the inbox so that a redelivered command
/// changes nothing twice. Slow work (bcrypt) happens before the transaction opens.
public struct IdentityService: Sendable {
    let store: any DocumentStore
    let hasher: any PasswordHasher
    let issuer: AccessTokenIssuer
    let signingKeys: SigningKeysV1
    let google: any GoogleTokenVerifier
    let settings: IdentitySettings
    let inbox: Inbox
    let logger: Logger
    let now: @Sendable () -> Date
    /// Called after a transaction that staged events has committed (wakes the outbox relay).
    let eventsCommitted: @Sendable () -> Void

    /// A bcrypt hash of a random password, checked when the email is unknown so that an unknown email
    /// takes as long as a wrong password.
    let decoyHash: String

    public init(
        store: any DocumentStore, hasher: any PasswordHasher, signingKey: AccessTokenSigningKey, google: any GoogleTokenVerifier,
        settings: IdentitySettings, logger: Logger, now: @escaping @Sendable () -> Date = Date.init,
        eventsCommitted: @escaping @Sendable () -> Void
    ) async throws {
        self.store = store
        self.hasher = hasher
        self.issuer = try await AccessTokenIssuer(signingKey: signingKey, lifetime: settings.accessTokenLifetime)
        self.signingKeys = SigningKeysV1(keys: [try signingKey.publicJWK()])
        self.google = google
        self.settings = settings
        self.inbox = Inbox(store: store, consumer: "identity")
        self.logger = logger
        self.now = now
        self.eventsCommitted = eventsCommitted
        self.decoyHash = await hasher.hash(SecretDigest.randomToken())
    }

    /// Creates identity's collections and indexes, the outbox and the inbox; safe at every start-up.
    public static func prepare(_ store: any DocumentStore) async throws {
        for collection in IdentityCollections.all { try await store.prepare(collection) }
        try await Outbox.prepare(store)
        try await Inbox.prepare(store)
    }

    /// The newest signing key, made and stored on first start.
    public static func signingKey(in store: any DocumentStore, now: Date = Date()) async throws -> AccessTokenSigningKey {
        let keys = DocumentCollection(StoredSigningKey.self, in: store)
        if let newest = try await keys.first(.all, sort: [SortKey("createdAt", .descending)]) {
            return AccessTokenSigningKey(keyId: newest.id, privateKey: newest.privateKey, createdAt: newest.createdAt)
        }
        let key = AccessTokenSigningKey.generate(now: now)
        do {
            try await keys.insert(StoredSigningKey(id: key.keyId, privateKey: key.privateKey, createdAt: key.createdAt))
            return key
        } catch StoreError.duplicateKey {
            // Another instance made one at the same moment; use the stored one.
            return try await signingKey(in: store, now: now)
        }
    }

    // MARK: - Shared steps

    /// Runs `body` once per message id in one transaction; wakes the relay afterwards if it staged events.
    func once<R: Codable & Sendable>(
        _ envelope: MessageEnvelope, _ body: @escaping @Sendable (Transaction) async throws -> R
    ) async throws -> R {
        try await committing(envelope) { transaction in
            try await inbox.once(envelope.messageId) { try await body(transaction($0)) }
        }
    }

    /// Like ``once(_:_:)`` for results that hold secrets (tokens), which the inbox must not keep: a
    /// redelivery of a command already carried out is refused as a conflict instead of replayed.
    func onceWithoutReplay<R: Sendable>(
        _ envelope: MessageEnvelope, _ body: @escaping @Sendable (Transaction) async throws -> R
    ) async throws -> R {
        let result = try await committing(envelope) { transaction in
            try await inbox.onceWithoutReplay(envelope.messageId) { try await body(transaction($0)) }
        }
        guard let result else {
            throw ContractError(.conflict, "this command (message \(envelope.messageId)) was already carried out; its tokens went to the first reply")
        }
        return result
    }

    /// Runs `run`, which opens the inbox's transaction and makes a ``Transaction`` of its operations
    /// with `transaction`; store errors become contract errors, and the relay is woken when the
    /// committed transaction staged events.
    private func committing<R>(
        _ envelope: MessageEnvelope,
        _ run: (_ transaction: @escaping @Sendable (any DocumentOperations) -> Transaction) async throws -> R
    ) async throws -> R {
        let now = now()
        let staged = StagedEvents()
        let result = try await mapStoreErrors {
            try await run { operations in Transaction(operations: operations, envelope: envelope, now: now, staged: staged) }
        }
        if staged.any { eventsCommitted() }
        return result
    }

    /// A user by id that has not been deleted, or `not_found`.
    func liveUser(_ id: String, in operations: any DocumentOperations) async throws -> User {
        guard let user = try await DocumentCollection(User.self, in: operations).first(.equal("_id", .string(id))),
              user.deletedAt == nil
        else { throw ContractError(.notFound, "no user with id \(id)", details: ["field": "userId"]) }
        return user
    }

    /// The signed-in caller (`envelope.actor`), or `unauthenticated`.
    func caller(_ envelope: MessageEnvelope, in operations: any DocumentOperations) async throws -> User {
        guard let actor = envelope.actor, !actor.isEmpty else {
            throw ContractError(.unauthenticated, "this command needs a signed-in user (envelope.actor)")
        }
        let user: User
        do {
            user = try await liveUser(actor, in: operations)
        } catch let error as ContractError where error.code == .notFound {
            throw ContractError(.unauthenticated, "the signed-in user no longer exists")
        }
        // Access tokens outlive a suspension by at most their lifetime; the account's state decides.
        guard user.status == .active else {
            throw ContractError(.forbidden, "this account is \(user.status.rawValue)", details: ["reason": "account_\(user.status.rawValue)"])
        }
        return user
    }

    /// The caller if it is an active administrator, or `forbidden`.
    func administrator(_ envelope: MessageEnvelope, in operations: any DocumentOperations) async throws -> User {
        let user = try await caller(envelope, in: operations)
        guard user.isAdministrator else { throw ContractError(.forbidden, "this needs an admin or super_admin account") }
        return user
    }

    /// Store failures as contract errors: duplicates become conflicts naming the field.
    func mapStoreErrors<R>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as StoreError {
            switch error {
            case .duplicateKey(let collection, _, let fields):
                let field = fields.last ?? "id"
                throw ContractError(.conflict, "another \(collection == "users" ? "account" : "record") already has this \(field)", details: ["field": field])
            case .notFound(let collection, _): throw ContractError(.notFound, "not found in \(collection)")
            case .conflict(let reason): throw ContractError(.conflict, reason)
            case .validation(let reason), .undeclaredPath(_, let reason): throw ContractError(.validation, reason)
            case .documentTooLarge: throw ContractError(.validation, "\(error)")
            case .unavailable(let reason): throw ContractError(.unavailable, "the identity database is unavailable: \(reason)")
            }
        }
    }
}

/// One transaction of a use case: the store operations, the command's envelope and the time it runs at.
struct Transaction: Sendable {
    let operations: any DocumentOperations
    let envelope: MessageEnvelope
    let now: Date
    /// Set by ``publish(_:)``: only a transaction that staged events wakes the outbox relay, whose pass
    /// is a query of the outbox (most commands, a token refresh among them, stage none).
    let staged: StagedEvents

    var users: DocumentCollection<User> { DocumentCollection(User.self, in: operations) }
    var sessions: DocumentCollection<RefreshSession> { DocumentCollection(RefreshSession.self, in: operations) }
    var audit: DocumentCollection<AuditEntry> { DocumentCollection(AuditEntry.self, in: operations) }
    var tenants: DocumentCollection<Tenant> { DocumentCollection(Tenant.self, in: operations) }
    var applications: DocumentCollection<Application> { DocumentCollection(Application.self, in: operations) }
    var apiKeys: DocumentCollection<APIKey> { DocumentCollection(APIKey.self, in: operations) }

    /// Stages `event` in the outbox, caused by this transaction's command.
    func publish<E: Event>(_ event: E) async throws {
        let envelope = envelope.caused(type: E.messageType)
        try await Outbox.stage(try Bus.prepare(event, envelope: envelope), in: operations)
        staged.mark()
    }

    /// Writes an audit entry.
    func record(_ entry: AuditEntry) async throws {
        try await audit.insert(entry)
    }
}

/// Whether a transaction staged any event (in any of its attempts: an extra relay pass is harmless).
final class StagedEvents: Sendable {
    private let flag = Atomic<Bool>(false)

    func mark() { flag.store(true, ordering: .relaxed) }

    var any: Bool { flag.load(ordering: .relaxed) }
}
