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
    /// What readers use (`current`: committed, plus multikey flags of writes still running) and what
    /// writers start from (`committed`: only what is in the file).
    private let state: Mutex<(current: Catalog, committed: Catalog)>

    init(_ catalog: Catalog) { state = Mutex((catalog, catalog)) }

    /// The catalog for readers.
    var current: Catalog { state.withLock { $0.current } }

    /// The catalog as committed to the file, for a write transaction to start from. A multikey flag
    /// published early by a write that then rolled back is not in it, so a later write that puts an
    /// array under the index still stores the flag.
    var committed: Catalog { state.withLock { $0.committed } }

    /// Publishes a catalog that a write transaction committed.
    func publish(_ catalog: Catalog) { state.withLock { $0 = (catalog, catalog) } }

    /// Marks an index multikey for readers right away, before its transaction commits: the flag only
    /// makes readers more careful, so publishing it early is always safe.
    func markMultikey(collection: String, index: String) {
        state.withLock { state in
            guard let position = state.current.collections[collection]?.indexes.firstIndex(where: { $0.spec.name == index }) else { return }
            state.current.collections[collection]!.indexes[position].multikey = true
        }
    }
}
