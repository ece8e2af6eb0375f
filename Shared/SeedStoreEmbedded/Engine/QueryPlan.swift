import SeedStore

/// How the embedded store reads a collection for a query, as ``EmbeddedStore/explain(in:where:options:)``
/// reports it.
public struct QueryPlan: Sendable, Hashable, CustomStringConvertible {
    /// Where candidates come from.
    public enum Access: Sendable, Hashable {
        /// Every document, in insertion order.
        case collectionScan
        /// A range of a B-tree index (`_id_` is the primary key).
        case indexScan(index: String)
        /// The FTS5 table of the collection's text index.
        case textSearch(index: String)
    }

    public var access: Access
    /// Whether the scan yields the requested sort order, so a limit stops it early.
    public var providesSort: Bool
    /// How many leading index keys are pinned to a single value by the filter.
    public var equalityKeys: Int
    /// Whether the next index key is bounded by a range.
    public var usesRange: Bool

    public var description: String {
        switch access {
        case .collectionScan:
            "COLLSCAN\(providesSort ? "" : " + SORT")"
        case .indexScan(let index):
            "IXSCAN \(index) (equality keys: \(equalityKeys), range: \(usesRange))\(providesSort ? "" : " + SORT")"
        case .textSearch(let index):
            "TEXT \(index) + SORT"
        }
    }
}

/// A plan with what the executor needs to run it.
struct ScanPlan: Sendable {
    enum Source: Sendable {
        case collection
        /// The `id` column of the collection table.
        case primary(lower: [UInt8], upper: [UInt8], reverse: Bool)
        case index(table: String, lower: [UInt8], upper: [UInt8], reverse: Bool)
        case text(table: String, query: String)
    }

    var source: Source
    var explain: QueryPlan
}
