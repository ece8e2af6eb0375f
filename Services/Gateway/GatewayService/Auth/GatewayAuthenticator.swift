import Foundation
import Logging
import SeedAuth
import SeedBus
import SeedContracts

/// Who is calling: a user with a verified access token, or a tenant's backend with an API key.
enum Principal: Sendable {
    case user(AccessTokenClaims)
    case apiKey(APIKeyPrincipalV1)
    /// A tenant's backend acting for one of the tenant's end users (`X-API-Key` with `X-Acting-User`),
    /// after identity confirmed that the user is an active user of the key's tenant (decision 0019).
    case actingUser(String, key: APIKeyPrincipalV1)

    /// The user id for `envelope.actor`.
    var actor: String {
        switch self {
        case .user(let claims): claims.userId
        case .apiKey(let key): APIKeyActor.actor(keyId: key.keyId)
        case .actingUser(let userId, _): userId
        }
    }

    /// The API key behind the call, if any.
    var apiKeyPrincipal: APIKeyPrincipalV1? {
        switch self {
        case .user: nil
        case .apiKey(let key), .actingUser(_, let key): key
        }
    }

    /// The tenant for `envelope.tenant`.
    var tenant: String? {
        switch self {
        case .user(let claims): claims.tenant
        case .apiKey(let key): key.tenantId
        case .actingUser(_, let key): key.tenantId
        }
    }
}

