import CMongoc
import SeedStore

/// ``SeedStore/DocumentOperations`` on MongoDB, outside a transaction or inside one (the runner decides).
struct MongoOperations: DocumentOperations {
    let runner: any MongoRunner
    /// Retries of a read after a network error; ignored inside a transaction.
    let readRetries: Int
    /// Names duplicate-key errors after the declared indexes.
    let indexes: IndexRegistry

    /// One ordered `insertMany`. On failure, how many documents went in before the failing one.
    func insertOrdered(_ documents: [Document], into collection: String) async throws(StoreError) -> (inserted: Int, error: StoreError?) {
        for document in documents { try document.validateForInsert(into: collection) }
        let (inserted, error) = try await runner.run { connection throws(StoreError) -> (Int, StoreError?) in
            let bsons = try documents.map { document throws(StoreError) in try BSONDocument(document) }
            let options = try connection.options(["ordered": .bool(true)], collection: collection, operation: "insert")
            return try connection.withCollection(collection) { handle throws(StoreError) -> (Int, StoreError?) in
                var pointers: [OpaquePointer?] = bsons.map(\.pointer)
                let reply = BSONDocument()
                var error = bson_error_t()
                let succeeded = pointers.withUnsafeMutableBufferPointer {
                    mongoc_collection_insert_many(handle, $0.baseAddress, $0.count, options.pointer, reply.pointer, &error)
                }
                if succeeded { return (documents.count, nil) }
                let failure = MongoFailure(error, reply: reply.pointer)
                let inserted = failure.reply?["insertedCount"]?.number.map { Int($0) } ?? 0
                return (inserted, failure.storeError(collection: collection, operation: "insert"))
            }
        }
        return (inserted, error.map { indexes.resolve($0) })
    }

    func insert(_ documents: [Document], into collection: String) async throws(StoreError) {
        guard !documents.isEmpty else { return }
        if let error = try await insertOrdered(documents, into: collection).error { throw error }
    }

    func find(in collection: String, where filter: Filter, options: FindOptions) async throws(StoreError) -> [Document] {
        try await read { () async throws(StoreError) -> [Document] in
            try await runner.run { connection throws(StoreError) in
                let query = try BSONDocument(filter.mongoQuery)
                let bsonOptions = try connection.options(options.mongoOptions, collection: collection, operation: "find")
                return try connection.withCollection(collection) { handle throws(StoreError) in
                    let cursor = mongoc_collection_find_with_opts(handle, query.pointer, bsonOptions.pointer, nil)!
                    return try connection.drain(cursor, collection: collection, operation: "find")
                }
            }
        }
    }

    func count(in collection: String, where filter: Filter) async throws(StoreError) -> Int {
        try await read { () async throws(StoreError) -> Int in
            try await runner.run { connection throws(StoreError) in
                let query = try BSONDocument(filter.mongoQuery)
                let options = try connection.options(Document(), collection: collection, operation: "count")
                return try connection.withCollection(collection) { handle throws(StoreError) in
                    let reply = BSONDocument()
                    var error = bson_error_t()
                    let count = mongoc_collection_count_documents(handle, query.pointer, options.pointer, nil, reply.pointer, &error)
                    guard count >= 0 else {
                        throw MongoFailure(error, reply: reply.pointer).storeError(collection: collection, operation: "count")
                    }
                    return Int(count)
                }
            }
        }
    }

    func update(in collection: String, where filter: Filter, _ update: Update, many: Bool, upsert: Bool) async throws(StoreError) -> UpdateResult {
        try update.validatePaths(collection: collection)
        return try await write(in: collection, filter.mongoQuery, update.mongoUpdate, as: many ? .many : .one, upsert: upsert)
    }

    func replace(_ document: Document, in collection: String) async throws(StoreError) -> Bool {
        try document.validateForInsert(into: collection)
        let result = try await write(in: collection, Filter.equal("_id", document["_id"]!).mongoQuery, document, as: .replacement, upsert: false)
        return result.matched > 0
    }

    /// How ``write(in:_:_:as:upsert:)`` applies its change: `updateOne`, `updateMany` or `replaceOne`.
    private enum WriteKind { case one, many, replacement }

