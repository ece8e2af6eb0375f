import ArgumentParser
import Foundation
import SeedStore
import SeedStoreEmbedded
import WorkService

/// The raw baseline: the reads behind the HTTP figures, straight from work's store file (service
/// stopped), one at a time, as the service asks them: a client's sprint page (newest first, limit 20
/// plus one to know whether a next page exists, as client and as team member), a sprint by id, and a board's unarchived tasks in
/// column and position order. Each line of `--targets` is `kind<TAB>value…` (see bench-work.sh).
/// Prints `<name>.p50`, `.p99` and `.per_second` (sequential reads per second) per read.
struct StoreReads: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-reads", abstract: "Times the benchmark's reads straight from the store file (service stopped).")

    @Option(help: "work's store: SEED_DATA_DIR/store.sqlite.")
    var store: String

    @Option(help: "The client whose sprint pages are read (its tenant is its sprints').")
    var client: String

    @Option(help: "Sprint ids, one a line.")
    var sprints: String

    @Option(help: "A board id.")
    var board: String

    @Option(help: "Reads of each kind.")
    var reads: Int = 2_000

    @Option(help: "Prefix of the printed figures.")
    var name = "work.store"

    func run() async throws {
        let store = try EmbeddedStore(path: store)
        defer { store.close() }
        guard case .string(let tenant)? = try await store.find(in: "sprints", where: .equal("clientId", .string(client)), options: FindOptions(limit: 1)).first?["tenantId"]
        else { throw ValidationError("no sprint of \(client)") }
        let ids = try String(contentsOfFile: sprints, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw ValidationError("--sprints lists no ids") }
        let newestFirst = [SortKey("createdAt", .descending), SortKey("_id", .descending)]
        try await time("\(name).sprint_list") { _ in
            // As the service reads it: the client's page and the team member's page, each on its index.
            for field in ["clientId", "assignedTeam.userId"] {
                _ = try await store.find(
                    in: "sprints", where: .and([.equal("tenantId", .string(tenant)), .equal(field, .string(client))]),
                    options: FindOptions(sort: newestFirst, limit: 21))
            }
        }
        try await time("\(name).sprint_detail") { index in
            _ = try await store.find(
                in: "sprints", where: .and([.equal("_id", .string(ids[index % ids.count])), .equal("tenantId", .string(tenant))]), options: FindOptions(limit: 1))
        }
        try await time("\(name).board_tasks") { _ in
            _ = try await store.find(
                in: "tasks", where: .and([.equal("boardId", .string(board)), .equal("isArchived", .bool(false))]),
                options: FindOptions(sort: [SortKey("boardId"), SortKey("columnId"), SortKey("position")]))
        }
    }

    func time(_ name: String, _ read: (Int) async throws -> Void) async throws {
        let clock = ContinuousClock()
        for index in 0..<min(100, reads) { try await read(index) }
        var latencies: [Duration] = []
        latencies.reserveCapacity(reads)
        let begin = clock.now
        for index in 0..<reads {
            let start = clock.now
            try await read(index)
            latencies.append(clock.now - start)
        }
        let elapsed = clock.now - begin
        latencies.sort()
        print("\(name).p50 \(format(latencies[latencies.count / 2].seconds * 1000)) ms")
        print("\(name).p99 \(format(latencies[min(latencies.count - 1, latencies.count * 99 / 100)].seconds * 1000)) ms")
        print("\(name).per_second \(Int((Double(reads) / elapsed.seconds).rounded())) reads/s")
    }
}
