import Foundation
import SeedBus
import SeedStore
import SeedStoreEmbedded
import SeedStoreMongo

// Document store benchmark: the same operations against the embedded adapter and, through MongoStore,
// against MongoDB-wire servers. Prints `name value unit` lines, `store.<target>.<phase>.<figure>`.
//
//   seed-bench-store [--documents N] [--dir PATH] [--amqp URL]
//                    [--nx URL] [--secantus URL] [--wire-documents N]
//
// --documents       page-query collection size for the embedded store (default 1,000,000)
// --wire-documents  the same for the wire servers, which are much slower (default 10,000)
// --no-embedded     leave the embedded store out
// --amqp            RabbitMQ for the outbox phase (skipped without it)
// --nx, --secantus  connection strings of the wire servers (each skipped without it)

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("seed-bench-store: \(message)\n".utf8))
    exit(2)
}
let embeddedDocuments = option("--documents").flatMap(Int.init) ?? 1_000_000
let wireDocuments = option("--wire-documents").flatMap(Int.init) ?? 10_000
// Each conversation holds 1,000 messages and the continuation starts from the middle one.
for documents in [embeddedDocuments, wireDocuments] where documents < 2_000 || documents % 2_000 != 0 {
    fail("document counts must be multiples of 2000")
}
let runId = UUID().uuidString.prefix(8).lowercased()
let bus: BusConfiguration? = try option("--amqp").map { url in
    var configuration = try BusConfiguration(url: url)
    configuration.namespace = "bench-\(runId)."
    return configuration
}

var failed = false
/// Runs one target's phases; a failure is reported and the next target still runs.
@MainActor func run(_ target: String, _ body: @MainActor () async throws -> Void) async {
    do {
        try await body()
    } catch {
        FileHandle.standardError.write(Data("seed-bench-store: \(target) failed: \(error)\n".utf8))
        failed = true
    }
}

// The embedded adapter, on a file of its own with the default configuration (WAL, synchronous=NORMAL).
if !arguments.contains("--no-embedded") { await run("embedded") {
    let directory = URL(fileURLWithPath: option("--dir") ?? NSTemporaryDirectory())
        .appendingPathComponent("seed-bench-store-\(runId)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var configuration = EmbeddedStore.Configuration()
    configuration.ttlSweepInterval = nil
    let store = try EmbeddedStore(path: directory.appendingPathComponent("bench.sqlite").path, configuration: configuration)
    defer { store.close() }
    try await Workload(target: "embedded", store: store, scale: .embedded(pageDocuments: embeddedDocuments)).run()
    let plan = try await store.explain(in: "messages", where: .equal("conversationId", .string("conv-1")),
                                       sort: [SortKey("createdAt", .descending), SortKey("_id", .descending)])
    print("# store.embedded page query plan: \(plan)")
    fflush(nil)
    if let bus {
        try await OutboxPhase(target: "embedded", store: store, configuration: bus, count: Scale.embedded(pageDocuments: embeddedDocuments).outboxCommits, baseline: true).run()
    }
} }

// The wire servers through MongoStore, each in a database of its own, at the smaller scale.
for (target, url) in [("nx", option("--nx")), ("secantus", option("--secantus"))] {
    guard let url else { continue }
    print("# store.\(target): \(wireDocuments) page-query documents and fewer operations per phase than the embedded store"
          + (target == "nx" ? "; page index without _id (nx-27017 refuses _id in a compound index)" : ""))
    await run(target) {
        let store = try MongoStore(configuration: MongoConfiguration(uri: url, database: "seedbench_\(runId)"))
        defer { store.shutdown() }
        let scale = Scale.wire(pageDocuments: wireDocuments)
        try await Workload(target: target, store: store, scale: scale, pageIndexHasId: target != "nx").run()
        // nx-27017 runs standalone: MongoStore refuses transactions there, so it has no outbox.
        if let bus, target != "nx" {
            try await OutboxPhase(target: target, store: store, configuration: bus, count: scale.outboxCommits).run()
        }
    }
}
exit(failed ? 1 : 0)
