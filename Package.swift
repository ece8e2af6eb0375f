// swift-tools-version:6.1
import PackageDescription

/// Seed Suite: six business services and a gateway that talk only over AMQP.
///
/// Layout (see docs/architecture.md):
/// - `Shared/`   libraries every service uses: C bindings, contracts, bus, Redis, runtime.
/// - `Services/` one executable per service plus the gateway.
/// - `bench/`    benchmarks (not tests) that print `name value unit` lines.
/// - `Tests/`    Swift Testing suites that mirror the modules they test.

/// One entry per service. Each becomes three targets that share its name:
/// - the library `<Name>Service` in `Services/<Name>/<Name>Service` (Domain, Application, Persistence,
///   Handlers) with the service kit;
/// - the thin executable `<Name>` in `Services/<Name>/Executable`, built as the product `executable`;
/// - the tests `<Name>ServiceTests` in `Tests/<Name>ServiceTests`, with the test support.
///
/// Adding a service is one line here (docs/adding-a-service.md).
struct ServiceTargets {
    var name: String
    var executable: String
    /// What the library needs beyond the kit.
    var dependencies: [Target.Dependency] = []
    /// What the tests need beyond the library, the kit and the test support.
    var testDependencies: [Target.Dependency] = []
}

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
/// Distributed tracing API (spans across the bus; docs/decisions/0038-tracing.md).
let tracing = Target.Dependency.product(name: "Tracing", package: "swift-distributed-tracing")

