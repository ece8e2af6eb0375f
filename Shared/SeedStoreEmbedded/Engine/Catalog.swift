import SeedStore
import Synchronization

/// One declared index and the SQLite table that holds its keys.
struct IndexInfo: Sendable, Hashable {
    var spec: IndexSpec
    /// `x<id>`: `(key BLOB, rid INTEGER)`, one row per key (per array element when multikey).
    var table: String
    /// Whether some document put an array under one of the indexed paths: the index then has
    /// several rows per document and its order is no longer MongoDB's sort order.
    var multikey: Bool

    /// The paths of the index's keys, for a duplicate-key error.
    var paths: [String] { spec.keys.map(\.path) }
}

/// A collection's tables and indexes.
struct CollectionInfo: Sendable, Hashable {
    var name: String
    var id: Int64
    /// `c<id>`: `(rid INTEGER PRIMARY KEY, id BLOB UNIQUE, doc BLOB)`.
    var table: String { "c\(id)" }
    /// `t<id>`: the FTS5 table of the text index, when there is one.
    var textTable: String { "t\(id)" }
    var indexes: [IndexInfo]

    var textIndex: IndexInfo? { indexes.first { $0.spec.isText } }
    var textFields: [String] { textIndex?.paths ?? [] }
    var btreeIndexes: [IndexInfo] { indexes.filter { !$0.spec.isText } }
}

/// Every collection of the store, as last committed.
struct Catalog: Sendable, Hashable {
    var collections: [String: CollectionInfo] = [:]
}

/// The committed catalog, shared by readers and the writer.
final class CatalogStore: Sendable {
    private let state: Mutex<Catalog>

    init(_ catalog: Catalog) { state = Mutex(catalog) }

    var current: Catalog { state.withLock { $0 } }

    /// Publishes a catalog that a write transaction committed.
    func publish(_ catalog: Catalog) { state.withLock { $0 = catalog } }

    /// Marks an index multikey right away, before its transaction commits: the flag only makes
    /// readers more careful, so publishing it early is always safe.
    func markMultikey(collection: String, index: String) {
        state.withLock { catalog in
            guard let position = catalog.collections[collection]?.indexes.firstIndex(where: { $0.spec.name == index }) else { return }
            catalog.collections[collection]!.indexes[position].multikey = true
        }
    }
}
