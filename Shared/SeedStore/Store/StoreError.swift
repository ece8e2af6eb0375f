/// Every failure of the document store, with what a caller needs to decide what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A unique index refused the write; nothing was written.
    case duplicateKey(collection: String, index: String, fields: [String])
    /// No document matched where one was required.
    case notFound(collection: String, filter: String)
    /// The write raced with another (a transaction conflict or a failed optimistic check); retrying may succeed.
    case conflict(String)
    /// The document or query broke a rule (too large, undeclared path, bad type); nothing was written.
    case validation(String)
    /// A filter, sort or projection names a path the collection does not declare.
    case undeclaredPath(collection: String, path: String)
    /// The document is larger than the 16 MiB that MongoDB allows.
    case documentTooLarge(collection: String, bytes: Int)
    /// The database cannot be reached or failed; retrying later may succeed.
    case unavailable(String)

    /// MongoDB's limit on a document's BSON size, enforced by both adapters.
    public static let maximumDocumentBytes = 16 * 1024 * 1024

    public var description: String {
        switch self {
        case .duplicateKey(let collection, let index, let fields):
            "duplicate key in \(collection): index \(index) already has a document with the same \(fields.joined(separator: ", "))"
        case .notFound(let collection, let filter):
            "no document in \(collection) matches \(filter)"
        case .conflict(let reason):
            "write conflict: \(reason)"
        case .validation(let reason):
            "invalid: \(reason)"
        case .undeclaredPath(let collection, let path):
            "\(collection) has no declared field '\(path)'"
        case .documentTooLarge(let collection, let bytes):
            "document for \(collection) is \(bytes) bytes; the limit is \(StoreError.maximumDocumentBytes)"
        case .unavailable(let reason):
            "database unavailable: \(reason)"
        }
    }
}