/// Checks credentials at the edge: access tokens locally with identity's key set (fetched over the
/// bus once, and again when a token names a key the gateway has not seen), API keys through
/// `identity.authenticate-api-key.v1`, whose answers are reused for a short while (``APIKeyCache``).
actor GatewayAuthenticator {
    private let bus: Bus
    private let verifier = AccessTokenVerifier()
    private let logger: Logger
    private let deadline: Duration
    /// Identity's recent answers about API keys.
    nonisolated let apiKeys: APIKeyCache
    /// Users recently confirmed as active users of a tenant, for `X-Acting-User`.
    nonisolated let actingUsers: ActingUserCache
    /// When API keys were last used, reported to identity at most once a minute per key.
    nonisolated let keyUses: APIKeyUseReporter
    private var keySet: SigningKeysV1?
    private var lastFetch: ContinuousClock.Instant?
    /// Unknown key ids may make the gateway ask identity again at most this often.
    static let refetchInterval: Duration = .seconds(10)

    init(bus: Bus, deadline: Duration, logger: Logger, apiKeyCache: APIKeyCachePolicy = APIKeyCachePolicy()) {
        self.bus = bus
        self.deadline = deadline
        self.logger = logger
        self.apiKeys = APIKeyCache(policy: apiKeyCache)
        self.actingUsers = ActingUserCache(policy: apiKeyCache)
        self.keyUses = APIKeyUseReporter(bus: bus, logger: logger)
    }

    /// The verified claims of an `Authorization: Bearer` token.
    ///
    /// Runs on the caller's task: only fetching the key set goes through the actor.
    nonisolated func user(bearer token: String) async throws(ContractError) -> AccessTokenClaims {
        do {
            return try await verifier.verify(token)
        } catch .noKeys {
            try await fetchKeysIfMissing()
        } catch .unknownKey {
            try await refreshKeys(force: false)
        } catch {
            throw refusal(error)
        }
        do { return try await verifier.verify(token) } catch { throw refusal(error) }
    }

    /// The client's view of a refused token; the verifier's own reason goes to the debug log.
    private nonisolated func refusal(_ error: AuthError) -> ContractError {
        if case .invalid = error { logger.debug("access token refused", metadata: ["reason": "\(error)"]) }
        return error.clientError
    }

    /// The principal of an `X-API-Key`: identity's answer, reused for the cache's lifetime
    /// (refusals too). Runs on the caller's task.
    nonisolated func apiKey(_ key: String, requestID: String?) async throws(ContractError) -> APIKeyPrincipalV1 {
        let principal = try await answer(for: key, requestID: requestID)
        // An expiry (stated, or the end of a rotation's overlap) holds whatever the cache remembers.
        if let expiresAt = principal.expiresAt, expiresAt <= Date() {
            throw ContractError(.unauthenticated, "the API key is not valid")
        }
        keyUses.used(principal.keyId)
        return principal
    }

    /// Identity's answer about a key, remembered or asked now.
    private nonisolated func answer(for key: String, requestID: String?) async throws(ContractError) -> APIKeyPrincipalV1 {
        let digest = APIKeyCache.digest(of: key)
        switch apiKeys.answer(for: digest) {
        case .valid(let principal)?: return principal
        case .refused(let error)?: throw error
        case nil: break
        }
        let ticket = apiKeys.ticket()
        do {
            let principal = try await bus.request(
                AuthenticateAPIKeyV1(key: key),
                envelope: MessageEnvelope(correlationId: requestID, type: AuthenticateAPIKeyV1.messageType, actor: "gateway"),
                timeout: deadline)
            apiKeys.store(.valid(principal), for: digest, ticket: ticket)
            return principal
        } catch {
            let refusal = error.contractError
            if refusal.code == .unauthenticated { apiKeys.store(.refused(refusal), for: digest, ticket: ticket) }
            throw refusal
        }
    }

    /// The user a tenant's backend acts for (`X-Acting-User`), once identity confirmed that it is an
    /// active user of the key's tenant: `identity.get-user.v1` sent as that user in that tenant, the
    /// claim the gateway is about to make on the user's behalf anyway (decision 0019). Confirmations
    /// are reused for the API-key cache's lifetime; refusals are not remembered. A user that does not
    /// exist, is suspended or deleted, or belongs to another tenant (or to none) gets the same 403, so a
    /// key learns nothing about other tenants' users.
    nonisolated func actingUser(_ userId: String, for key: APIKeyPrincipalV1, requestID: String?) async throws(ContractError) -> String {
        if actingUsers.confirmed(userId, tenant: key.tenantId) { return userId }
        let refusal = ContractError(
            .forbidden, "X-Acting-User names no active user of this API key's tenant", details: ["field": HTTPActingUser.header])
        let askedAt = ContinuousClock.now
        let user: UserV1
        do {
            user = try await bus.request(
                GetUserV1(userId: userId),
                envelope: MessageEnvelope(correlationId: requestID, type: GetUserV1.messageType, tenant: key.tenantId, actor: userId),
                timeout: deadline)
        } catch {
            let failure = error.contractError
            if [.unauthenticated, .forbidden, .notFound].contains(failure.code) { throw refusal }
            throw failure
        }
        guard user.id == userId, user.tenantId == key.tenantId, user.status == .active else { throw refusal }
        actingUsers.store(userId, tenant: key.tenantId, askedAt: askedAt)
        return userId
    }

    /// The JWK Set served at `/.well-known/jwks.json`.
    func signingKeys() async throws(ContractError) -> SigningKeysV1 {
        try await fetchKeysIfMissing()
        guard let keySet else { throw AuthError.noKeys.contractError }
        return keySet
    }

    private func fetchKeysIfMissing() async throws(ContractError) {
        if keySet == nil { try await refreshKeys(force: true) }
    }

    private func refreshKeys(force: Bool) async throws(ContractError) {
        if !force, let lastFetch, lastFetch.duration(to: .now) < Self.refetchInterval { return }
        lastFetch = .now
        do {
            let keys = try await bus.request(
                GetSigningKeysV1(), envelope: MessageEnvelope(type: GetSigningKeysV1.messageType, actor: "gateway"), timeout: deadline)
            try await verifier.install(keys)
            keySet = keys
            logger.info("installed access-token signing keys", metadata: ["kids": .array(keys.keys.map { .string($0.keyId) })])
        } catch let error as BusError {
            throw ContractError(.unavailable, "the identity service's signing keys are not available: \(error)")
        } catch {
            throw ContractError(.internal, "the identity service's signing keys cannot be used: \(error)")
        }
    }
}
