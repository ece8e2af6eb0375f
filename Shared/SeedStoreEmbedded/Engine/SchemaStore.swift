import Foundation
import GRDB
import SeedStore

/// The SQL schema: the two catalog tables, and one table per collection, B-tree index and text index.
enum SchemaStore {
    static func createCatalogTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS seed_collections (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS seed_indexes (
                id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL, name TEXT NOT NULL,
                definition BLOB NOT NULL, multikey INTEGER NOT NULL DEFAULT 0, UNIQUE (collection_id, name));
            """)
    }

    static func loadCatalog(_ db: Database) throws -> Catalog {
        var catalog = Catalog()
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM seed_collections") {
            let name: String = row["name"]
            catalog.collections[name] = CollectionInfo(name: name, id: row["id"], indexes: [])
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT i.id, c.name, i.definition, i.multikey FROM seed_indexes i
            JOIN seed_collections c ON c.id = i.collection_id ORDER BY i.id
            """)
        for row in rows {
            let collection: String = row["name"]
            let definition: Data = row["definition"]
            let id: Int64 = row["id"]
            let spec = try IndexDefinition.decode(try StorageCodec.decode(definition))
            catalog.collections[collection]?.indexes.append(
                IndexInfo(spec: spec, table: "x\(id)", multikey: row["multikey"]))
        }
        return catalog
    }

    static func createCollection(_ db: Database, name: String) throws -> CollectionInfo {
        try db.execute(sql: "INSERT INTO seed_collections (name) VALUES (?)", arguments: [name])
        let info = CollectionInfo(name: name, id: db.lastInsertedRowID, indexes: [])
        try db.execute(sql: "CREATE TABLE \(info.table) (rid INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, doc BLOB NOT NULL)")
        return info
    }

    /// Records the index and creates its (empty) table.
    static func createIndex(_ db: Database, _ spec: IndexSpec, in collection: CollectionInfo) throws -> IndexInfo {
        try db.execute(
            sql: "INSERT INTO seed_indexes (collection_id, name, definition) VALUES (?, ?, ?)",
            arguments: [collection.id, spec.name, Data(StorageCodec.encode(IndexDefinition.encode(spec)))])
        let index = IndexInfo(spec: spec, table: "x\(db.lastInsertedRowID)", multikey: false)
        if spec.isText {
            try db.execute(sql: "CREATE VIRTUAL TABLE \(collection.textTable) USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')")
        } else if spec.unique {
            try db.execute(sql: "CREATE TABLE \(index.table) (key BLOB NOT NULL PRIMARY KEY, rid INTEGER NOT NULL) WITHOUT ROWID")
            try db.execute(sql: "CREATE INDEX \(index.table)_rid ON \(index.table) (rid)")
        } else {
            try db.execute(sql: "CREATE TABLE \(index.table) (key BLOB NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (key, rid)) WITHOUT ROWID")
        }
        return index
    }

    static func markMultikey(_ db: Database, collection: CollectionInfo, index: String) throws {
        try db.execute(
            sql: "UPDATE seed_indexes SET multikey = 1 WHERE collection_id = ? AND name = ?",
            arguments: [collection.id, index])
    }
}

/// An ``IndexSpec`` stored as a document in `seed_indexes.definition`.
enum IndexDefinition {
    static func encode(_ spec: IndexSpec) -> Document {
        let keys: [DocumentValue] = spec.keys.map { key in
            switch key {
            case .ascending(let path): .document(["path": .string(path), "kind": .string("asc")])
            case .descending(let path): .document(["path": .string(path), "kind": .string("desc")])
            case .text(let path): .document(["path": .string(path), "kind": .string("text")])
            }
        }
        var document: Document = [
            "name": .string(spec.name), "keys": .array(keys),
            "unique": .bool(spec.unique), "sparse": .bool(spec.sparse),
        ]
        if let seconds = spec.expireAfterSeconds { document["expireAfterSeconds"] = .int64(Int64(seconds)) }
        return document
    }

    static func decode(_ document: Document) throws -> IndexSpec {
        guard case .string(let name)? = document["name"], case .array(let rawKeys)? = document["keys"],
              case .bool(let unique)? = document["unique"], case .bool(let sparse)? = document["sparse"]
        else { throw StoreError.unavailable("a stored index definition is corrupt") }
        var keys: [IndexSpec.Key] = []
        for raw in rawKeys {
            guard case .document(let key) = raw, case .string(let path)? = key["path"], case .string(let kind)? = key["kind"]
            else { throw StoreError.unavailable("a stored index key is corrupt") }
            keys.append(kind == "asc" ? .ascending(path) : kind == "desc" ? .descending(path) : .text(path))
        }
        var expire: Int?
        if case .int64(let seconds)? = document["expireAfterSeconds"] { expire = Int(seconds) }
        return IndexSpec(keys, unique: unique, sparse: sparse, expireAfterSeconds: expire, name: name)
    }
}
