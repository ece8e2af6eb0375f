import Foundation
import SeedStore
import SeedStoreMongo

/// Blobs in a GridFS bucket of the documents service's MongoDB database: the storage of MongoDB
/// deployments (decision 0018). Blob `k` is the GridFS file whose `_id` is `k`, so identical content
/// is stored once, and a file is visible only once its chunks and its files document are written.
public struct GridFSBlobStore: BlobStore {
    let gridFS: GridFSBucket
    public var provider: String { "gridfs" }
    public var bucket: String { gridFS.name }

    /// Uses the bucket `name` (default `documents`) of `store`'s database.
    public init(store: MongoStore, name: String = "documents") {
        gridFS = store.gridFSBucket(named: name)
    }

    public func put(fileAt path: String, key: String) throws(BlobStoreError) -> Bool {
        try FolderBlobStore.validate(key)
        defer { unlink(path) }
        do { return try gridFS.upload(fileAt: path, id: key) } catch { throw Self.error("store blob \(key)", error) }
    }

    public func read(key: String, offset: Int, length: Int) throws(BlobStoreError) -> [UInt8] {
        try FolderBlobStore.validate(key)
        do { return try gridFS.read(id: key, offset: offset, length: length) } catch {
            switch error {
            case .notFound: throw .notFound(key: key)
            case .validation: throw .outOfRange(key: key, offset: offset, size: (try? gridFS.length(id: key)).flatMap { $0 } ?? 0)
            default: throw Self.error("read blob \(key)", error)
            }
        }
    }

    public func size(key: String) throws(BlobStoreError) -> Int? {
        try FolderBlobStore.validate(key)
        do { return try gridFS.length(id: key) } catch { throw Self.error("stat blob \(key)", error) }
    }

    public func delete(key: String) throws(BlobStoreError) {
        try FolderBlobStore.validate(key)
        do { try gridFS.delete(id: key) } catch { throw Self.error("delete blob \(key)", error) }
    }

    static func error(_ operation: String, _ error: StoreError) -> BlobStoreError {
        .io(operation: operation, message: "\(error)")
    }
}
