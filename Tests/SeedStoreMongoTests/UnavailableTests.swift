import Foundation
import SeedStore
import SeedStoreMongo
import Testing

@Suite("Unavailable servers")
struct UnavailableTests {
    @Test("a server that stops answering gives .unavailable within the default server selection timeout")
    func stoppedServer() async throws {
        let server = try PrivateServer(environmentVariable: "SEED_TEST_MONGO_NX_COMMAND") { port, folder in
            ["--db", "memory", "--host", "127.0.0.1", "-p", String(port),
             "--log-file", folder.appendingPathComponent("nx.log").path,
             "--pid-file", folder.appendingPathComponent("nx.pid").path]
        }
        // No timeouts in the URI: the store's defaults apply (5 s server selection, not libmongoc's 30 s).
        let store = try await server.store(database: "unavailable")
        try await store.insert([["_id": .int32(1)]], into: "probe")
        server.kill()

        let clock = ContinuousClock()
        let start = clock.now
        await #expect {
            _ = try await store.count(in: "probe", where: .all)
        } throws: { error in
            guard case StoreError.unavailable = error else { return false }
            return true
        }
        #expect(clock.now - start < .seconds(15), "took \(clock.now - start)")
        await #expect {
            try await store.insert([["_id": .int32(2)]], into: "probe")
        } throws: { error in
            guard case StoreError.unavailable = error else { return false }
            return true
        }
    }

    @Test("a connection string without a database and no configured database is refused")
    func noDatabase() {
        #expect(throws: StoreError.self) { try MongoStore(configuration: MongoConfiguration(uri: "mongodb://127.0.0.1:1/")) }
        #expect(throws: StoreError.self) { try MongoStore(configuration: MongoConfiguration(uri: "not a url", database: "x")) }
    }
}
