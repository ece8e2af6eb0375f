// swift-tools-version:6.1
import PackageDescription

/// Seed Suite: six business services and a gateway that talk only over AMQP.
///
/// Layout (see docs/architecture.md):
/// - `Shared/`   libraries every service uses: C bindings, contracts, bus, Redis, runtime.
/// - `Services/` one executable per service plus the gateway.
/// - `bench/`    benchmarks (not tests) that print `name value unit` lines.
/// - `Tests/`    Swift Testing suites that mirror the modules they test.

let serviceNames: [(target: String, executable: String)] = [
    ("Work", "seed-work"),
    ("Messaging", "seed-messaging"),
    ("Documents", "seed-documents"),
    ("BusinessAI", "seed-business-ai"),
    ("Nutrition", "seed-nutrition"),
    ]

/// Services whose code lives in a library (`Services/<Name>/<Name>Service`) beside a thin executable
/// (`Services/<Name>/Executable`), so tests can run the same code in-process.
let layeredServices: [(target: String, executable: String)] = [
    ("Identity", "seed-identity"),
    ("Gateway", "seed-gateway"),
]

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")

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
    .systemLibrary(
        name: "CMongoc",
        path: "Shared/CMongoc",
        pkgConfig: "libmongoc-1.0",
        providers: [.apt(["libmongoc-dev", "libbson-dev"])]
    ),

    // MARK: Shared libraries
    .target(name: "SeedContracts", path: "Shared/SeedContracts"),
    .target(
        name: "SeedBus",
        dependencies: [
            "CRabbitMQ", "CThreadName", "SeedContracts", log, metrics,
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
            "SeedBus", "SeedStore", "SeedContracts", log,
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Shared/SeedOutbox"
    ),
    .target(name: "SeedRedis", dependencies: ["CHiredis", "CThreadName", log, metrics], path: "Shared/SeedRedis"),
    .target(
        name: "SeedRuntime",
        dependencies: [
            "SeedContracts", "SeedBus", "SeedStore", "SeedStoreEmbedded", "SeedStoreMongo", log, metrics,
            .product(name: "Prometheus", package: "swift-prometheus"),
            hummingbird, httpTypes,
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Shared/SeedRuntime"
    ),
    .target(
        name: "SeedAuth",
        dependencies: [
            "SeedContracts", crypto,
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

    .executableTarget(
        name: "OpsTool",
        dependencies: ["SeedBus", "SeedContracts", log, .product(name: "ArgumentParser", package: "swift-argument-parser")],
        path: "Shared/OpsTool"
    ),

    // MARK: Benchmarks
    .executableTarget(
        name: "BusBench",
        dependencies: ["SeedBus", "SeedContracts", "CRabbitMQ"],
        path: "bench/BusBench"
    ),
    .executableTarget(
        name: "IdentityBench",
        dependencies: ["SeedAuth"],
        path: "bench/IdentityBench"
    ),
    .executableTarget(
        name: "StoreBench",
        dependencies: ["SeedStore", "SeedStoreEmbedded", "SeedStoreMongo", "SeedOutbox", "SeedBus", "SeedContracts", log],
        path: "bench/StoreBench"
    ),

    // MARK: Tests
    .testTarget(name: "SeedContractsTests", dependencies: ["SeedContracts"], path: "Tests/SeedContractsTests"),
    .testTarget(name: "SeedBusTests", dependencies: ["SeedBus", "SeedContracts", "CRabbitMQ"], path: "Tests/SeedBusTests"),
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
        dependencies: ["SeedOutbox", "SeedBus", "SeedStore", "SeedStoreEmbedded", "SeedContracts", "StoreTool", log],
        path: "Tests/SeedOutboxTests"
    ),
    .testTarget(name: "SeedRedisTests", dependencies: ["SeedRedis"], path: "Tests/SeedRedisTests"),
    .testTarget(
        name: "SeedAuthTests",
        dependencies: [
            "SeedAuth", "SeedContracts", .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ],
        path: "Tests/SeedAuthTests"
    ),
    .testTarget(
        name: "IdentityServiceTests",
        dependencies: [
            "IdentityService", "SeedAuth", "SeedContracts", "SeedStore", "SeedStoreEmbedded", "SeedOutbox", "SeedBus", log,
            .product(name: "JWTKit", package: "jwt-kit"), .product(name: "CryptoExtras", package: "swift-crypto"),
        ],
        path: "Tests/IdentityServiceTests"
    ),
    .testTarget(
        name: "GatewayServiceTests",
        dependencies: [
            "GatewayService", "IdentityService", "SeedAuth", "SeedContracts", "SeedRuntime", "SeedBus", "SeedRedis",
            "SeedStoreEmbedded", "SeedOutbox", log, hummingbird, httpTypes,
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ],
        path: "Tests/GatewayServiceTests"
    ),
    .testTarget(
        name: "SeedRuntimeTests",
        dependencies: [
            "SeedRuntime", "SeedContracts", "SeedStore", "SeedStoreEmbedded", log, metrics, hummingbird, httpTypes,
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ],
        path: "Tests/SeedRuntimeTests"
    ),
]

targets += serviceNames.map { service in
    .executableTarget(
        name: service.target,
        dependencies: ["SeedRuntime", "SeedContracts", "SeedBus"],
        path: "Services/\(service.target)"
    )
}

targets += [
    .target(
        name: "IdentityService",
        dependencies: ["SeedContracts", "SeedAuth", "SeedBus", "SeedStore", "SeedOutbox", log, crypto],
        path: "Services/Identity/IdentityService"
    ),
    .target(
        name: "GatewayService",
        dependencies: ["SeedContracts", "SeedAuth", "SeedBus", "SeedRedis", "SeedRuntime", log, hummingbird, httpTypes],
        path: "Services/Gateway/GatewayService"
    ),
]
targets += layeredServices.map { service in
    .executableTarget(
        name: service.target,
        dependencies: ["SeedRuntime", "SeedContracts", "SeedBus", "SeedOutbox", "SeedRedis", .target(name: "\(service.target)Service")],
        path: "Services/\(service.target)/Executable"
    )
}

let package = Package(
    name: "seed-suite",
    platforms: [.macOS(.v15)],
    products: (serviceNames + layeredServices).map { .executable(name: $0.executable, targets: [$0.target]) } + [
        .executable(name: "seed-contract-docs", targets: ["ContractDocs"]),
        .executable(name: "seed-ops", targets: ["OpsTool"]),
        .executable(name: "seed-bench-bus", targets: ["BusBench"]),
        .executable(name: "seed-store", targets: ["StoreTool"]),
        .executable(name: "seed-bench-store", targets: ["StoreBench"]),
        .executable(name: "seed-bench-identity", targets: ["IdentityBench"]),
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
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
