import Foundation
import SeedStore
import SeedStoreEmbedded
import Testing

@Suite("Embedded store: TTL sweep")
struct TTLSweepTests {
    @Test("the periodic sweep removes expired documents without being called")
    func periodicSweep() async throws {
        var configuration = EmbeddedStore.Configuration()
        configuration.ttlSweepInterval = .milliseconds(50)
        let store = try EmbeddedStore(path: try temporaryDirectory().appendingPathComponent("store.sqlite").path, configuration: configuration)
        try await store.prepare(CollectionSpec("sessions", indexes: [.expiring("expiresAt", after: 0)]))
        try await store.insert([["_id": .int32(1), "expiresAt": .date(Date().addingTimeInterval(-1))],
                                ["_id": .int32(2), "expiresAt": .date(Date().addingTimeInterval(3_600))]], into: "sessions")
        var remaining = try await store.count(in: "sessions", where: .all)
        for _ in 0..<200 where remaining > 1 {
            try await Task.sleep(for: .milliseconds(50))
            remaining = try await store.count(in: "sessions", where: .all)
        }
        #expect(remaining == 1, "the sweep did not remove the expired session within 10 s")
        #expect(try await store.count(in: "sessions", where: .equal("_id", .int32(2))) == 1)
        store.close()
    }
}
