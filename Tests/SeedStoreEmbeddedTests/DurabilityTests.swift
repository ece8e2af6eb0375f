import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SeedStore
import SeedStoreEmbedded
import Testing

@Suite("Embedded store: durability")
struct DurabilityTests {
    @Test("documents, updates, deletes and indexes survive closing and reopening the file")
    func reopen() async throws {
        let path = try temporaryDirectory().appendingPathComponent("store.sqlite").path
        do {
            let store = try EmbeddedStore(path: path, configuration: .withoutSweep)
            try await store.prepare(CollectionSpec("users", indexes: [IndexSpec([.ascending("email")], unique: true)]))
            try await store.insert((1...3).map { ["_id": .int32($0), "email": .string("u\($0)@x")] }, into: "users")
            _ = try await store.update(in: "users", where: .equal("_id", .int32(2)), Update([.set("name", .string("two"))]), many: false, upsert: false)
            _ = try await store.delete(in: "users", where: .equal("_id", .int32(3)), many: false)
        }
        let reopened = try EmbeddedStore(path: path, configuration: .withoutSweep)
        let documents = try await reopened.find(in: "users", where: .all, options: FindOptions(sort: [SortKey("_id")]))
        #expect(documents == [["_id": .int32(1), "email": .string("u1@x")], ["_id": .int32(2), "email": .string("u2@x"), "name": .string("two")]])
        #expect(try await reopened.explain(in: "users", where: .equal("email", .string("u1@x"))).access == .indexScan(index: "email_1"))
        await #expect(throws: StoreError.duplicateKey(collection: "users", index: "email_1", fields: ["email"])) {
            try await reopened.insert([["_id": .int32(9), "email": .string("u1@x")]], into: "users")
        }
    }

    @Test("the WAL keeps being copied into the database file while writes go on (checkpoints off the writer)")
    func checkpointsKeepUp() async throws {
        let path = try temporaryDirectory().appendingPathComponent("store.sqlite").path
        let store = try EmbeddedStore(path: path, configuration: .withoutSweep)
        let size = { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        let initial = size()
        // About 2,500 pages of WAL: past the 1,000 from which a checkpoint is asked for.
        let text = String(repeating: "x", count: 4_000)
        for batch in 0..<50 {
            try await store.insert((0..<50).map { ["_id": .int32(Int32(batch * 50 + $0)), "text": .string(text)] }, into: "pages")
        }
        var copied = false
        for _ in 0..<200 where !copied {
            copied = size() > initial + 4_000_000
            if !copied { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(copied, "the database file grew by the checkpointed pages (\(initial) → \(size()) bytes)")
        #expect(try await store.count(in: "pages", where: .all) == 2_500)
    }

    @Test("every insert acknowledged before kill -9 is in the store after reopening")
    func killNine() async throws {
        let path = try temporaryDirectory().appendingPathComponent("store.sqlite").path
        let tool = try storeTool()
        let process = Process()
        process.executableURL = tool
        process.arguments = ["write-probe", "--store", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let acknowledged = await readLines(from: output.fileHandleForReading, atLeast: 300)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= 300)
        let store = try EmbeddedStore(path: path, configuration: .withoutSweep)
        var missing: [String] = []
        for hex in acknowledged {
            let id = try #require(ObjectId(hex), "write-probe printed '\(hex)', not an ObjectId")
            if try await store.count(in: "probe", where: .equal("_id", .objectId(id))) != 1 { missing.append(hex) }
        }
        #expect(missing.isEmpty, "acknowledged but lost after kill -9: \(missing)")
    }

    /// The `seed-store` executable next to the test bundle, built with the tests.
    private func storeTool() throws -> URL {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [directory.appendingPathComponent("seed-store")]
        candidates.append(directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("seed-store"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ToolMissing(searched: candidates.map(\.path))
        }
        return found
    }

    struct ToolMissing: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "seed-store is not built (looked at \(searched.joined(separator: ", "))): run `swift build --build-tests` first" }
    }

    /// Complete lines from `handle` until there are `count` of them or the stream ends, read on a
    /// dispatch thread so the blocking reads stay off the cooperative pool.
    private func readLines(from handle: FileHandle, atLeast count: Int) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var buffer = Data()
                var lines: [String] = []
                var chunk = [UInt8](repeating: 0, count: 4096)
                while lines.count < count {
                    // read(2) directly: retried on EINTR, which FileHandle.availableData turns into a crash.
                    let read = chunk.withUnsafeMutableBytes { Glibc.read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                    if read < 0 && errno == EINTR { continue }
                    if read <= 0 { break }
                    buffer.append(contentsOf: chunk[0..<read])
                    while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                        buffer.removeSubrange(buffer.startIndex...newline)
                    }
                }
                continuation.resume(returning: lines)
            }
        }
    }
}
