import Foundation
import SeedStore
import SeedStoreMongo
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Unavailable servers")
struct UnavailableTests {
    /// A port the kernel just handed out, so nothing else listens on it.
    static func freePort() throws -> UInt16 {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socketDescriptor >= 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, length) == 0 && getsockname(socketDescriptor, $0, &length) == 0
            }
        }
        try #require(bound)
        return UInt16(bigEndian: address.sin_port)
    }

    @Test("a server that stops answering gives .unavailable within the default server selection timeout")
    func stoppedServer() async throws {
        guard let command = ProcessInfo.processInfo.environment["SEED_TEST_MONGO_NX_COMMAND"], !command.isEmpty else {
            Issue.record("SEED_TEST_MONGO_NX_COMMAND is not set: start the servers with scripts/lib/mongo-servers.sh (seed_start_mongo_servers)")
            return
        }
        let port = try Self.freePort()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seed-mongo-\(port)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: command)
        server.arguments = ["--db", "memory", "--host", "127.0.0.1", "-p", String(port),
                            "--log-file", folder.appendingPathComponent("nx.log").path,
                            "--pid-file", folder.appendingPathComponent("nx.pid").path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: a crash, and nx-27017 waits for open connections to close on SIGTERM.
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        // No timeouts in the URI: the store's defaults apply (5 s server selection, not libmongoc's 30 s).
        let store = try MongoStore(configuration: MongoConfiguration(uri: "mongodb://127.0.0.1:\(port)/", database: "unavailable"))
        var answered = false
        for _ in 0..<60 where !answered {
            answered = (try? await store.insert([["_id": .objectId(ObjectId())]], into: "probe")) != nil
        }
        try #require(answered, "the private nx-27017 on port \(port) never answered")

        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        let clock = ContinuousClock()
        let start = clock.now
        await #expect {
            _ = try await store.count(in: "probe", where: .all)
        } throws: { error in
            guard case StoreError.unavailable = error else { return false }
            return true
        }
        #expect(clock.now - start < .seconds(15), "took \(clock.now - start)")
        await #expect(throws: StoreError.self) {
            try await store.insert([["_id": .int32(1)]], into: "probe")
        }
    }

    @Test("a connection string without a database and no configured database is refused")
    func noDatabase() {
        #expect(throws: StoreError.self) { try MongoStore(configuration: MongoConfiguration(uri: "mongodb://127.0.0.1:1/")) }
        #expect(throws: StoreError.self) { try MongoStore(configuration: MongoConfiguration(uri: "not a url", database: "x")) }
    }
}