let services: [ServiceTargets] = [
    ServiceTargets(
        name: "Identity", executable: "seed-identity", dependencies: ["SeedAuth", crypto],
        testDependencies: ["SeedAuth", .product(name: "JWTKit", package: "jwt-kit"), .product(name: "CryptoExtras", package: "swift-crypto")]),
    ServiceTargets(
        name: "Gateway", executable: "seed-gateway",
        dependencies: ["SeedAuth", "SeedRedis", hummingbird, httpTypes, .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket")],
        testDependencies: [
            "IdentityService", "MessagingService", "NutritionService", "DocumentsService", "WorkService", "BusinessAIService", "SeedChroma", "SeedEmbedding", "SeedWorkPool", "SeedAuth", "SeedRedis", hummingbird, httpTypes,
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"), .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
        ]),
    ServiceTargets(
        name: "Work", executable: "seed-work", dependencies: [.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
        testDependencies: ["SeedStoreMongo"]),
    ServiceTargets(
        name: "Messaging", executable: "seed-messaging",
        dependencies: [.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
    ServiceTargets(
        name: "Documents", executable: "seed-documents",
        dependencies: [crypto, "SeedWorkPool", "SeedStoreMongo", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
        testDependencies: ["SeedWorkPool", "SeedStoreMongo"]),
    ServiceTargets(
        name: "BusinessAI", executable: "seed-business-ai", dependencies: ["SeedEmbedding", "SeedChroma", "SeedRedis", crypto],
        testDependencies: ["SeedEmbedding", "SeedChroma", "SeedRedis", hummingbird]),
    ServiceTargets(
        name: "Nutrition", executable: "seed-nutrition", dependencies: ["SeedRedis", crypto, metrics],
        testDependencies: ["SeedRedis", hummingbird, .product(name: "HummingbirdTesting", package: "hummingbird")]),
]

/// What every service library gets: contracts, bus, store, outbox and inbox, the unit of work, the runtime.
let serviceKit: [Target.Dependency] = ["SeedContracts", "SeedBus", "SeedStore", "SeedOutbox", "SeedServiceKit", "SeedRuntime", log, tracing]

var targets: [Target] = [
    // MARK: C bindings (Debian packages)
    .systemLibrary(
        name: "CRabbitMQ",
        path: "Shared/CRabbitMQ",
        pkgConfig: "librabbitmq",
        providers: [.apt(["librabbitmq-dev"])]
    ),
    .systemLibrary(
        name: "CHiredis",
        path: "Shared/CHiredis",
        pkgConfig: "hiredis",
        providers: [.apt(["libhiredis-dev"])]
    ),
    .systemLibrary(name: "CThreadName", path: "Shared/CThreadName"),
    .systemLibrary(name: "COpenBLAS", path: "Shared/COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
        name: "CMongoc",
        path: "Shared/CMongoc",
        pkgConfig: "libmongoc-1.0",
        providers: [.apt(["libmongoc-dev", "libbson-dev"])]
    ),

    // MARK: Shared libraries
    .target(name: "SeedContracts", path: "Shared/SeedContracts"),
    .target(
        name: "SeedWorkPool",
        dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
        path: "Shared/SeedWorkPool"
    ),
    .target(
        name: "SeedBus",
        dependencies: [
            "CRabbitMQ", "CThreadName", "SeedContracts", log, metrics, tracing,
            .product(name: "DequeModule", package: "swift-collections"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Shared/SeedBus"
    ),
    .target(name: "SeedStore", path: "Shared/SeedStore"),
    .target(
        name: "SeedStoreEmbedded",
        dependencies: ["SeedStore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
        path: "Shared/SeedStoreEmbedded"
    ),
    .executableTarget(
        name: "StoreTool",
        dependencies: [
            "SeedStore", "SeedStoreEmbedded", "SeedOutbox", "SeedBus", "SeedContracts",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "Shared/StoreTool"
    ),
    .target(name: "SeedStoreMongo", dependencies: ["CMongoc", "SeedStore"], path: "Shared/SeedStoreMongo"),
    .target(
        name: "SeedOutbox",
        dependencies: [
            "SeedBus", "SeedStore", "SeedContracts", log, tracing,
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Shared/SeedOutbox"
    ),
    .target(
        name: "SeedServiceKit",
        dependencies: [
            "SeedContracts", "SeedBus", "SeedStore", "SeedOutbox", "SeedRuntime", log, metrics, tracing,
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Shared/SeedServiceKit"
    ),
    .target(name: "SeedRedis", dependencies: ["CHiredis", "CThreadName", log, metrics], path: "Shared/SeedRedis"),
    // Text embeddings behind one protocol: the default offline model and an OpenAI-compatible endpoint.
    .target(
        name: "SeedEmbedding",
        dependencies: ["COpenBLAS", "SeedWorkPool", log, .product(name: "AsyncHTTPClient", package: "async-http-client")],
        path: "Shared/SeedEmbedding"
    ),
    // The ChromaDB HTTP API adapter (collections, add/upsert, query, delete).
    .target(
        name: "SeedChroma",
        dependencies: [log, .product(name: "AsyncHTTPClient", package: "async-http-client")],
        path: "Shared/SeedChroma"
    ),
    .target(
        name: "SeedRuntime",
        dependencies: [
            "SeedContracts", "SeedBus", "SeedStore", "SeedStoreEmbedded", "SeedStoreMongo", log, metrics, tracing,
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "OTel", package: "swift-otel"),
            hummingbird, httpTypes,
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Shared/SeedRuntime"
    ),
    .target(
        name: "SeedAuth",
        dependencies: [
            "SeedContracts", "SeedWorkPool", crypto,
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "ExtrasBase64", package: "swift-extras-base64"),
        ],
        path: "Shared/SeedAuth"
    ),
    .executableTarget(
        name: "ContractDocs",
        dependencies: ["SeedContracts"],
        path: "Shared/ContractDocs"
    ),

    .target(
        name: "SeedOpsKit",
        dependencies: [
            "SeedBus", "SeedContracts", "SeedStore", "SeedStoreEmbedded", "SeedStoreMongo", "SeedOutbox", "SeedServiceKit", log,
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "Shared/SeedOpsKit"
    ),
    .executableTarget(
        name: "OpsTool",
        dependencies: ["SeedOpsKit"],
        path: "Shared/OpsTool"
    ),

    // MARK: Benchmarks
    // The raw librabbitmq baseline and the figures' arithmetic that the bus and messaging benchmarks share.
    .target(name: "BenchSupport", dependencies: ["SeedBus", "CRabbitMQ"], path: "bench/BenchSupport"),
    .executableTarget(
        name: "BusBench",
        dependencies: ["BenchSupport", "SeedBus", "SeedContracts", "CRabbitMQ"],
        path: "bench/BusBench"
    ),
    // seed-load: the open-loop HTTP load generator every service's benchmark uses.
    .executableTarget(
        name: "LoadGenerator",
        dependencies: [
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "bench/LoadGenerator"
    ),
    .executableTarget(
        name: "MessagingBench",
        dependencies: [
            "BenchSupport", "MessagingService", "SeedBus", "SeedContracts", "SeedStore", "SeedStoreEmbedded", log,
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "bench/MessagingBench"
    ),
    // seed-bench-work: the work benchmark's sprint preload and store baseline (scripts/lib/bench-work.sh).
    .executableTarget(
        name: "WorkBench",
        dependencies: ["WorkService", "SeedStore", "SeedStoreEmbedded", .product(name: "ArgumentParser", package: "swift-argument-parser")],
        path: "bench/WorkBench"
    ),
    // seed-bench-realtime: WebSocket clients of the gateway's real-time edge under a fixed message rate.
    .executableTarget(
        name: "RealTimeBench",
        dependencies: [
            log, httpTypes, .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ],
        path: "bench/RealTimeBench"
    ),
    .executableTarget(
        name: "IdentityBench",
        dependencies: ["SeedAuth"],
        path: "bench/IdentityBench"
    ),
    // seed-bench-embedding: the MiniLM embedder's sentences/s against the raw cblas_sgemm rate.
    .executableTarget(name: "EmbeddingBench", dependencies: ["SeedEmbedding", "SeedWorkPool", "COpenBLAS"], path: "bench/EmbeddingBench"),
    // seed-bench-business-ai: retrieval quality (recall@3, answers with the expected fact) and ingestion speed through business-ai's code path.
    .executableTarget(
        name: "BusinessAIBench",
        dependencies: ["BusinessAIService", "SeedServiceKit", "SeedStoreEmbedded", "SeedChroma", "SeedEmbedding", "SeedWorkPool", "SeedContracts", log, crypto],
        path: "bench/BusinessAIBench", exclude: ["Data"]),
    // seed-chaos: the chaos suite's driver (scripts/chaos): marked commands through the gateway while parts are killed.
    .executableTarget(
        name: "Chaos",
        dependencies: [
            "SeedBus", "SeedContracts", log, .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ],
        path: "bench/Chaos"
    ),
    .executableTarget(
        name: "StoreBench",
        dependencies: ["SeedStore", "SeedStoreEmbedded", "SeedStoreMongo", "SeedOutbox", "SeedBus", "SeedContracts", log],
        path: "bench/StoreBench"
    ),

    // MARK: Tests
    .target(
        name: "SeedServiceTesting",
        dependencies: ["SeedServiceKit", "SeedContracts", "SeedBus", "SeedStore", "SeedStoreEmbedded", "SeedOutbox", "SeedRedis", log, tracing,
                       .product(name: "InMemoryTracing", package: "swift-distributed-tracing")],
        path: "Tests/SeedServiceTesting"
    ),
    .testTarget(
        name: "SeedServiceKitTests",
        dependencies: ["SeedServiceKit", "SeedServiceTesting", "SeedContracts", "SeedBus", "SeedStore", "SeedStoreEmbedded", "SeedOutbox", "SeedRuntime", tracing,
                       .product(name: "InMemoryTracing", package: "swift-distributed-tracing")],
        path: "Tests/SeedServiceKitTests"
    ),
    .testTarget(name: "SeedContractsTests", dependencies: ["SeedContracts"], path: "Tests/SeedContractsTests"),
    .testTarget(
        name: "OpsToolTests",
        dependencies: [
            "SeedOpsKit", "SeedBus", "SeedContracts", "SeedStore", "SeedStoreEmbedded", "SeedOutbox",
            // The tenant export and erasure tests start messaging and documents (their handlers on real buses).
            "SeedServiceKit", "SeedServiceTesting", "MessagingService", "DocumentsService", "SeedWorkPool",
        ],
        path: "Tests/OpsToolTests"),
    .testTarget(name: "SeedBusTests", dependencies: ["SeedBus", "SeedContracts", "SeedWorkPool", "CRabbitMQ", tracing], path: "Tests/SeedBusTests"),
    .testTarget(name: "SeedStoreTests", dependencies: ["SeedStore", "SeedStoreEmbedded", "SeedStoreMongo"], path: "Tests/SeedStoreTests"),
    .testTarget(
        name: "SeedStoreEmbeddedTests",
        dependencies: ["SeedStore", "SeedStoreEmbedded", "StoreTool"],
        path: "Tests/SeedStoreEmbeddedTests"
    ),
    .testTarget(
        name: "SeedStoreMongoTests",
        dependencies: ["SeedStoreMongo", "SeedStore", "CMongoc"],
        path: "Tests/SeedStoreMongoTests"
    ),
    .testTarget(
        name: "SeedOutboxTests",
        dependencies: ["SeedOutbox", "SeedBus", "SeedStore", "SeedStoreEmbedded", "SeedContracts", "StoreTool", log, tracing],
        path: "Tests/SeedOutboxTests"
    ),
    .testTarget(name: "SeedRedisTests", dependencies: ["SeedRedis"], path: "Tests/SeedRedisTests"),
    .testTarget(
        name: "SeedEmbeddingTests", dependencies: ["SeedEmbedding", "SeedWorkPool"], path: "Tests/SeedEmbeddingTests",
        exclude: ["Reference"]),
    .testTarget(name: "SeedChromaTests", dependencies: ["SeedChroma", "SeedEmbedding"], path: "Tests/SeedChromaTests"),
    .testTarget(name: "LoadGeneratorTests", dependencies: ["LoadGenerator"], path: "Tests/LoadGeneratorTests"),
    .testTarget(
        name: "SeedAuthTests",
        dependencies: [
            "SeedAuth", "SeedContracts", .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ],
        path: "Tests/SeedAuthTests"
    ),
    .testTarget(
        name: "SeedRuntimeTests",
        dependencies: [
            "SeedRuntime", "SeedBus", "SeedContracts", "SeedStore", "SeedStoreEmbedded", log, metrics, tracing, hummingbird, httpTypes,
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ],
        path: "Tests/SeedRuntimeTests"
    ),
]

for service in services {
    targets += [
        .target(
            name: "\(service.name)Service",
            dependencies: serviceKit + service.dependencies,
            path: "Services/\(service.name)/\(service.name)Service"
        ),
        .executableTarget(
            name: service.name,
            dependencies: [.target(name: "\(service.name)Service")] + serviceKit + service.dependencies,
            path: "Services/\(service.name)/Executable"
        ),
        .testTarget(
            name: "\(service.name)ServiceTests",
            dependencies: [.target(name: "\(service.name)Service"), "SeedServiceTesting", "SeedStoreEmbedded"] + serviceKit + service.testDependencies,
            path: "Tests/\(service.name)ServiceTests"
        ),
    ]
}

let package = Package(
    name: "seed-suite",
    platforms: [.macOS(.v15)],
    products: services.map { .executable(name: $0.executable, targets: [$0.name]) } + [
        .executable(name: "seed-contract-docs", targets: ["ContractDocs"]),
        .executable(name: "seed-ops", targets: ["OpsTool"]),
        .executable(name: "seed-bench-bus", targets: ["BusBench"]),
        .executable(name: "seed-store", targets: ["StoreTool"]),
        .executable(name: "seed-bench-store", targets: ["StoreBench"]),
        .executable(name: "seed-bench-identity", targets: ["IdentityBench"]),
        .executable(name: "seed-load", targets: ["LoadGenerator"]),
        .executable(name: "seed-bench-messaging", targets: ["MessagingBench"]),
        .executable(name: "seed-bench-work", targets: ["WorkBench"]),
        .executable(name: "seed-bench-realtime", targets: ["RealTimeBench"]),
        .executable(name: "seed-bench-embedding", targets: ["EmbeddingBench"]),
        .executable(name: "seed-bench-business-ai", targets: ["BusinessAIBench"]),
        .executable(name: "seed-chaos", targets: ["Chaos"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swift-extras/swift-extras-base64", from: "1.2.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // OTLP/HTTP only: the gRPC exporter's packages would double the first build (docs/decisions/0038-tracing.md).
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
