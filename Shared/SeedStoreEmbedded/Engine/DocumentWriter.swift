import Foundation
import GRDB
import SeedStore

/// The writes of one operation on the writer connection, inside a transaction or savepoint that the
/// caller owns: every failure throws and the caller rolls the whole operation back.
struct DocumentWriter {
    let db: Database
    var catalog: Catalog
    /// Where multikey flags are published as soon as they are set.
    let published: CatalogStore

    // MARK: Collections and indexes

    /// The collection, created (without indexes) on first use as MongoDB does.
    mutating func collection(_ name: String) throws -> CollectionInfo {
        if let info = catalog.collections[name] { return info }
        guard !name.isEmpty, !name.hasPrefix("system."), !name.contains("$"), !name.contains("\0") else {
            throw StoreError.validation("collection name '\(name)' is not allowed")
        }
        let info = try SchemaStore.createCollection(db, name: name)
        catalog.collections[name] = info
        return info
    }

    mutating func prepare(_ spec: CollectionSpec) throws {
        var info = try collection(spec.name)
        for index in spec.indexes {
            if let existing = info.indexes.first(where: { $0.spec.name == index.name }) {
                guard existing.spec == index else {
                    throw StoreError.validation("index \(index.name) of \(spec.name) already exists with different keys or options")
                }
                continue
            }
            if index.isText, let text = info.textIndex {
                throw StoreError.validation("\(spec.name) already has the text index \(text.spec.name); a collection has at most one")
            }
            let created = try SchemaStore.createIndex(db, index, in: info)
            info.indexes.append(created)
            catalog.collections[spec.name] = info
            try RawStatement(db, sql: "SELECT rid, doc FROM \(info.table)").forEachRow([]) { row in
                guard let bytes = row.blob(at: 1) else { return true }
                try addEntries(info, [created], rid: row.integer(at: 0), document: try StorageCodec.decode(bytes))
                return true
            }
            info = catalog.collections[spec.name]!
        }
    }

    // MARK: Documents

    mutating func insert(_ documents: [EncodedDocument], into name: String) throws {
        let info = try collection(name)
        for document in documents {
            try insert(document, into: info)
        }
    }

    /// Updates matches; inserts a new document when nothing matches and `upsert` is set.
    mutating func update(in name: String, where filter: Filter, _ update: Update, many: Bool, upsert: Bool) throws -> UpdateResult {
        let info = try collection(name)
        let executor = QueryExecutor(collection: info)
        let applier = UpdateApplier(collection: name, matcher: executor.matcher)
        let matches = try executor.rows(db, filter, limit: many ? nil : 1)
        if matches.isEmpty && upsert {
            let document = try upserted(filter, update, applier: applier)
            try insert(EncodedDocument(document, collection: info.name), into: info)
            return UpdateResult(matched: 0, modified: 0, upsertedId: document["_id"])
        }
        var modified = 0
        for match in matches {
            let updated = try applier.apply(update, to: match.document)
            if Self.leaves(match, unchanged: updated) { continue }
            try replace(match, with: updated, in: info)
            modified += 1
        }
        return UpdateResult(matched: matches.count, modified: modified)
    }

    /// Replaces the document with `encoded`'s `_id` by `encoded` (MongoDB's `replaceOne` by `_id`):
    /// fields that `encoded` lacks are gone afterwards. Whether there was such a document.
    mutating func replace(_ encoded: EncodedDocument, in name: String) throws -> Bool {
        guard let info = catalog.collections[name], let match = try QueryExecutor(collection: info).row(withIdKey: encoded.id, db)
        else { return false }
        if !Self.leaves(match, unchanged: encoded.document) {
            try rewrite(match, as: encoded.document, bytes: encoded.bytes, in: info)
        }
        return true
    }

    mutating func findAndModify(in name: String, where filter: Filter, _ update: Update, options: FindAndModifyOptions) throws -> Document? {
        let info = try collection(name)
        let executor = QueryExecutor(collection: info)
        let applier = UpdateApplier(collection: name, matcher: executor.matcher)
        guard let match = try executor.rows(db, filter, sort: options.sort, limit: 1).first else {
            guard options.upsert else { return nil }
            let document = try upserted(filter, update, applier: applier)
            try insert(EncodedDocument(document, collection: info.name), into: info)
            return options.returnNew ? document : nil
        }
        let updated = try applier.apply(update, to: match.document)
        if !Self.leaves(match, unchanged: updated) {
            try replace(match, with: updated, in: info)
        }
        return options.returnNew ? updated : match.document
    }

    mutating func delete(in name: String, where filter: Filter, many: Bool) throws -> Int {
        guard let info = catalog.collections[name] else { return 0 }
        let matches = try QueryExecutor(collection: info).rows(db, filter, limit: many ? nil : 1)
        for match in matches {
            try removeEntries(info, info.indexes, rid: match.rid, document: match.document)
            try RawStatement(db, sql: "DELETE FROM \(info.table) WHERE rid = ?").execute(.integer(match.rid))
        }
        return matches.count
    }

    /// Deletes the documents whose TTL index date is older than its expiry.
    mutating func removeExpired(now: Date) throws -> Int {
        var removed = 0
        for info in catalog.collections.values {
            for index in info.indexes {
                guard let seconds = index.spec.expireAfterSeconds, let path = index.paths.first else { continue }
                let cutoff = now.addingTimeInterval(-TimeInterval(seconds))
                removed += try delete(in: info.name, where: .lessThan(path, .date(cutoff)), many: true)
            }
        }
        return removed
    }

    // MARK: Rows and index entries

