/// The operations on raw documents that every adapter implements, inside or outside a transaction.
///
/// Services do not call this directly: they use ``DocumentCollection``, which encodes their `Codable`
/// types, validates paths and sizes, and paginates. Adapters (embedded SQLite, MongoDB) conform to it.
public protocol DocumentOperations: Sendable {
    /// Inserts documents (each must have an `_id`); all or nothing on a duplicate key.
    func insert(_ documents: [Document], into collection: String) async throws(StoreError)
    func find(in collection: String, where filter: Filter, options: FindOptions) async throws(StoreError) -> [Document]
    func count(in collection: String, where filter: Filter) async throws(StoreError) -> Int
    /// Updates the first (or every, with `many`) match; with `upsert` inserts when nothing matches.
    func update(in collection: String, where filter: Filter, _ update: Update, many: Bool, upsert: Bool) async throws(StoreError) -> UpdateResult
    /// Replaces the document with `document`'s `_id` by `document` (MongoDB's `replaceOne` by `_id`);
    /// whether there was one. Refuses what an insert refuses.
    func replace(_ document: Document, in collection: String) async throws(StoreError) -> Bool
    /// Updates one document and returns it before or after the change, atomically.
    func findAndModify(in collection: String, where filter: Filter, _ update: Update, options: FindAndModifyOptions) async throws(StoreError) -> Document?
    /// Deletes the first (or every, with `many`) match; returns how many went.
    func delete(in collection: String, where filter: Filter, many: Bool) async throws(StoreError) -> Int
    func aggregate(in collection: String, _ aggregation: Aggregation) async throws(StoreError) -> [Document]
}

/// A database that one service owns.
public protocol DocumentStore: DocumentOperations {
    /// Creates the collection and its indexes if missing; safe to call at every start-up.
    func prepare(_ collection: CollectionSpec) async throws(StoreError)
    /// Runs `body` in a multi-document transaction: its writes commit together when it returns, and
    /// none of them remain when it throws. A ``StoreError/conflict(_:)`` may be retried by the caller.
    func withTransaction<T: Sendable>(_ body: @Sendable (any DocumentOperations) async throws -> T) async throws -> T
    /// Deletes documents whose TTL index date has passed; adapters also run it periodically.
    func removeExpired() async throws(StoreError) -> Int
}
