import Crypto
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of uploads in progress: one file per upload under `<root>/staging`, appended chunk by
/// chunk, with the SHA-256 computed as the chunks arrive (kept in memory per upload; recomputed from
/// the file when this process did not see every chunk, after a restart). Blocking: call on a pool.
public final class UploadStaging: Sendable {
    public let folder: String
    private let hashes = Mutex<[String: (received: Int, hash: SHA256)]>([:])

    public init(root: String) throws(BlobStoreError) {
        folder = "\(root)/staging"
        try FolderBlobStore.makeDirectory(folder)
    }

    public func path(of uploadId: String) -> String { "\(folder)/\(uploadId)" }

    /// Writes `bytes` at `offset` of the upload's file (which then has exactly `offset + bytes.count`
    /// bytes) and feeds them to its running hash.
    public func append(_ bytes: [UInt8], at offset: Int, to uploadId: String) throws(BlobStoreError) {
        let path = path(of: uploadId)
        // Only the first chunk creates the file: a later chunk on an instance that did not stage the
        // earlier ones (decision 0018, "Staging is local to one instance") must not leave a hole of zeros.
        let descriptor = open(path, offset == 0 ? O_WRONLY | O_CREAT | O_CLOEXEC : O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw BlobStoreError.outOfRange(key: uploadId, offset: offset, size: 0) }
            throw FolderBlobStore.error("open staging \(uploadId)")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FolderBlobStore.error("stat staging \(uploadId)") }
        guard Int(status.st_size) >= offset else { throw BlobStoreError.outOfRange(key: uploadId, offset: offset, size: Int(status.st_size)) }
        guard ftruncate(descriptor, off_t(offset)) == 0 else { throw FolderBlobStore.error("truncate staging \(uploadId)") }
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { buffer in pwrite(descriptor, buffer.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
            if wrote < 0 {
                if errno == EINTR { continue }
                throw FolderBlobStore.error("write staging \(uploadId)")
            }
            done += wrote
        }
        hashes.withLock { table in
            if offset == 0 {
                var hash = SHA256()
                hash.update(data: bytes)
                table[uploadId] = (bytes.count, hash)
            } else if var entry = table[uploadId], entry.received == offset {
                entry.hash.update(data: bytes)
                entry.received += bytes.count
                table[uploadId] = entry
            } else {
                table[uploadId] = nil
            }
        }
    }

    /// The first and last bytes of the staged file (for sniffing), its size and its SHA-256: the running
    /// hash when it covers the whole file, else one sequential read of it in 1 MiB blocks.
    public func finish(_ uploadId: String, headBytes: Int, tailBytes: Int) throws(BlobStoreError) -> (size: Int, sha256: String, head: [UInt8], tail: [UInt8]) {
        let path = path(of: uploadId)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return (0, Self.hex(SHA256().finalize()), [], []) }
            throw FolderBlobStore.error("open staging \(uploadId)")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FolderBlobStore.error("stat staging \(uploadId)") }
        let size = Int(info.st_size)
        func read(_ offset: Int, _ count: Int) throws(BlobStoreError) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            var done = 0
            while done < count {
                let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
                if got < 0 { if errno == EINTR { continue }; throw FolderBlobStore.error("read staging \(uploadId)") }
                if got == 0 { break }
                done += got
            }
            return Array(bytes[0..<done])
        }
        let head = try read(0, min(headBytes, size))
        let tail = try read(max(0, size - tailBytes), min(tailBytes, size))
        let running = hashes.withLock { $0.removeValue(forKey: uploadId) }
        if let running, running.received == size {
            return (size, Self.hex(running.hash.finalize()), head, tail)
        }
        var hash = SHA256()
        var offset = 0
        while offset < size {
            let block = try read(offset, min(1 << 20, size - offset))
            if block.isEmpty { break }
            hash.update(data: block)
            offset += block.count
        }
        return (size, Self.hex(hash.finalize()), head, tail)
    }

    /// Removes the upload's staged bytes and running hash.
    public func discard(_ uploadId: String) {
        hashes.withLock { _ = $0.removeValue(forKey: uploadId) }
        unlink(path(of: uploadId))
    }

    /// Ids of uploads that have a staged file.
    public func stagedUploads() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
