import DocumentsService
import Foundation
import GatewayService
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityService
import Logging
import MessagingService
import NIOCore
import NutritionService
import SeedAuth
import SeedBus
import SeedContracts
import SeedOutbox
import SeedRedis
import SeedRuntime
import SeedServiceKit
import SeedServiceTesting
import SeedStoreEmbedded
import SeedWorkPool
import Synchronization
import Testing
import WorkService

/// Events that reached a subscriber on the real broker (delivered by identity's outbox relay).
final class DeliveredEvents: Sendable {
    private let emailTokens = Mutex<[String: String]>([:])
    private let phoneCodes = Mutex<[String: String]>([:])
    /// Identity's other delivered events that journeys read (password reset tokens).
    let recorded = EventRecorder()

    func record(_ event: EmailVerificationRequestedV1) { emailTokens.withLock { $0[event.email] = event.token } }
    func record(_ event: PhoneVerificationRequestedV1) { phoneCodes.withLock { $0[event.userId] = event.code } }

    func emailToken(for email: String) async throws -> String {
        for _ in 0..<200 {
            if let token = emailTokens.withLock({ $0[email] }) { return token }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ContractError(.timeout, "no email-verification-requested event for \(email)")
    }

    func phoneCode(for userId: String) async throws -> String {
        for _ in 0..<200 {
            if let code = phoneCodes.withLock({ $0.removeValue(forKey: userId) }) { return code }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ContractError(.timeout, "no phone-verification-requested event for \(userId)")
    }
}

/// Identity, messaging, documents, nutrition and the gateway in-process, on the real RabbitMQ and Redis that `scripts/test`
/// starts, with identity and messaging each on its own embedded store in a temporary folder; clients
/// talk HTTP to the gateway over loopback. Each suite gets its own bus namespace and rate-limit keys.
enum SuiteFixture {
    static let bootstrapAdmin = "root@example.com"

    static func busConfiguration(namespace: String) throws -> BusConfiguration {
        let url = try #require(ProcessInfo.processInfo.environment["SEED_TEST_AMQP_URL"], "SEED_TEST_AMQP_URL is not set: run scripts/test")
        var configuration = try BusConfiguration(url: url)
        configuration.namespace = namespace
        return configuration
    }

    static func redis() throws -> RedisClient {
        let url = try #require(ProcessInfo.processInfo.environment["SEED_TEST_REDIS_URL"], "SEED_TEST_REDIS_URL is not set: run scripts/test")
        return RedisClient(configuration: try RedisConfiguration(url: url))
    }

    /// How the suite's gateway is configured, where a test needs other values than the defaults.
    struct Options: Sendable {
        var rateLimits = RateLimitPolicy()
        var apiKeyCache = APIKeyCachePolicy()
        /// bcrypt from every suite of the test run shares two cores: replies may take seconds.
        var deadline: Duration = .seconds(60)
        /// Nutrition's fitness provider and the keys that seal its tokens (by default linking is unavailable).
        var nutritionFitness: any FitnessProvider = FitnessProviderDisabled()
        var nutritionTokens: TokenCipher = .none
        /// Where the in-process services, their buses and the gateway log; `Logger(label: "test.suite")` when nil.
        var logger: Logger?
        /// The documents service's limits; its blobs and staged uploads live under ``documentsRoot``.
        var documents = DocumentsSettings()
        var documentsRoot = FileManager.default.temporaryDirectory.appendingPathComponent("seed-gw-documents-\(UUID().uuidString)").path
    }

    /// File I/O and hashing of the suites' documents services.
    static let documentsPool = BlockingWorkPool(threadCount: 2, name: "gw-documents")

    /// bcrypt of the journeys' identity services. Not the process-wide default pool: the identity
    /// service tests queue a hundred hashes there at the start of a run, and a journey's registration
    /// waiting behind them outlived the HTTP test client's fixed 20 s read timeout.
    static let bcryptPool = BlockingWorkPool(threadCount: 2, name: "gw-bcrypt")

    static func run(_ options: Options = Options(), _ body: @escaping @Sendable (any TestClientProtocol, DeliveredEvents) async throws -> Void) async throws {
        try await run(options, withBus: { client, events, _ in try await body(client, events) })
    }

    /// Like ``run(_:_:)``, and gives the test a running bus of its own (service `business-ai`, which
    /// nothing else in the fixture is) for commands that go around the gateway.
    /// At most ``FixtureGate/shared``'s limit of suites run at once in the test process.
    static func run(
        _ options: Options = Options(), withBus body: @escaping @Sendable (any TestClientProtocol, DeliveredEvents, Bus) async throws -> Void
    ) async throws {
        try await FixtureGate.shared.run { try await runServices(options, body) }
    }

    private static func runServices(
        _ options: Options, _ body: @escaping @Sendable (any TestClientProtocol, DeliveredEvents, Bus) async throws -> Void
    ) async throws {
        let namespace = "gw-\(UUID().uuidString.prefix(8).lowercased())."
        let configuration = try busConfiguration(namespace: namespace)
        let logger = options.logger ?? Logger(label: "test.suite")

        let store = try ServiceFixture.temporaryStore(prefix: "gateway")
        try await IdentityService.prepare(store)
        let identityBus = Bus(service: .identity, configuration: configuration, logger: logger)
        let relay = OutboxRelay(store: store, bus: identityBus, logger: logger, pollInterval: .milliseconds(100))
        var settings = IdentitySettings()
        settings.bootstrapAdminEmail = bootstrapAdmin
        let work = UnitOfWork(store: store, service: .identity, errors: .identity, messagesStaged: { relay.notify() })
        let identity = try await IdentityService(
            work: work, hasher: BcryptPasswordHasher(pool: bcryptPool), signingKey: try await IdentityService.signingKey(in: store),
            google: GoogleSignInDisabled(), settings: settings, logger: logger)
        IdentityHandlers.register(identity, on: identityBus)

        let messagingStore = try ServiceFixture.temporaryStore(prefix: "gateway-messaging")
        try await UnitOfWork.prepare(messagingStore, collections: MessagingCollections.all)
        let messagingBus = Bus(service: .messaging, configuration: configuration, logger: logger)
        let messagingRelay = OutboxRelay(store: messagingStore, bus: messagingBus, logger: logger, pollInterval: .milliseconds(100))
        let messagingWork = UnitOfWork(store: messagingStore, service: .messaging, messagesStaged: { messagingRelay.notify() })
        MessagingHandlers.register(MessagingService(work: messagingWork), on: messagingBus)

        let documentsStore = try ServiceFixture.temporaryStore(prefix: "gateway-documents")
        try await UnitOfWork.prepare(documentsStore, collections: DocumentsCollections.all)
        let documentsBus = Bus(service: .documents, configuration: configuration, logger: logger)
        let documentsRelay = OutboxRelay(store: documentsStore, bus: documentsBus, logger: logger, pollInterval: .milliseconds(100))
        let documentsWork = UnitOfWork(store: documentsStore, service: .documents, messagesStaged: { documentsRelay.notify() })
        let documents = DocumentsService(
            work: documentsWork, blobs: try FolderBlobStore(root: options.documentsRoot), staging: try UploadStaging(root: options.documentsRoot),
            pool: documentsPool, settings: options.documents)
        DocumentsHandlers.register(documents, on: documentsBus)

        let nutritionStore = try ServiceFixture.temporaryStore(prefix: "gateway-nutrition")
        try await UnitOfWork.prepare(nutritionStore, collections: NutritionCollections.all)
        let nutritionBus = Bus(service: .nutrition, configuration: configuration, logger: logger)
        let nutritionRelay = OutboxRelay(store: nutritionStore, bus: nutritionBus, logger: logger, pollInterval: .milliseconds(100))
        let nutritionWork = UnitOfWork(store: nutritionStore, service: .nutrition, messagesStaged: { nutritionRelay.notify() })
        let nutritionRedis = try redis()
        let statsCache = StatsCache(client: nutritionRedis, namespace: "test:\(namespace)nutrition", logger: logger)
        NutritionHandlers.register(
            NutritionService(work: nutritionWork, cache: statsCache, fitness: options.nutritionFitness, tokens: options.nutritionTokens, logger: logger),
            on: nutritionBus)

        let workStore = try ServiceFixture.temporaryStore(prefix: "gateway-work")
        try await UnitOfWork.prepare(workStore, collections: WorkCollections.all)
        let workBus = Bus(service: .work, configuration: configuration, logger: logger)
        let workRelay = OutboxRelay(store: workStore, bus: workBus, logger: logger, pollInterval: .milliseconds(100))
        let workWork = UnitOfWork(store: workStore, service: .work, messagesStaged: { workRelay.notify() })
        WorkHandlers.register(WorkService(work: workWork), on: workBus)

        let inbox = DeliveredEvents()
        let listener = Bus(service: .businessAI, configuration: configuration, logger: logger)
        listener.subscribe(EmailVerificationRequestedV1.self) { event, _ in inbox.record(event) }
        listener.subscribe(PhoneVerificationRequestedV1.self) { event, _ in inbox.record(event) }
        inbox.recorded.record(PasswordResetRequestedV1.self, on: listener)

        let gatewayBus = Bus(service: .gateway, configuration: configuration, logger: logger)
        let redis = try redis()
        let router = Router(context: SeedRequestContext.self)
        Gateway.configure(router, bus: gatewayBus, redis: redis, logger: logger, rateLimitNamespace: "test:\(namespace)",
                          rateLimits: options.rateLimits, deadline: options.deadline, apiKeyCache: options.apiKeyCache)

        let tasks = [
            Task { try await identityBus.run() },
            Task { try await listener.run() },
            Task { try await relay.run() },
            Task { try await messagingBus.run() },
            Task { try await messagingRelay.run() },
            Task { try await documentsBus.run() },
            Task { try await documentsRelay.run() },
            Task { try await nutritionBus.run() },
            Task { try await nutritionRelay.run() },
            Task { try await workBus.run() },
            Task { try await workRelay.run() },
        ]
        let buses = [identityBus, messagingBus, documentsBus, nutritionBus, workBus, listener]
        do {
            try await waitUntilConnected(buses)
            try await gatewayBus.connect()
            try await Application(router: router, logger: options.logger).test(.live) { client in try await body(client, inbox, listener) }
        } catch {
            await shutdown(tasks, relays: [2, 4, 6, 8, 10], gatewayBus, buses, redis)
            await nutritionRedis.shutdown()
            throw error
        }
        await shutdown(tasks, relays: [2, 4, 6, 8, 10], gatewayBus, buses, redis)
        await nutritionRedis.shutdown()
    }

    private static func shutdown(_ tasks: [Task<Void, any Error>], relays: [Int], _ gateway: Bus, _ buses: [Bus], _ redis: RedisClient) async {
        await gateway.shutdown()
        for index in relays { tasks[index].cancel() }
        for bus in buses { await bus.shutdown() }
        for task in tasks { _ = await task.result }
        await redis.shutdown()
    }
}

/// JSON over the test client.
struct HTTPResult {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: Data

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: body)
    }

    var error: ContractError? { try? decode(ContractError.self) }
}

extension TestClientProtocol {
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, apiKey: String? = nil, actingUser: String? = nil, json: String? = nil
    ) async throws -> HTTPResult {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let apiKey { headers[HTTPField.Name("X-API-Key")!] = apiKey }
        if let actingUser { headers[HTTPField.Name("X-Acting-User")!] = actingUser }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return HTTPResult(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }

    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, apiKey: String? = nil, actingUser: String? = nil, body: some Encodable
    ) async throws -> HTTPResult {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try await call(
            method, uri, token: token, apiKey: apiKey, actingUser: actingUser, json: String(decoding: try encoder.encode(body), as: UTF8.self))
    }
}
