import CMongoc
import Foundation
import SeedStore

/// A GridFS bucket in the store's database (`<name>.files` and `<name>.chunks`), through libmongoc's
/// GridFS bucket API, for files named by a string id of the caller's choosing.
///
/// The calls block on database I/O: call them on a blocking work pool, never on a cooperative or bus
/// connection thread. Each call takes a client from the store's pool for its duration.
///
/// Writes go through `mongoc_gridfs_bucket_open_upload_stream_with_id`, which writes the chunks and
/// then the `files` document: a file is visible (``length(id:)`` not `nil`) only once it is whole.
/// Ranged reads query `<name>.chunks` for the chunks they cover (GridFS download streams cannot seek).
public struct GridFSBucket: Sendable {
    let pool: MongoClientPool
    let database: String
    /// The bucket's name: the prefix of its two collections.
    public let name: String
    /// The size of each stored chunk, in bytes (GridFS's default is 255 KiB).
    public let chunkSize: Int

    init(pool: MongoClientPool, database: String, name: String, chunkSize: Int) {
        self.pool = pool
        self.database = database
        self.name = name
        self.chunkSize = chunkSize
    }

    /// Stores the file at `path` under `id` unless a whole file with that id is stored already.
    ///
    /// Chunks left under `id` by an upload that never finished (a crash between chunks and the files
    /// document) are removed first. Returns whether the file was stored by this call.
    public func upload(fileAt path: String, id: String) throws(StoreError) -> Bool {
        try withClient { client throws(StoreError) in
            if try length(id: id, client: client) != nil { return false }
            try deleteChunks(of: id, client: client)
            guard let input = FileHandle(forReadingAtPath: path) else {
                throw StoreError.validation("cannot open \(path) for reading")
            }
            defer { try? input.close() }
            return try withBucket(client) { bucket throws(StoreError) in
                try withStringValue(id) { value throws(StoreError) in
                    let options = try BSONDocument(["chunkSizeBytes": .int32(Int32(chunkSize))])
                    var error = bson_error_t()
                    guard let stream = mongoc_gridfs_bucket_open_upload_stream_with_id(bucket, value, id, options.pointer, &error) else {
                        throw failure(error, "open upload stream")
                    }
                    defer { mongoc_stream_destroy(stream) }
                    while true {
                        let piece: Data
                        do { piece = try input.read(upToCount: 1 << 20) ?? Data() } catch {
                            _ = mongoc_gridfs_bucket_abort_upload(stream)
                            throw StoreError.validation("cannot read \(path): \(error)")
                        }
                        if piece.isEmpty { break }
                        let written = piece.withUnsafeBytes { bytes in
                            mongoc_stream_write(stream, UnsafeMutableRawPointer(mutating: bytes.baseAddress!), bytes.count, 0)
                        }
                        guard written == piece.count else {
                            var streamError = bson_error_t()
                            _ = mongoc_gridfs_bucket_stream_error(stream, &streamError)
                            _ = mongoc_gridfs_bucket_abort_upload(stream)
                            throw failure(streamError, "write chunk")
                        }
                    }
                    guard mongoc_stream_close(stream) == 0 else {
                        var streamError = bson_error_t()
                        _ = mongoc_gridfs_bucket_stream_error(stream, &streamError)
                        let failed = MongoFailure(streamError)
                        // Another writer stored the same id meanwhile: content-addressed callers keep theirs.
                        if failed.isDuplicateKey { return false }
                        throw failed.storeError(collection: "\(name).files", operation: "finish upload")
                    }
                    return true
                }
            }
        }
    }

    /// The length in bytes of the whole file `id`, or `nil` when there is none.
    public func length(id: String) throws(StoreError) -> Int? {
        try withClient { client throws(StoreError) in try length(id: id, client: client) }
    }

    /// Up to `length` bytes of file `id` from `offset` (fewer at its end). Throws
    /// ``StoreError/notFound(collection:filter:)`` when there is no such file, and ``StoreError/validation(_:)`` for an
    /// offset outside it.
    public func read(id: String, offset: Int, length: Int) throws(StoreError) -> [UInt8] {
        try withClient { client throws(StoreError) in
            guard let file = try fileDocument(id: id, client: client), let size = file["length"]?.number.map({ Int($0) }) else {
                throw StoreError.notFound(collection: "\(name).files", filter: "_id = \(id)")
            }
            guard offset >= 0, offset <= size else {
                throw StoreError.validation("offset \(offset) is outside file \(id) of \(size) bytes")
            }
            let count = max(0, min(length, size - offset))
            if count == 0 { return [] }
            let stride = file["chunkSize"]?.number.map { Int($0) } ?? chunkSize
            let first = offset / stride, last = (offset + count - 1) / stride
            let filter: Document = [
                "files_id": .string(id),
                "n": .document(["$gte": .int32(Int32(first)), "$lte": .int32(Int32(last))]),
            ]
            let chunks = try find(in: "\(name).chunks", filter, options: ["sort": .document(["n": .int32(1)])], client: client)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            var expected = first
            for chunk in chunks {
                guard chunk["n"]?.number.map({ Int($0) }) == expected, case .binary(let data)? = chunk["data"] else {
                    throw StoreError.unavailable("file \(id) in bucket \(name) is missing chunk \(expected)")
                }
                let chunkStart = expected * stride
                let from = max(offset, chunkStart) - chunkStart
                let to = min(offset + count, chunkStart + data.count) - chunkStart
                if from < to { bytes.append(contentsOf: data[from..<to]) }
                expected += 1
            }
            guard bytes.count == count else {
                throw StoreError.unavailable("file \(id) in bucket \(name) is missing chunks from \(expected)")
            }
            return bytes
        }
    }

