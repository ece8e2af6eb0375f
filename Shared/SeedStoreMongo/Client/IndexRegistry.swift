import SeedStore
import Synchronization

/// The indexes each collection declared through ``MongoStore/prepare(_:)``, used to name the index of a
/// duplicate key exactly as declared when the server reports it in its own words (nx-27017 says
/// `idx_users_email` for `email_1`).
final class IndexRegistry: Sendable {
    private let indexes = Mutex<[String: [IndexSpec]]>([:])

    func register(_ collection: CollectionSpec) {
        indexes.withLock { $0[collection.name] = collection.indexes }
    }

    /// Every declared TTL index: its collection, date path and expiry.
    func expiringIndexes() -> [(collection: String, path: String, seconds: Int)] {
        indexes.withLock { declared in
            declared.flatMap { collection, specs in
                specs.compactMap { spec in
                    spec.expireAfterSeconds.map { (collection, spec.keys[0].path, $0) }
                }
            }
        }
    }

    /// `error` with the declared index name and fields when one of the collection's unique indexes
    /// matches what the server reported (same name, same fields, or the SQLite-style
    /// `idx_<collection>_<fields>` name); any other error unchanged.
    func resolve(_ error: StoreError) -> StoreError {
        guard case .duplicateKey(let collection, let index, let fields) = error else { return error }
        if index == "_id_" || fields == ["_id"] { return .duplicateKey(collection: collection, index: "_id_", fields: ["_id"]) }
        let declared = indexes.withLock { $0[collection] ?? [] }.filter(\.unique)
        let match = declared.first { $0.name == index }
            ?? declared.first { spec in !fields.isEmpty && spec.keys.map(\.path) == fields }
            ?? declared.first { spec in
                index == "idx_\(collection)_" + spec.keys.map { $0.path.replacingOccurrences(of: ".", with: "_") }.joined(separator: "_")
            }
        guard let match else { return error }
        return .duplicateKey(collection: collection, index: match.name, fields: match.keys.map(\.path))
    }
}
