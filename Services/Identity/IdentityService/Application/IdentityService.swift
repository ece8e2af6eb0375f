import Foundation
public import Logging
public import SeedAuth
import SeedBus
import SeedContracts
import SeedOutbox
public import SeedServiceKit
public import SeedStore

/// The identity service's use cases: accounts, sessions, verification, administration and tenancy.
///
/// Each state change runs in one transaction of the service's store together with its audit entry
/// and the events it causes (staged in the outbox), through the inbox so that a redelivered command
/// changes nothing twice. Slow work (bcrypt) happens before the transaction opens.
public struct IdentityService: Sendable {
    /// Every state change commits through it (inbox, transaction, outbox, error mapping).
    let work: UnitOfWork
    let hasher: any PasswordHasher
    let issuer: AccessTokenIssuer
    let signingKeys: SigningKeysV1
    let google: any GoogleTokenVerifier
    let settings: IdentitySettings
    let logger: Logger

    /// A bcrypt hash of a random password, checked when the email is unknown so that an unknown email
    /// takes as long as a wrong password.
    let decoyHash: String

    /// - Parameter work: The unit of work over identity's store (``StoreErrorMapping/identity``).
    public init(
        work: UnitOfWork, hasher: any PasswordHasher, signingKey: AccessTokenSigningKey, google: any GoogleTokenVerifier,
        settings: IdentitySettings, logger: Logger
    ) async throws {
        self.work = work
        self.hasher = hasher
        self.issuer = try await AccessTokenIssuer(signingKey: signingKey, lifetime: settings.accessTokenLifetime)
        self.signingKeys = SigningKeysV1(keys: [try signingKey.publicJWK()])
        self.google = google
        self.settings = settings
        self.logger = logger
        self.decoyHash = await hasher.hash(SecretDigest.randomToken())
    }

    /// Creates identity's collections and indexes, the outbox and the inbox; safe at every start-up.
    public static func prepare(_ store: any DocumentStore) async throws {
        try await UnitOfWork.prepare(store, collections: IdentityCollections.all)
    }

    var store: any DocumentStore { work.store }

    func now() -> Date { work.now }

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

    /// A user by id that has not been deleted, or `not_found`.
    func liveUser(_ id: String, in operations: any DocumentOperations) async throws -> User {
        guard let user = try await DocumentCollection(User.self, in: operations).first(.equal("_id", .string(id))),
              user.deletedAt == nil
        else { throw ContractError(.notFound, "no user with id \(id)", details: ["field": "userId"]) }
        return user
    }

    /// The signed-in caller (`envelope.actor`), or `unauthenticated`.
    func caller(_ envelope: MessageEnvelope, in operations: any DocumentOperations) async throws -> User {
        let actor = try envelope.signedInActor()
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
}

extension Transaction {
    var users: DocumentCollection<User> { collection(User.self) }
    var sessions: DocumentCollection<RefreshSession> { collection(RefreshSession.self) }
    var audit: DocumentCollection<AuditEntry> { collection(AuditEntry.self) }
    var tenants: DocumentCollection<Tenant> { collection(Tenant.self) }
    var applications: DocumentCollection<Application> { collection(Application.self) }
    var apiKeys: DocumentCollection<APIKey> { collection(APIKey.self) }
    var relationships: DocumentCollection<Relationship> { collection(Relationship.self) }

    /// Writes an audit entry.
    func record(_ entry: AuditEntry) async throws {
        try await audit.insert(entry)
    }
}

extension StoreErrorMapping {
    /// Identity's records: a duplicate in `users` is "another account already has this email".
    public static let identity = StoreErrorMapping(nouns: ["users": "account"])
}
