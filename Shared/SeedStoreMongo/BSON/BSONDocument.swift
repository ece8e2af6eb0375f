import CMongoc
import SeedStore

/// A libbson `bson_t` owned by Swift: made from a ``Document`` (or empty, for a reply), destroyed on deinit.
///
/// Each instance is used by one thread at a time: it is created, passed to libmongoc and read inside
/// a single blocking job, so it is deliberately not `Sendable`.
final class BSONDocument {
    /// The `bson_t *` to hand to libmongoc.
    let pointer: OpaquePointer

    /// An empty document, e.g. for a libmongoc `reply` out-parameter.
    init() {
        guard let pointer = seed_bson_alloc() else { fatalError("out of memory allocating a bson_t") }
        self.pointer = pointer
    }

    /// The BSON form of `document`.
    convenience init(_ document: Document) throws(StoreError) {
        try self.init(bytes: BSONWriter.bytes(of: document))
    }

    private convenience init(bytes: [UInt8]) throws(StoreError) {
        self.init()
        let copied = bytes.withUnsafeBufferPointer { seed_bson_copy_from(pointer, $0.baseAddress, $0.count) }
        guard copied else { throw StoreError.validation("document could not be converted to BSON") }
    }

    deinit { seed_bson_free(pointer) }

    /// The document this holds (a stored document: every type must be one ``DocumentValue`` has).
    func document() throws(StoreError) -> Document {
        try BSONReader.document(from: pointer)
    }

    /// The server reply this holds, without the fields of types ``DocumentValue`` lacks (`$clusterTime`, …).
    func reply() throws(StoreError) -> Document {
        try BSONReader.document(from: pointer, foreignTypes: .skip)
    }
}
