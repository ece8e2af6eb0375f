import Foundation
import GRDB
import SeedStore

/// A stored document with its row id.
struct StoredRow: Sendable {
    var rid: Int64
    var document: Document
}

/// Runs a ``ScanPlan`` on a connection: walks the source, decodes each candidate, keeps those the
/// matcher accepts, sorts in memory unless the scan already gave the order, and applies skip/limit.
struct QueryExecutor {
    let collection: CollectionInfo

    var matcher: Matcher { Matcher(textFields: collection.textFields) }

    func plan(_ filter: Filter, sort: [SortKey]) throws(StoreError) -> ScanPlan {
        try QueryPlanner(collection: collection).plan(filter, sort: sort)
    }

    /// The matching rows, sorted, skipped and limited (a limit of 0 means none, as in MongoDB).
    func rows(_ db: Database, _ filter: Filter, sort: [SortKey] = [], skip: Int = 0, limit: Int? = nil) throws -> [StoredRow] {
        let limit = limit.flatMap { $0 == 0 ? nil : abs($0) }
        let skip = max(skip, 0)
        // `_id` is unique: an equality on it reads one primary-key entry, without the planner, and
        // at most one document is there to sort or limit.
        if case .equal("_id", let value) = filter {
            guard skip == 0, let row = try row(withIdKey: KeyEncoding.key(value), db), matcher.matches(row.document, filter) else { return [] }
            return [row]
        }
        // An `$in` on `_id` reads one primary-key entry per value: the planner's interval for it is the
        // span from the smallest value to the largest, which for random ids (an outbox relay marking
        // its batch sent) is most of the collection.
        if case .isIn("_id", let values) = filter, !values.isEmpty, sort.isEmpty || sort.map(\.path) == ["_id"] {
            var rows: [StoredRow] = []
            for key in Set(values.map { KeyEncoding.key($0) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                if let row = try row(withIdKey: key, db), matcher.matches(row.document, filter) { rows.append(row) }
            }
            if sort.first?.order == .descending { rows.reverse() }
            let end = limit.map { min(rows.count, skip + $0) } ?? rows.count
            return skip >= end ? [] : Array(rows[skip..<end])
        }
        let plan = try plan(filter, sort: sort)
        let wanted = limit.map { skip + $0 }
        let matcher = matcher
        var results: [StoredRow] = []
        var seen = Set<Int64>()
        let deduplicates: Bool = if case .index = plan.source { true } else { false }
        try scan(db, plan.source) { rid, document in
            if deduplicates && !seen.insert(rid).inserted { return true }
            guard matcher.matches(document, filter) else { return true }
            results.append(StoredRow(rid: rid, document: document))
            if plan.explain.providesSort, let wanted, results.count >= wanted { return false }
            return true
        }
        if !plan.explain.providesSort {
            results = DocumentSort(keys: sort).sorted(results) { $0.document }
        }
        let end = limit.map { min(results.count, skip + $0) } ?? results.count
        return skip >= end ? [] : Array(results[skip..<end])
    }

    func count(_ db: Database, _ filter: Filter) throws -> Int {
        if filter == .all {
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(collection.table)") ?? 0
        }
        return try rows(db, filter).count
    }

    /// The document whose `_id` encodes to `key` (``KeyEncoding/key(_:)``), if any.
    func row(withIdKey key: [UInt8], _ db: Database) throws -> StoredRow? {
        var found: StoredRow?
        try RawStatement(db, sql: "SELECT rid, doc FROM \(collection.table) WHERE id = ?").forEachRow([.blob(key)]) { row in
            if let bytes = row.blob(at: 1) { found = StoredRow(rid: row.integer(at: 0), document: try StorageCodec.decode(bytes)) }
            return false
        }
        return found
    }

    /// Calls `visit` with every candidate until it returns `false`.
    private func scan(_ db: Database, _ source: ScanPlan.Source, _ visit: (Int64, Document) throws -> Bool) throws {
        let table = collection.table
        let statement: RawStatement
        let values: [RawStatement.Value]
        switch source {
        case .collection:
            statement = try RawStatement(db, sql: "SELECT rid, doc FROM \(table) ORDER BY rid")
            values = []
        case .primary(let lower, let upper, let reverse):
            statement = try RawStatement(
                db, sql: "SELECT rid, doc FROM \(table) WHERE id >= ? AND id < ? ORDER BY id \(reverse ? "DESC" : "ASC")")
            values = [.blob(lower), .blob(upper)]
        case .index(let index, let lower, let upper, let reverse):
            statement = try RawStatement(db, sql: """
                SELECT c.rid, c.doc FROM \(index) AS x CROSS JOIN \(table) AS c ON c.rid = x.rid
                WHERE x.key >= ? AND x.key < ? ORDER BY x.key \(reverse ? "DESC" : "ASC")
                """)
            values = [.blob(lower), .blob(upper)]
        case .text(let textTable, let query):
            statement = try RawStatement(db, sql: """
                SELECT c.rid, c.doc FROM \(textTable) CROSS JOIN \(table) AS c ON c.rid = \(textTable).rowid
                WHERE \(textTable) MATCH ?
                """)
            values = [.text(query)]
        }
        try statement.forEachRow(values) { row in
            guard let bytes = row.blob(at: 1) else { return true }
            return try visit(row.integer(at: 0), try StorageCodec.decode(bytes))
        }
    }
}
