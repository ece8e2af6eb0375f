import CMongoc
import SeedStore

/// What one blocking job works with: a client, the database and, inside a transaction, its session.
///
/// Lives only for one job on one worker thread.
struct MongoConnection {
    let client: OpaquePointer
    let database: String
    let session: OpaquePointer?

    /// Calls `body` with a handle of the named collection, destroyed afterwards.
    func withCollection<T>(_ name: String, _ body: (OpaquePointer) throws(StoreError) -> T) throws(StoreError) -> T {
        let collection = mongoc_client_get_collection(client, database, name)!
        defer { mongoc_collection_destroy(collection) }
        return try body(collection)
    }

    /// The BSON options document, with the transaction's `sessionId` appended when there is one.
    func options(_ options: Document, collection: String, operation: String) throws(StoreError) -> BSONDocument {
        let bson = try BSONDocument(options)
        if let session {
            var error = bson_error_t()
            guard mongoc_client_session_append(session, bson.pointer, &error) else {
                throw MongoFailure(error).storeError(collection: collection, operation: operation)
            }
        }
        return bson
    }

    /// Every document a cursor yields, then destroys it; a cursor error becomes a ``StoreError``.
    func drain(_ cursor: OpaquePointer, collection: String, operation: String) throws(StoreError) -> [Document] {
        defer { mongoc_cursor_destroy(cursor) }
        var documents: [Document] = []
        var current: OpaquePointer?
        while mongoc_cursor_next(cursor, &current) {
            documents.append(try BSONReader.document(from: current!))
        }
        var error = bson_error_t()
        var reply: OpaquePointer?
        if mongoc_cursor_error_document(cursor, &error, &reply) {
            throw MongoFailure(error, reply: reply).storeError(collection: collection, operation: operation)
        }
        return documents
    }

    /// Runs a command on the database, returning the server's reply; a server error whose code is in
    /// `ignoring` returns the error reply instead of throwing.
    func command(_ command: Document, collection: String, operation: String, ignoring: Set<UInt32> = []) throws(StoreError) -> Document {
        let bson = try BSONDocument(command)
        let options = try self.options(Document(), collection: collection, operation: operation)
        let reply = BSONDocument()
        var error = bson_error_t()
        guard mongoc_client_write_command_with_opts(client, database, bson.pointer, options.pointer, reply.pointer, &error) else {
            let failure = MongoFailure(error, reply: reply.pointer)
            if failure.domain == MONGOC_ERROR_SERVER.rawValue, ignoring.contains(failure.code) { return failure.reply ?? Document() }
            throw failure.storeError(collection: collection, operation: operation)
        }
        return try reply.reply()
    }
}
