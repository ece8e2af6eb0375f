import Foundation
import HTTPTypes
import HummingbirdTesting
import SeedBus
import SeedContracts
import Testing

@testable import GatewayService

@Suite("Identity's answers about API keys, reused for a bounded time")
struct APIKeyCacheTests {
    let start = ContinuousClock.now
    static let principal = APIKeyPrincipalV1(keyId: "k1", tenantId: "acme", applicationId: "app", scopes: ["users:read"])

    static func cache(lifetime: Duration = .seconds(30), capacity: Int = 100) -> APIKeyCache {
        var policy = APIKeyCachePolicy()
        policy.lifetime = lifetime
        policy.capacity = capacity
        return APIKeyCache(policy: policy)
    }

    static func isValid(_ answer: APIKeyCache.Answer?) -> Bool {
        if case .valid? = answer { return true }
        return false
    }

    @Test("an answer lasts the lifetime counted from when identity was asked, not from when it answered")
    func lifetimeCountsFromTheQuestion() {
        let cache = Self.cache()
        let ticket = cache.ticket(now: start)
        cache.store(.valid(Self.principal), for: "d1", ticket: ticket, now: start + .seconds(5))
        #expect(Self.isValid(cache.answer(for: "d1", now: start + .seconds(29))))
        #expect(cache.answer(for: "d1", now: start + .seconds(30)) == nil)
    }

    @Test("refusals are remembered too; a lifetime of zero remembers nothing")
    func refusalsAndZeroLifetime() {
        let cache = Self.cache()
        cache.store(.refused(ContractError(.unauthenticated, "the API key is not valid")), for: "d2", ticket: cache.ticket(now: start), now: start)
        if case .refused(let error)? = cache.answer(for: "d2", now: start + .seconds(1)) {
            #expect(error.code == .unauthenticated)
        } else {
            Issue.record("the refusal was not remembered")
        }
        let off = Self.cache(lifetime: .zero)
        off.store(.valid(Self.principal), for: "d1", ticket: off.ticket(now: start), now: start)
        #expect(off.answer(for: "d1", now: start) == nil && off.count == 0)
    }

    @Test("forgetting a key drops it at once, and an answer asked for before that is not stored afterwards")
    func forgettingBeatsAnswersInFlight() {
        let cache = Self.cache()
        cache.store(.valid(Self.principal), for: "d1", ticket: cache.ticket(now: start), now: start)
        let inFlight = cache.ticket(now: start + .seconds(1))
        cache.forget(keyId: "k1")
        #expect(cache.answer(for: "d1", now: start + .seconds(2)) == nil)
        cache.store(.valid(Self.principal), for: "d1", ticket: inFlight, now: start + .seconds(2))
        #expect(cache.answer(for: "d1", now: start + .seconds(2)) == nil, "the reply was read before the revocation")
        cache.store(.valid(Self.principal), for: "d1", ticket: cache.ticket(now: start + .seconds(3)), now: start + .seconds(3))
        #expect(Self.isValid(cache.answer(for: "d1", now: start + .seconds(3))))
    }

    @Test("the cache never holds more than its capacity; valid keys outlast refusals when it is full")
    func boundedSize() {
        let cache = Self.cache(capacity: 8)
        for index in 0..<4 {
            cache.store(.valid(Self.principal), for: "valid-\(index)", ticket: cache.ticket(now: start), now: start)
        }
        for index in 0..<100 {
            cache.store(.refused(ContractError(.unauthenticated, "no")), for: "guess-\(index)", ticket: cache.ticket(now: start), now: start)
            #expect(cache.count <= 8)
        }
        #expect((0..<4).allSatisfy { Self.isValid(cache.answer(for: "valid-\($0)", now: start)) })
    }

    @Test("a key revoked around this gateway stops working within the cache's lifetime; revoked through it, at once")
    func revocationBound() async throws {
        let lifetime: Duration = .seconds(3)
        var options = SuiteFixture.Options()
        options.apiKeyCache.lifetime = lifetime
        try await SuiteFixture.run(options, withBus: { client, _, bus in
            _ = try await client.call(.post, "/api/v1/auth/register", json: #"{"email":"\#(SuiteFixture.bootstrapAdmin)","password":"correct horse battery"}"#)
            let root = try (try await client.call(.post, "/api/v1/auth/login",
                                                  json: #"{"email":"\#(SuiteFixture.bootstrapAdmin)","password":"correct horse battery"}"#)).decode(SessionTokensV1.self)
            #expect(try await client.call(.post, "/api/v1/tenants", token: root.accessToken, body: CreateTenantV1(id: "acme", name: "Acme")).status == .created)
            let app = try (try await client.call(.post, "/api/v1/tenants/acme/applications", token: root.accessToken, json: #"{"name":"Chat"}"#)).decode(ApplicationV1.self)
            func createKey() async throws -> CreatedAPIKeyV1 {
                try (try await client.call(.post, "/api/v1/tenants/acme/api-keys", token: root.accessToken,
                                           json: #"{"applicationId":"\#(app.id)","name":"backend","scopes":["users:read"]}"#)).decode(CreatedAPIKeyV1.self)
            }

            // Revoked by a command that does not pass this gateway (another instance, an operator).
            let key = try await createKey()
            let cachedAt = ContinuousClock.now
            #expect(try await client.call(.get, "/api/v1/platform/users/nobody", apiKey: key.key).status == .notFound, "the key works")
            _ = try await bus.request(
                RevokeAPIKeyV1(tenantId: "acme", keyId: key.apiKey.id),
                envelope: MessageEnvelope(type: RevokeAPIKeyV1.messageType, actor: root.user.id), timeout: .seconds(30))
            let revokedAt = ContinuousClock.now
            let meanwhile = try await client.call(.get, "/api/v1/platform/users/nobody", apiKey: key.key)
            if cachedAt.duration(to: .now) < lifetime {
                #expect(meanwhile.status == .notFound, "within the lifetime the gateway does not ask identity again")
            }
            try await Task.sleep(until: revokedAt + lifetime, clock: .continuous)
            #expect(try await client.call(.get, "/api/v1/platform/users/nobody", apiKey: key.key).status == .unauthorized,
                    "the bound: a revoked key stops working within the lifetime")

            // Revoked through this gateway.
            let second = try await createKey()
            #expect(try await client.call(.get, "/api/v1/platform/users/nobody", apiKey: second.key).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/tenants/acme/api-keys/\(second.apiKey.id)", token: root.accessToken).status == .ok)
            #expect(try await client.call(.get, "/api/v1/platform/users/nobody", apiKey: second.key).status == .unauthorized)
        })
    }
}