    private func write(
        in collection: String, _ query: Document, _ change: Document, as kind: WriteKind, upsert: Bool
    ) async throws(StoreError) -> UpdateResult {
        try await resolvingDuplicates { () async throws(StoreError) -> UpdateResult in try await runner.run { connection throws(StoreError) in
            let query = try BSONDocument(query)
            let change = try BSONDocument(change)
            let options = try connection.options(["upsert": .bool(upsert)], collection: collection, operation: "update")
            return try connection.withCollection(collection) { handle throws(StoreError) in
                let reply = BSONDocument()
                var error = bson_error_t()
                let succeeded = switch kind {
                case .one: mongoc_collection_update_one(handle, query.pointer, change.pointer, options.pointer, reply.pointer, &error)
                case .many: mongoc_collection_update_many(handle, query.pointer, change.pointer, options.pointer, reply.pointer, &error)
                case .replacement: mongoc_collection_replace_one(handle, query.pointer, change.pointer, options.pointer, reply.pointer, &error)
                }
                guard succeeded else {
                    throw MongoFailure(error, reply: reply.pointer).storeError(collection: collection, operation: "update")
                }
                let result = try reply.reply()
                return UpdateResult(
                    matched: Int(result["matchedCount"]?.number ?? 0),
                    modified: Int(result["modifiedCount"]?.number ?? 0),
                    upsertedId: result["upsertedId"]
                )
            }
        } }
    }

    func findAndModify(in collection: String, where filter: Filter, _ update: Update, options: FindAndModifyOptions) async throws(StoreError) -> Document? {
        try update.validatePaths(collection: collection)
        return try await resolvingDuplicates { () async throws(StoreError) -> Document? in try await runner.run { connection throws(StoreError) in
            let query = try BSONDocument(filter.mongoQuery)
            let changes = try BSONDocument(update.mongoUpdate)
            let sort = try BSONDocument(options.sort.mongoSort)
            let extra = try connection.options(Document(), collection: collection, operation: "findAndModify")
            let modifyOptions = mongoc_find_and_modify_opts_new()!
            defer { mongoc_find_and_modify_opts_destroy(modifyOptions) }
            var flags = MONGOC_FIND_AND_MODIFY_NONE.rawValue
            if options.upsert { flags |= MONGOC_FIND_AND_MODIFY_UPSERT.rawValue }
            if options.returnNew { flags |= MONGOC_FIND_AND_MODIFY_RETURN_NEW.rawValue }
            _ = mongoc_find_and_modify_opts_set_update(modifyOptions, changes.pointer)
            if !options.sort.isEmpty { _ = mongoc_find_and_modify_opts_set_sort(modifyOptions, sort.pointer) }
            _ = mongoc_find_and_modify_opts_set_flags(modifyOptions, mongoc_find_and_modify_flags_t(rawValue: flags))
            _ = mongoc_find_and_modify_opts_append(modifyOptions, extra.pointer)
            return try connection.withCollection(collection) { handle throws(StoreError) in
                let reply = BSONDocument()
                var error = bson_error_t()
                guard mongoc_collection_find_and_modify_with_opts(handle, query.pointer, modifyOptions, reply.pointer, &error) else {
                    throw MongoFailure(error, reply: reply.pointer).storeError(collection: collection, operation: "findAndModify")
                }
                if case .document(let document)? = try reply.reply()["value"] { return document }
                return nil
            }
        } }
    }

    func delete(in collection: String, where filter: Filter, many: Bool) async throws(StoreError) -> Int {
        try await runner.run { connection throws(StoreError) in
            let query = try BSONDocument(filter.mongoQuery)
            let options = try connection.options(Document(), collection: collection, operation: "delete")
            return try connection.withCollection(collection) { handle throws(StoreError) in
                let reply = BSONDocument()
                var error = bson_error_t()
                let succeeded = many
                    ? mongoc_collection_delete_many(handle, query.pointer, options.pointer, reply.pointer, &error)
                    : mongoc_collection_delete_one(handle, query.pointer, options.pointer, reply.pointer, &error)
                guard succeeded else {
                    throw MongoFailure(error, reply: reply.pointer).storeError(collection: collection, operation: "delete")
                }
                return Int(try reply.reply()["deletedCount"]?.number ?? 0)
            }
        }
    }

    func aggregate(in collection: String, _ aggregation: Aggregation) async throws(StoreError) -> [Document] {
        try await read { () async throws(StoreError) -> [Document] in
            try await runner.run { connection throws(StoreError) in
                let pipeline = try BSONDocument(["pipeline": .array(aggregation.mongoPipeline)])
                let options = try connection.options(Document(), collection: collection, operation: "aggregate")
                return try connection.withCollection(collection) { handle throws(StoreError) in
                    let cursor = mongoc_collection_aggregate(handle, MONGOC_QUERY_NONE, pipeline.pointer, options.pointer, nil)!
                    return try connection.drain(cursor, collection: collection, operation: "aggregate")
                }
            }
        }
    }

    /// Runs a write, naming a duplicate key after the declared index.
    private func resolvingDuplicates<T>(_ body: () async throws(StoreError) -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch {
            throw indexes.resolve(error)
        }
    }

    /// Runs a read, retrying it up to ``readRetries`` times after a network error (outside transactions).
    private func read<T>(_ body: () async throws(StoreError) -> T) async throws(StoreError) -> T {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch .unavailable(let reason) where !runner.inTransaction && attempt < readRetries && reason.hasPrefix(MongoFailure.networkErrorPrefix) {
                attempt += 1
            }
        }
    }
}