    /// Deletes file `id` and its chunks; deleting a missing file is not an error.
    public func delete(id: String) throws(StoreError) {
        try withClient { client throws(StoreError) in
            // The files document goes first: the file stops being visible before its chunks go.
            try deleteMany(in: "\(name).files", ["_id": .string(id)], client: client)
            try deleteChunks(of: id, client: client)
        }
    }

    // MARK: - libmongoc plumbing

    private func withClient<T>(_ body: (OpaquePointer) throws(StoreError) -> T) throws(StoreError) -> T {
        let client = pool.pop()
        defer { pool.push(client) }
        return try body(client)
    }

    private func withBucket<T>(_ client: OpaquePointer, _ body: (OpaquePointer) throws(StoreError) -> T) throws(StoreError) -> T {
        let db = mongoc_client_get_database(client, database)!
        defer { mongoc_database_destroy(db) }
        let options = try BSONDocument(["bucketName": .string(name), "chunkSizeBytes": .int32(Int32(chunkSize))])
        var error = bson_error_t()
        guard let bucket = mongoc_gridfs_bucket_new(db, options.pointer, nil, &error) else {
            throw failure(error, "open bucket")
        }
        defer { mongoc_gridfs_bucket_destroy(bucket) }
        return try body(bucket)
    }

    /// A `bson_value_t` holding `string` (UTF-8), valid during `body`.
    private func withStringValue<T>(_ string: String, _ body: (UnsafePointer<bson_value_t>) throws(StoreError) -> T) throws(StoreError) -> T {
        var utf8 = Array(string.utf8CString)
        return try utf8.withUnsafeMutableBufferPointer { buffer throws(StoreError) -> T in
            var value = bson_value_t()
            value.value_type = BSON_TYPE_UTF8
            value.value.v_utf8.str = buffer.baseAddress
            value.value.v_utf8.len = UInt32(buffer.count - 1)
            return try withUnsafePointer(to: &value) { pointer throws(StoreError) -> T in try body(pointer) }
        }
    }

    private func length(id: String, client: OpaquePointer) throws(StoreError) -> Int? {
        try fileDocument(id: id, client: client)?["length"]?.number.map { Int($0) }
    }

    private func fileDocument(id: String, client: OpaquePointer) throws(StoreError) -> Document? {
        try find(in: "\(name).files", ["_id": .string(id)], options: ["limit": .int64(1)], client: client).first
    }

    private func find(in collection: String, _ filter: Document, options: Document, client: OpaquePointer) throws(StoreError) -> [Document] {
        let connection = MongoConnection(client: client, database: database, session: nil)
        return try connection.withCollection(collection) { handle throws(StoreError) in
            let filterBSON = try BSONDocument(filter)
            let optionsBSON = try BSONDocument(options)
            let cursor = mongoc_collection_find_with_opts(handle, filterBSON.pointer, optionsBSON.pointer, nil)!
            return try connection.drain(cursor, collection: collection, operation: "find")
        }
    }

    private func deleteChunks(of id: String, client: OpaquePointer) throws(StoreError) {
        try deleteMany(in: "\(name).chunks", ["files_id": .string(id)], client: client)
    }

    private func deleteMany(in collection: String, _ filter: Document, client: OpaquePointer) throws(StoreError) {
        let connection = MongoConnection(client: client, database: database, session: nil)
        try connection.withCollection(collection) { handle throws(StoreError) in
            let filterBSON = try BSONDocument(filter)
            var error = bson_error_t()
            guard mongoc_collection_delete_many(handle, filterBSON.pointer, nil, nil, &error) else {
                throw MongoFailure(error).storeError(collection: collection, operation: "delete")
            }
        }
    }

    private func failure(_ error: bson_error_t, _ operation: String) -> StoreError {
        MongoFailure(error).storeError(collection: "\(name).files", operation: operation)
    }
}

extension MongoStore {
    /// The GridFS bucket `name` in this store's database, sharing the store's client pool.
    public func gridFSBucket(named name: String, chunkSize: Int = 255 * 1024) -> GridFSBucket {
        GridFSBucket(pool: pool, database: database, name: name, chunkSize: chunkSize)
    }
}
