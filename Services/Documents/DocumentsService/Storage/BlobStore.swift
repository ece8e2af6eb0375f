import Foundation

/// Why a blob-store operation failed.
public enum BlobStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No blob with this key.
    case notFound(key: String)
    /// The range asked for lies outside the blob.
    case outOfRange(key: String, offset: Int, size: Int)
    /// The file system or database refused: the call and the system's message.
    case io(operation: String, message: String)

    public var description: String {
        switch self {
        case .notFound(let key): "no blob \(key)"
        case .outOfRange(let key, let offset, let size): "offset \(offset) is outside blob \(key) of \(size) bytes"
        case .io(let operation, let message): "\(operation): \(message)"
        }
    }
}

/// Where a document's bytes live, content-addressed by their SHA-256 (lower-case hex): a blob is
/// written once, whole or not at all, and identical content is stored once. The calls block (file or
/// database I/O): call them on a `BlockingWorkPool`, never on a bus connection's thread.
///
/// Two implementations share the conformance suite (`BlobStoreConformanceTests`): ``FolderBlobStore``
/// (the embedded default) and, for MongoDB deployments, GridFS (decision 0018).
public protocol BlobStore: Sendable {
    /// Names the backend in `storage.provider` (`folder`, `gridfs`).
    var provider: String { get }
    /// Names the place in `storage.bucket` (a folder, a GridFS bucket).
    var bucket: String { get }

    /// Moves the finished file at `path` (its SHA-256 is `key`) into the store; the file is consumed. A
    /// blob already stored under `key` is kept and the file dropped. Returns whether it was new.
    func put(fileAt path: String, key: String) throws(BlobStoreError) -> Bool

    /// Up to `length` bytes of blob `key` from `offset` (fewer at its end).
    func read(key: String, offset: Int, length: Int) throws(BlobStoreError) -> [UInt8]

    /// The size of blob `key`, or `nil` when there is none.
    func size(key: String) throws(BlobStoreError) -> Int?

    /// Deletes blob `key`; deleting a missing blob is not an error.
    func delete(key: String) throws(BlobStoreError)
}
