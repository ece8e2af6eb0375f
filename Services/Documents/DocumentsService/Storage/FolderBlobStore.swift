import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A content-addressed folder: blob `k` is the file `<root>/blobs/<k[0..<2]>/<k[2..<4]>/<k>`. A blob
/// arrives by `rename` of an fsynced file in the same file system (atomic: readers see it whole or not
/// at all), and the folder is fsynced after the rename so the name survives a power loss.
public struct FolderBlobStore: BlobStore {
    public let root: String
    public var provider: String { "folder" }
    public var bucket: String { root }

    /// Uses (and creates) `<root>/blobs`.
    public init(root: String) throws(BlobStoreError) {
        self.root = root
        try Self.makeDirectory("\(root)/blobs")
    }

    func path(of key: String) -> String {
        let characters = Array(key)
        let first = characters.count >= 2 ? String(characters[0..<2]) : "xx"
        let second = characters.count >= 4 ? String(characters[2..<4]) : "xx"
        return "\(root)/blobs/\(first)/\(second)/\(key)"
    }

    public func put(fileAt source: String, key: String) throws(BlobStoreError) -> Bool {
        try Self.validate(key)
        let target = path(of: key)
        if access(target, F_OK) == 0 {
            unlink(source)
            return false
        }
        let directory = (target as NSString).deletingLastPathComponent
        try Self.makeDirectory(directory)
        try Self.fsync(path: source)
        guard rename(source, target) == 0 else { throw Self.error("rename \(source) to \(target)") }
        try Self.fsync(path: directory)
        return true
    }

    public func read(key: String, offset: Int, length: Int) throws(BlobStoreError) -> [UInt8] {
        try Self.validate(key)
        let descriptor = open(path(of: key), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .notFound(key: key) }
            throw Self.error("open blob \(key)")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.error("stat blob \(key)") }
        let size = Int(info.st_size)
        guard offset >= 0, offset <= size else { throw .outOfRange(key: key, offset: offset, size: size) }
        let count = max(0, min(length, size - offset))
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw Self.error("read blob \(key)")
            }
            if got == 0 { break }
            done += got
        }
        return done == count ? bytes : Array(bytes[0..<done])
    }

    public func size(key: String) throws(BlobStoreError) -> Int? {
        try Self.validate(key)
        var info = stat()
        guard stat(path(of: key), &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Self.error("stat blob \(key)")
        }
        return Int(info.st_size)
    }

    public func delete(key: String) throws(BlobStoreError) {
        try Self.validate(key)
        guard unlink(path(of: key)) == 0 || errno == ENOENT else { throw Self.error("delete blob \(key)") }
    }

    /// Keys are hex digests: nothing else may name a path under the root.
    static func validate(_ key: String) throws(BlobStoreError) {
        guard !key.isEmpty, key.count <= 128, key.allSatisfy({ $0.isHexDigit && ($0.isNumber || $0.isLowercase) }) else {
            throw .io(operation: "blob key", message: "'\(key)' is not a lower-case hex digest")
        }
    }

    static func makeDirectory(_ path: String) throws(BlobStoreError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(operation: "create folder \(path)", message: "\(error)")
        }
    }

    static func fsync(path: String) throws(BlobStoreError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error("open \(path) to sync") }
        defer { close(descriptor) }
        guard Glibc.fsync(descriptor) == 0 else { throw error("fsync \(path)") }
    }

    static func error(_ operation: String) -> BlobStoreError {
        .io(operation: operation, message: String(cString: strerror(errno)))
    }
}
