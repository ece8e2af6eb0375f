import GRDB
import SeedStore

/// How the document operations reach SQLite: outside a transaction, reads use a reader connection's
/// snapshot, point lookups share batched reader accesses, and writes the group-committing writer;
/// inside one, all three use the transaction's writer.
protocol EngineAccess: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (Database, Catalog) throws -> T) async throws(StoreError) -> T
    /// A read that touches at most one document (a find by `_id`): cheap enough to batch with others.
    func lookup<T: Sendable>(_ body: @escaping @Sendable (Database, Catalog) throws -> T) async throws(StoreError) -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (inout DocumentWriter) throws -> T) async throws(StoreError) -> T
}

/// The ``DocumentOperations`` over any ``EngineAccess``.
struct EngineOperations<Access: EngineAccess>: Sendable {
    let access: Access

    func insert(_ documents: [Document], into collection: String) async throws(StoreError) {
        let encoded = try documents.map { document throws(StoreError) in try EncodedDocument(document, collection: collection) }
        try await access.write { writer in try writer.insert(encoded, into: collection) }
    }

    func find(in collection: String, where filter: Filter, options: FindOptions) async throws(StoreError) -> [Document] {
        let body: @Sendable (Database, Catalog) throws -> [Document] = { db, catalog in
            guard let info = catalog.collections[collection] else { return [] }
            let rows = try QueryExecutor(collection: info).rows(db, filter, sort: options.sort, skip: options.skip, limit: options.limit)
            guard let projection = options.projection else { return rows.map(\.document) }
            return rows.map { Projection.apply(projection, to: $0.document) }
        }
        // `_id` is unique: an equality on it reads one primary-key entry at most.
        if case .equal("_id", _) = filter { return try await access.lookup(body) }
        return try await access.read(body)
    }

    func count(in collection: String, where filter: Filter) async throws(StoreError) -> Int {
        try await access.read { db, catalog in
            guard let info = catalog.collections[collection] else { return 0 }
            return try QueryExecutor(collection: info).count(db, filter)
        }
    }

    func update(in collection: String, where filter: Filter, _ update: Update, many: Bool, upsert: Bool) async throws(StoreError) -> UpdateResult {
        try await access.write { writer in
            try writer.update(in: collection, where: filter, update, many: many, upsert: upsert)
        }
    }

    func replace(_ document: Document, in collection: String) async throws(StoreError) -> Bool {
        let encoded = try EncodedDocument(document, collection: collection)
        return try await access.write { writer in try writer.replace(encoded, in: collection) }
    }

    func findAndModify(in collection: String, where filter: Filter, _ update: Update, options: FindAndModifyOptions) async throws(StoreError) -> Document? {
        try await access.write { writer in
            try writer.findAndModify(in: collection, where: filter, update, options: options)
        }
    }

    func delete(in collection: String, where filter: Filter, many: Bool) async throws(StoreError) -> Int {
        try await access.write { writer in try writer.delete(in: collection, where: filter, many: many) }
    }

    func aggregate(in collection: String, _ aggregation: Aggregation) async throws(StoreError) -> [Document] {
        let matched = try await access.read { db, catalog in
            guard let info = catalog.collections[collection] else { return [Document]() }
            return try QueryExecutor(collection: info).rows(db, aggregation.match).map(\.document)
        }
        return try AggregationRunner(collection: collection).run(aggregation, over: matched)
    }

    func explain(in collection: String, where filter: Filter, sort: [SortKey]) async throws(StoreError) -> QueryPlan {
        try await access.read { _, catalog in
            guard let info = catalog.collections[collection] else {
                return QueryPlan(access: .collectionScan, providesSort: sort.isEmpty, equalityKeys: 0, usesRange: false)
            }
            return try QueryPlanner(collection: info).plan(filter, sort: sort).explain
        }
    }
}
