import Foundation
import Logging
import Prometheus
import SeedStore
import SeedStoreEmbedded
import Testing

@testable import SeedRuntime

@Suite("The service's database")
struct ServiceStoreTests {
    @Test("without SEED_MONGODB_URI a service gets the embedded store in its data folder, and its data persists")
    func embeddedStoreByDefault() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seed-runtime-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configuration = try ServiceConfiguration(service: .nutrition, environment: ["SEED_DATA_DIR": folder.path])
        let host = ServiceHost(configuration: configuration, logger: Logger(label: "test"), registry: PrometheusCollectorRegistry())

        let store = try host.openStore()
        #expect(store is EmbeddedStore)
        try await store.prepare(CollectionSpec("meal_logs"))
        try await store.insert([["_id": .int32(1), "calories": .int32(420)]], into: "meal_logs")
        (store as? EmbeddedStore)?.close()
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("store.sqlite").path))

        let reopened = try host.openStore()
        #expect(try await reopened.count(in: "meal_logs", where: .all) == 1)
    }
}
