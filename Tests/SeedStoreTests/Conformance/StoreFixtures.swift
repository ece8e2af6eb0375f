import Foundation
import SeedStore
import SeedStoreEmbedded
import SeedStoreMongo
import Testing

/// One adapter the conformance suite runs against, and where it knowingly deviates from MongoDB.
///
/// Add a MongoDB-wire server by appending a fixture to ``all`` whose `open` connects to the address
/// in its environment variable (failing, not skipping, when the variable is missing), with the
/// deviations that server has and the reason for each.
struct StoreFixture: Sendable, CustomTestStringConvertible {
    /// A MongoDB behaviour a server does not have; the test of that behaviour skips only the
    /// assertion concerned and the reason stays in ``StoreFixture/deviations``.
    enum Deviation: Sendable, Hashable {
        /// A concurrent writer fails with `StoreError.conflict` instead of waiting for the transaction.
        case transactionConflictsInsteadOfWaiting
        /// The text index matches words by stem, so a word's other forms also match.
        case textSearchStems
        /// The server has no `$text` operator at all.
        case noTextSearch
        /// The server deletes expired documents itself in the background (MongoDB's TTL monitor), so
        /// `removeExpired` may find nothing left to delete.
        case serverRemovesExpired
    }

    let name: String
    /// Each deviation with the reason it is excused.
    let deviations: [Deviation: String]
    let open: @Sendable () async throws -> any DocumentStore

    var testDescription: String { name }

    /// Whether the assertion about `deviation` applies to this store.
    func follows(_ deviation: Deviation) -> Bool { deviations[deviation] == nil }

    /// Every adapter under test.
    static let all: [StoreFixture] = [embedded, secantus]

    /// The embedded SQLite store on a fresh temporary file.
    static let embedded = StoreFixture(name: "embedded", deviations: [:]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-store-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try EmbeddedStore(path: directory.appendingPathComponent("store.sqlite").path)
    }

    /// The MongoDB adapter over the real wire protocol, against SecantusDB (WiredTiger underneath, a
    /// one-node replica set, so transactions work), on a fresh database per test. nx-27017, the other
    /// MongoDB-wire server that installs here, is exercised by `SeedStoreMongoTests` instead: it narrows
    /// 64-bit integers, has no transactions and treats missing fields in unique indexes its own way, which
    /// would excuse most of this suite.
    static let secantus = StoreFixture(
        name: "mongodb-wire:SecantusDB",
        deviations: [
            .noTextSearch: "SecantusDB implements no $text operator",
            .serverRemovesExpired: "SecantusDB sweeps TTL indexes every 60 s, as mongod's TTL monitor does",
            .transactionConflictsInsteadOfWaiting:
                "MongoDB itself aborts a write that conflicts with an open transaction (WriteConflict) instead of waiting",
        ]
    ) {
        guard let uri = ProcessInfo.processInfo.environment["SEED_TEST_MONGO_SECANTUS_URL"] else {
            throw StoreError.unavailable("SEED_TEST_MONGO_SECANTUS_URL is not set: run the tests with scripts/test, which starts SecantusDB")
        }
        let database = "conformance_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        return try MongoStore(configuration: MongoConfiguration(uri: uri, database: database))
    }
}
