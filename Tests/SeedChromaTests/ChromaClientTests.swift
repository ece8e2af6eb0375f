import Foundation
import SeedChroma
import Testing

/// The Chroma server of the test run (`SEED_TEST_CHROMA_URL`, started by scripts/test), with a
/// database of its own per test so that tests running in parallel never see each other's collections.
enum ChromaTestServer {
    static var url: String? {
        if let url = ProcessInfo.processInfo.environment["SEED_TEST_CHROMA_URL"], !url.isEmpty { return url }
        // In CI the variable must be set: a missing server fails loudly instead of skipping.
        precondition(ProcessInfo.processInfo.environment["CI"] != "true", "SEED_TEST_CHROMA_URL is not set in CI (scripts/test starts Chroma)")
        return nil
    }

    static var available: Bool { url != nil }

    /// A client on a new database `test_<random>` of the test tenant, created.
    static func client() async throws -> ChromaClient {
        let client = ChromaClient(url: try #require(url), tenant: "seed_tests", database: "test_\(UUID().uuidString.prefix(12).lowercased())")
        try await client.ensureDatabase()
        return client
    }
}

@Suite("Chroma client against the real server", .enabled(if: ChromaTestServer.available, "SEED_TEST_CHROMA_URL is not set"))
struct ChromaClientTests {
    @Test("a collection is created once, records its metadata, and is dropped with its records")
    func collectionLifecycle() async throws {
        let chroma = try await ChromaTestServer.client()
        defer { Task { try? await chroma.deleteDatabase() } }
        let first = try await chroma.createCollection("business_a", metadata: ["embedder": .string("fake:8"), "dimensions": .int(8)])
        let again = try await chroma.createCollection("business_a")
        #expect(first.id == again.id)
        #expect(first.metadata["embedder"] == .string("fake:8"))
        #expect(try await chroma.collection(named: "business_a")?.metadata["dimensions"] == .int(8))
        #expect(try await chroma.collectionNames().contains("business_a"))
        try await chroma.updateCollection(first.id, metadata: ["embedder": .string("other:8")])
        #expect(try await chroma.collection(named: "business_a")?.metadata["embedder"] == .string("other:8"))
        #expect(try await chroma.deleteCollection(named: "business_a"))
        #expect(try await chroma.collection(named: "business_a") == nil)
        #expect(try await chroma.deleteCollection(named: "business_a") == false)
    }

    @Test("upsert replaces by id; query ranks by cosine and honours the where filter; get and delete by id or metadata")
    func records() async throws {
        let chroma = try await ChromaTestServer.client()
        defer { Task { try? await chroma.deleteDatabase() } }
        let collection = try await chroma.createCollection("business_b")
        try await chroma.add(collection.id, [
            ChromaRecord(id: "d1_chunk_0", embedding: [1, 0, 0], document: "open on Monday", metadata: ["documentId": .string("d1"), "chunkIndex": .int(0)]),
            ChromaRecord(id: "d1_chunk_1", embedding: [0, 1, 0], document: "closed on Sunday", metadata: ["documentId": .string("d1"), "chunkIndex": .int(1)]),
            ChromaRecord(id: "d2_chunk_0", embedding: [0.9, 0.1, 0], document: "prices", metadata: ["documentId": .string("d2"), "chunkIndex": .int(0), "ok": .bool(true)]),
        ])
        #expect(try await chroma.count(collection.id) == 3)

        let nearest = try await chroma.query(collection.id, embedding: [1, 0, 0], limit: 2)
        #expect(nearest.map(\.record.id) == ["d1_chunk_0", "d2_chunk_0"])
        #expect(abs(nearest[0].similarity - 1) < 0.001)
        #expect(nearest[0].record.document == "open on Monday")
        #expect(nearest[1].record.metadata["ok"] == .bool(true))

        let onlyD1 = try await chroma.query(collection.id, embedding: [1, 0, 0], limit: 3, where: .equal("documentId", .string("d1")))
        #expect(Set(onlyD1.map(\.record.id)) == ["d1_chunk_0", "d1_chunk_1"])

        try await chroma.upsert(collection.id, [ChromaRecord(id: "d1_chunk_1", embedding: [0, 0, 1], document: "closed on Sundays", metadata: ["documentId": .string("d1"), "chunkIndex": .int(1)])])
        let replaced = try await chroma.get(collection.id, ids: ["d1_chunk_1"], embeddings: true)
        #expect(replaced.first?.document == "closed on Sundays")
        #expect(replaced.first?.embedding == [0, 0, 1])
        #expect(try await chroma.count(collection.id) == 3)

        let d1 = try await chroma.get(collection.id, where: .isIn("documentId", [.string("d1")]))
        #expect(d1.count == 2)

        try await chroma.delete(collection.id, where: .equal("documentId", .string("d1")))
        #expect(try await chroma.get(collection.id).map(\.id) == ["d2_chunk_0"])
        try await chroma.delete(collection.id, ids: ["d2_chunk_0"])
        #expect(try await chroma.count(collection.id) == 0)
    }

    @Test("a vector of the wrong length and an unknown collection are typed errors")
    func refusals() async throws {
        let chroma = try await ChromaTestServer.client()
        defer { Task { try? await chroma.deleteDatabase() } }
        let collection = try await chroma.createCollection("business_c")
        try await chroma.add(collection.id, [ChromaRecord(id: "x", embedding: [1, 0, 0], document: "x")])
        await #expect(throws: ChromaError.self) { try await chroma.add(collection.id, [ChromaRecord(id: "y", embedding: [1, 0], document: "y")]) }
        let missing = await #expect(throws: ChromaError.self) { try await chroma.count("00000000-0000-0000-0000-00000000abcd") }
        #expect(missing?.status ?? 0 >= 400)
        let unreachable = await #expect(throws: ChromaError.self) { try await ChromaClient(url: "http://127.0.0.1:1").heartbeat() }
        #expect(unreachable?.kind == "unreachable")
    }
}
