import Foundation
import SeedStore
import SeedStoreEmbedded

/// A fresh directory for store files.
func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-store-embedded-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

extension EmbeddedStore.Configuration {
    static var withoutSweep: Self {
        var configuration = Self()
        configuration.ttlSweepInterval = nil
        return configuration
    }
}
