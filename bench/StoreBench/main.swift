import Foundation
import SeedStore
import SeedStoreEmbedded

// seed-bench-store [--documents N] [--dir PATH]
// Prints `name value unit` lines for the embedded document store.

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
let pageDocuments = option("--documents").flatMap(Int.init) ?? 1_000_000
// Every page query must find two full pages: 1,000 conversations with at least 100 messages each.
guard pageDocuments >= 100_000 else {
    FileHandle.standardError.write(Data("--documents must be at least 100000\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: option("--dir") ?? NSTemporaryDirectory())
    .appendingPathComponent("seed-bench-store-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

var configuration = EmbeddedStore.Configuration()
configuration.ttlSweepInterval = nil
let store = try EmbeddedStore(path: directory.appendingPathComponent("bench.sqlite").path, configuration: configuration)

func report(_ name: String, _ value: Double, _ unit: String) {
    print("store.embedded.\(name) \(value >= 100 ? String(Int(value.rounded())) : String(format: "%.3f", value)) \(unit)")
}

/// CPU seconds this process has used (all threads): on a shared machine, throughput follows the CPU
/// the process gets, so `cpu_per_op` is the steadier figure.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Runs `operation` `count` times over `concurrency` tasks; reports throughput and latency percentiles.
func measure(_ name: String, count: Int, concurrency: Int, _ operation: @escaping @Sendable (Int) async throws -> Void) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = processCPUSeconds()
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var latencies: [Duration] = []
                var index = worker
                while index < count {
                    let begin = clock.now
                    try await operation(index)
                    latencies.append(clock.now - begin)
                    index += concurrency
                }
                return latencies
            }
        }
        return try await group.reduce(into: [Duration]()) { $0 += $1 }
    }.sorted()
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }
    report("\(name).throughput", Double(count) / seconds, "ops/s")
    report("\(name).cpu_per_op", (processCPUSeconds() - cpuStart) / Double(count) * 1e6, "us")
    report("\(name).p50", milliseconds(latencies[latencies.count / 2]), "ms")
    report("\(name).p99", milliseconds(latencies[min(latencies.count - 1, latencies.count * 99 / 100)]), "ms")
}

// Single-document inserts: sequential (one commit each) and concurrent (group commit).
try await store.prepare(CollectionSpec("events", indexes: [IndexSpec([.ascending("user")])]))
let sequentialIds = (0..<5_000).map { _ in ObjectId() }
try await measure("insert_one_sequential", count: sequentialIds.count, concurrency: 1) { index in
    try await store.insert([["_id": .objectId(sequentialIds[index]), "user": .int32(Int32(index % 100)), "kind": .string("click")]], into: "events")
}
let concurrentIds = (0..<50_000).map { _ in ObjectId() }
try await measure("insert_one", count: concurrentIds.count, concurrency: 64) { index in
    try await store.insert([["_id": .objectId(concurrentIds[index]), "user": .int32(Int32(index % 100)), "kind": .string("view")]], into: "events")
}

// Batches of 1,000 documents.
try await measure("insert_many_1000", count: 100, concurrency: 1) { _ in
    let batch: [Document] = (0..<1_000).map { index in ["_id": .objectId(ObjectId()), "user": .int32(Int32(index % 100)), "kind": .string("batch")] }
    try await store.insert(batch, into: "events")
}

// Finds by id, sequential and with 8 concurrent readers.
let lookups = 100_000
try await measure("find_by_id_sequential", count: 20_000, concurrency: 1) { index in
    let found = try await store.find(in: "events", where: .equal("_id", .objectId(concurrentIds[(index * 7919) % concurrentIds.count])), options: FindOptions(limit: 1))
    precondition(found.count == 1)
}
try await measure("find_by_id", count: lookups, concurrency: 8) { index in
    let found = try await store.find(in: "events", where: .equal("_id", .objectId(concurrentIds[(index * 7919) % concurrentIds.count])), options: FindOptions(limit: 1))
    precondition(found.count == 1)
}

// The seed 004 page query at `pageDocuments` messages over 1,000 conversations.
try await store.prepare(CollectionSpec("messages", indexes: [IndexSpec([.ascending("conversationId"), .descending("createdAt"), .descending("_id")])]))
let base = Date(timeIntervalSince1970: 1_767_571_200)
let loadClock = ContinuousClock()
let loadStart = loadClock.now
var loaded = 0
while loaded < pageDocuments {
    let size = min(5_000, pageDocuments - loaded)
    let batch: [Document] = (loaded..<loaded + size).map { index in
        ["_id": .objectId(ObjectId()), "conversationId": .string("conv-\(index % 1_000)"),
         "createdAt": .date(base.addingTimeInterval(Double(index))), "author": .string("user-\(index % 37)"),
         "body": .string("message number \(index) with a little text to make it realistic")]
    }
    try await store.insert(batch, into: "messages")
    loaded += size
}
let loadElapsed = loadClock.now - loadStart
report("load_messages.throughput", Double(pageDocuments) / (Double(loadElapsed.components.seconds) + Double(loadElapsed.components.attoseconds) / 1e18), "docs/s")
report("page_query.documents", Double(pageDocuments), "docs")
let sort = [SortKey("createdAt", .descending), SortKey("_id", .descending)]
try await measure("page_query_first", count: 5_000, concurrency: 1) { index in
    let page = try await store.find(in: "messages", where: .equal("conversationId", .string("conv-\((index * 31) % 1_000)")),
                                    options: FindOptions(sort: sort, limit: 50))
    precondition(page.count == 50)
}
try await measure("page_query_next", count: 5_000, concurrency: 1) { index in
    let conversation = "conv-\((index * 31) % 1_000)"
    let middle = base.addingTimeInterval(Double(pageDocuments / 2 + (index * 31) % 1_000))
    let after = Filter.or([.lessThan("createdAt", .date(middle)),
                           .and([.equal("createdAt", .date(middle)), .lessThan("_id", .objectId(ObjectId()))])])
    let page = try await store.find(in: "messages", where: .and([.equal("conversationId", .string(conversation)), after]),
                                    options: FindOptions(sort: sort, limit: 50))
    precondition(page.count == 50)
}
let plan = try await store.explain(in: "messages", where: .equal("conversationId", .string("conv-1")), sort: sort)
print("# page query plan: \(plan)")
