import Foundation
import SeedStore
import SeedStoreEmbedded
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
    }

    let name: String
    /// Each deviation with the reason it is excused.
    let deviations: [Deviation: String]
    let open: @Sendable () async throws -> any DocumentStore

    var testDescription: String { name }

    /// Whether the assertion about `deviation` applies to this store.
    func follows(_ deviation: Deviation) -> Bool { deviations[deviation] == nil }

    /// Every adapter under test.
    static let all: [StoreFixture] = [embedded]

    /// The embedded SQLite store on a fresh temporary file.
    static let embedded = StoreFixture(name: "embedded", deviations: [:]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-store-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try EmbeddedStore(path: directory.appendingPathComponent("store.sqlite").path)
    }
}
