@testable import DocumentsService
import Foundation
import SeedStore
import SeedStoreMongo
import Testing

/// One blob store backend under the conformance suite.
struct BlobBackend: Sendable, CustomTestStringConvertible {
    let name: String
    /// A fresh, empty store.
    let open: @Sendable () throws -> any BlobStore

    var testDescription: String { name }

    /// The embedded default and GridFS over the real MongoDB wire protocol.
    ///
    /// GridFS runs against SecantusDB. nx-27017, the other MongoDB-wire server installed for the tests,
    /// is excused: a GridFS upload through pymongo's GridFSBucket fails on it with the server error
    /// `no such column: id` (its SQL translation of the bucket's queries), so it does not serve GridFS.
    static let all: [BlobBackend] = [folder, gridFSOnSecantus]

    static let folder = BlobBackend(name: "folder") {
        try FolderBlobStore(root: FileManager.default.temporaryDirectory.appendingPathComponent("seed-blobs-\(UUID().uuidString)").path)
    }

    static let gridFSOnSecantus = BlobBackend(name: "gridfs:SecantusDB") { GridFSBlobStore(store: try secantusStore()) }

    /// A MongoDB store on SecantusDB, on a fresh database.
    static func secantusStore() throws -> MongoStore {
        guard let uri = ProcessInfo.processInfo.environment["SEED_TEST_MONGO_SECANTUS_URL"] else {
            throw StoreError.unavailable("SEED_TEST_MONGO_SECANTUS_URL is not set: run the tests with scripts/test, which starts SecantusDB")
        }
        let database = "blobs_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        return try MongoStore(configuration: MongoConfiguration(uri: uri, database: database))
    }
}

/// What every ``BlobStore`` promises, run against each backend.
@Suite("Blob store conformance")
struct BlobStoreConformanceTests {
    /// A temporary file holding `bytes`, as the upload staging hands one over.
    static func stagedFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seed-staged-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    /// `count` bytes that differ from chunk to chunk, so a misplaced chunk shows.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static let key = String(repeating: "ab", count: 32)

    @Test("a blob put whole reads back whole and by ranges across chunk boundaries", arguments: BlobBackend.all)
    func putAndRead(_ backend: BlobBackend) throws {
        let store = try backend.open()
        // Three GridFS chunks and a bit (255 KiB each), so ranges cross chunk boundaries.
        let content = Self.bytes(3 * 255 * 1024 + 1000, seed: 7)
        let staged = try Self.stagedFile(content)
        #expect(try store.put(fileAt: staged, key: Self.key))
        #expect(!FileManager.default.fileExists(atPath: staged), "the staged file is consumed")
        #expect(try store.size(key: Self.key) == content.count)
        #expect(try store.read(key: Self.key, offset: 0, length: content.count) == content)
        let boundary = 255 * 1024
        for (offset, length) in [(0, 10), (boundary - 5, 10), (boundary * 2 - 1, boundary + 2), (content.count - 7, 100), (content.count, 10)] {
            let expected = Array(content[offset..<min(content.count, offset + length)])
            #expect(try store.read(key: Self.key, offset: offset, length: length) == expected, "range \(offset)+\(length)")
        }
    }

    @Test("the same content put twice is stored once and the second put reports it was not new", arguments: BlobBackend.all)
    func deduplicates(_ backend: BlobBackend) throws {
        let store = try backend.open()
        let content = Self.bytes(5000, seed: 3)
        #expect(try store.put(fileAt: try Self.stagedFile(content), key: Self.key))
        let second = try Self.stagedFile(content)
        #expect(try store.put(fileAt: second, key: Self.key) == false)
        #expect(!FileManager.default.fileExists(atPath: second), "the duplicate's staged file is dropped")
        #expect(try store.read(key: Self.key, offset: 0, length: 5000) == content)
    }

    @Test("a missing blob has no size, reads as not found, and deleting it is not an error", arguments: BlobBackend.all)
    func missing(_ backend: BlobBackend) throws {
        let store = try backend.open()
        #expect(try store.size(key: Self.key) == nil)
        #expect(throws: BlobStoreError.notFound(key: Self.key)) { try store.read(key: Self.key, offset: 0, length: 1) }
        try store.delete(key: Self.key)
    }

    @Test("a deleted blob is gone, and the same content can be stored again", arguments: BlobBackend.all)
    func deleteThenPutAgain(_ backend: BlobBackend) throws {
        let store = try backend.open()
        let content = Self.bytes(300_000, seed: 11)
        #expect(try store.put(fileAt: try Self.stagedFile(content), key: Self.key))
        try store.delete(key: Self.key)
        #expect(try store.size(key: Self.key) == nil)
        #expect(try store.put(fileAt: try Self.stagedFile(content), key: Self.key))
        #expect(try store.read(key: Self.key, offset: 299_990, length: 50) == Array(content[299_990...]))
    }

    @Test("an offset past the end is out of range and a key that is not a hex digest is refused", arguments: BlobBackend.all)
    func badInput(_ backend: BlobBackend) throws {
        let store = try backend.open()
        #expect(try store.put(fileAt: try Self.stagedFile(Self.bytes(100, seed: 1)), key: Self.key))
        #expect(throws: BlobStoreError.outOfRange(key: Self.key, offset: 101, size: 100)) { try store.read(key: Self.key, offset: 101, length: 1) }
        #expect(throws: BlobStoreError.self) { try store.size(key: "../../etc/passwd") }
        #expect(throws: BlobStoreError.self) { try store.put(fileAt: try Self.stagedFile([1]), key: "ABC") }
    }

    @Test("an empty blob is stored and reads back empty", arguments: BlobBackend.all)
    func emptyBlob(_ backend: BlobBackend) throws {
        let store = try backend.open()
        let key = String(repeating: "0", count: 64)
        #expect(try store.put(fileAt: try Self.stagedFile([]), key: key))
        #expect(try store.size(key: key) == 0)
        #expect(try store.read(key: key, offset: 0, length: 10) == [])
    }
}

@Suite("GridFS blobs")
struct GridFSBlobTests {
    @Test("chunks left by an upload that never finished neither show as a blob nor block the next upload")
    func orphanChunksAreReplaced() async throws {
        let mongo = try BlobBackend.secantusStore()
        let store = GridFSBlobStore(store: mongo)
        let gridFS = store.gridFS
        let key = BlobStoreConformanceTests.key
        let content = BlobStoreConformanceTests.bytes(600_000, seed: 5)
        // A crash between the chunks and the files document: upload, then take the files document away.
        #expect(try gridFS.upload(fileAt: try BlobStoreConformanceTests.stagedFile(content), id: key))
        #expect(try await mongo.delete(in: "documents.files", where: .equal("_id", .string(key)), many: false) == 1)
        #expect(try store.size(key: key) == nil, "a file without its files document is not visible")
        #expect(try store.put(fileAt: try BlobStoreConformanceTests.stagedFile(content), key: key))
        #expect(try store.read(key: key, offset: 0, length: content.count) == content)
    }
}
