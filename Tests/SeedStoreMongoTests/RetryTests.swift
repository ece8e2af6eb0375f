import CMongoc
import Foundation
import SeedStore
import SeedStoreMongo
import Testing

@Suite("Retries")
struct RetryTests {
    /// Arms SecantusDB's `failCommand` fail point: the next `times` runs of `command` close the connection.
    static func closeConnection(on server: PrivateServer, command: String, times: Int) throws {
        let client = try #require(mongoc_client_new(server.uri()))
        defer { mongoc_client_destroy(client) }
        let json = #"{"configureFailPoint": "failCommand", "mode": {"times": \#(times)}, "data": {"failCommands": ["\#(command)"], "closeConnection": true}}"#
        var error = bson_error_t()
        let bson = try #require(bson_new_from_json(json, -1, &error))
        defer { bson_destroy(bson) }
        let reply = try #require(seed_bson_alloc())
        defer { seed_bson_free(reply) }
        #expect(mongoc_client_command_simple(client, "admin", bson, nil, reply, &error), "configureFailPoint failed")
    }

    @Test("a read whose connection breaks is retried on a new one, once by default")
    func readRetriedAfterNetworkError() async throws {
        let server = try PrivateServer(environmentVariable: "SEED_TEST_MONGO_SECANTUS_COMMAND") { port, _ in
            ["--host", "127.0.0.1", "--port", String(port), "--storage-path", ":memory:", "--enable-test-commands"]
        }
        defer { server.kill() }
        // retryReads=false: only the adapter's own retry is at work.
        let retrying = try await server.store(database: "retry", uriOptions: "retryReads=false")
        let once = try await server.store(database: "retry", uriOptions: "retryReads=false", readRetries: 0)
        try await retrying.insert([["_id": .int32(1)]], into: "things")

        try Self.closeConnection(on: server, command: "find", times: 1)
        let found = try await retrying.find(in: "things", where: .all, options: FindOptions())
        #expect(found == [["_id": .int32(1)]])

        try Self.closeConnection(on: server, command: "find", times: 1)
        await #expect {
            _ = try await once.find(in: "things", where: .all, options: FindOptions())
        } throws: { error in
            guard case StoreError.unavailable(let reason) = error else { return false }
            return reason.hasPrefix("network error: ")
        }
    }
}