    private func upserted(_ filter: Filter, _ update: Update, applier: UpdateApplier) throws -> Document {
        var document = try applier.apply(UpsertSeed.document(from: filter), to: Document())
        document = try applier.apply(update, to: document)
        if document["_id"] == nil {
            document = Document([("_id", .objectId(ObjectId()))] + document.fields.map { ($0.name, $0.value) })
        }
        return document
    }

    private mutating func insert(_ encoded: EncodedDocument, into info: CollectionInfo) throws {
        do {
            try RawStatement(db, sql: "INSERT INTO \(info.table) (id, doc) VALUES (?, ?)")
                .execute(.blob(encoded.id), .blob(encoded.bytes))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.duplicateKey(collection: info.name, index: "_id_", fields: ["_id"])
        }
        try addEntries(info, info.indexes, rid: db.lastInsertedRowID, document: encoded.document)
    }

    /// Whether `document` is what `row` already holds, field order included: writing it would change nothing.
    private static func leaves(_ row: StoredRow, unchanged document: Document) -> Bool {
        document == row.document && document.names == row.document.names
    }

    /// Validates and stores `document`, the result of an update, in place of `row`.
    private mutating func replace(_ row: StoredRow, with document: Document, in info: CollectionInfo) throws {
        try Self.validate(document, collection: info.name)
        try rewrite(row, as: document, bytes: StorageCodec.encode(document), in: info)
    }

    /// Stores `document` (already validated and encoded as `bytes`) in place of `row`, and moves its
    /// index entries.
    private mutating func rewrite(_ row: StoredRow, as document: Document, bytes: [UInt8], in info: CollectionInfo) throws {
        try RawStatement(db, sql: "UPDATE \(info.table) SET doc = ? WHERE rid = ?")
            .execute(.blob(bytes), .integer(row.rid))
        for index in info.indexes {
            if index.spec.isText {
                let before = TextTokens.text(of: row.document, fields: index.paths)
                if before != TextTokens.text(of: document, fields: index.paths) {
                    try removeEntries(info, [index], rid: row.rid, document: row.document)
                    try addEntries(info, [index], rid: row.rid, document: document)
                }
                continue
            }
            let before = IndexKeys(row.document, index.spec).keys
            let after = IndexKeys(document, index.spec)
            let (removed, added) = IndexKeys.changes(from: before, to: after.keys)
            if !removed.isEmpty {
                let delete = try RawStatement(db, sql: "DELETE FROM \(index.table) WHERE key = ? AND rid = ?")
                for key in removed { try delete.execute(.blob(key), .integer(row.rid)) }
            }
            try insertKeys(added, sawArray: after.sawArray, index, info, rid: row.rid)
        }
    }

    private mutating func addEntries(_ info: CollectionInfo, _ indexes: [IndexInfo], rid: Int64, document: Document) throws {
        for index in indexes {
            if index.spec.isText {
                try RawStatement(db, sql: "INSERT INTO \(info.textTable) (rowid, body) VALUES (?, ?)")
                    .execute(.integer(rid), .text(TextTokens.text(of: document, fields: index.paths)))
            } else {
                let keys = IndexKeys(document, index.spec)
                try insertKeys(keys.keys, sawArray: keys.sawArray, index, info, rid: rid)
            }
        }
    }

    private mutating func insertKeys(_ keys: [[UInt8]], sawArray: Bool, _ index: IndexInfo, _ info: CollectionInfo, rid: Int64) throws {
        if sawArray { try markMultikey(index, info) }
        let statement = try RawStatement(db, sql: "INSERT INTO \(index.table) (key, rid) VALUES (?, ?)")
        for key in keys {
            do {
                try statement.execute(.blob(key), .integer(rid))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw StoreError.duplicateKey(collection: info.name, index: index.spec.name, fields: index.paths)
            }
        }
    }

    private func removeEntries(_ info: CollectionInfo, _ indexes: [IndexInfo], rid: Int64, document: Document) throws {
        for index in indexes {
            if index.spec.isText {
                try RawStatement(db, sql: "DELETE FROM \(info.textTable) WHERE rowid = ?").execute(.integer(rid))
            } else {
                let statement = try RawStatement(db, sql: "DELETE FROM \(index.table) WHERE key = ? AND rid = ?")
                for key in IndexKeys(document, index.spec).keys {
                    try statement.execute(.blob(key), .integer(rid))
                }
            }
        }
    }

    private mutating func markMultikey(_ index: IndexInfo, _ info: CollectionInfo) throws {
        guard let position = catalog.collections[info.name]?.indexes.firstIndex(where: { $0.spec.name == index.spec.name }),
              !catalog.collections[info.name]!.indexes[position].multikey else { return }
        try SchemaStore.markMultikey(db, collection: info, index: index.spec.name)
        catalog.collections[info.name]!.indexes[position].multikey = true
        published.markMultikey(collection: info.name, index: index.spec.name)
    }

    /// What MongoDB refuses: bad field names, more than 16 MiB, no `_id`, an array `_id`.
    static func validate(_ document: Document, collection: String) throws(StoreError) {
        try document.validateForInsert(into: collection)
    }
}

/// A document checked and encoded for insertion: done by the caller's task, so that the single writer
/// connection only runs SQLite.
struct EncodedDocument: Sendable {
    let document: Document
    /// The order-preserving key of `_id`.
    let id: [UInt8]
    /// The stored bytes (``StorageCodec``).
    let bytes: [UInt8]

    /// Refuses what MongoDB refuses (bad field names, more than 16 MiB, no `_id`, an array `_id`).
    init(_ document: Document, collection: String) throws(StoreError) {
        try DocumentWriter.validate(document, collection: collection)
        self.document = document
        id = KeyEncoding.key(document["_id"]!)
        bytes = StorageCodec.encode(document)
    }
}
