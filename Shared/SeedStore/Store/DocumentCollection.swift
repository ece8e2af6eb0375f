/// A typed view of one collection: encodes and decodes `D`, checks paths against the collection's
/// declaration and sizes against the 16 MiB limit before anything reaches the database.
public struct DocumentCollection<D: StoredDocument>: Sendable {
    public let spec: CollectionSpec
    private let operations: any DocumentOperations
    private let encoder = DocumentEncoder()
    private let decoder = DocumentDecoder()

    /// The collection of `D` in a store, or in a transaction's operations.
    public init(_ type: D.Type = D.self, in operations: any DocumentOperations) {
        self.spec = D.collection
        self.operations = operations
    }

    private var name: String { spec.name }

    private func encode(_ document: D) throws(StoreError) -> Document {
        let encoded = try encoder.encode(document)
        guard encoded["_id"] != nil else {
            throw StoreError.validation("\(D.self) has no _id field: map its id property to \"_id\" in CodingKeys")
        }
        try encoded.validateForStorage(collection: name)
        return encoded
    }

    public func insert(_ document: D) async throws(StoreError) {
        try await operations.insert([try encode(document)], into: name)
    }

    /// Inserts all or none.
    public func insert(_ documents: [D]) async throws(StoreError) {
        var encoded: [Document] = []
        encoded.reserveCapacity(documents.count)
        for document in documents { encoded.append(try encode(document)) }
        try await operations.insert(encoded, into: name)
    }

    public func find(_ filter: Filter = .all, options: FindOptions = FindOptions()) async throws(StoreError) -> [D] {
        try spec.validate(paths: filter.paths + options.sort.map(\.path))
        if options.projection != nil {
            throw StoreError.validation("a projection returns partial documents: use findDocuments for \(name)")
        }
        return try await operations.find(in: name, where: filter, options: options).map { document throws(StoreError) in
            try decoder.decode(D.self, from: document)
        }
    }

    /// Raw documents, for projections that return only some fields.
    public func findDocuments(_ filter: Filter = .all, options: FindOptions = FindOptions()) async throws(StoreError) -> [Document] {
        try spec.validate(paths: filter.paths + options.sort.map(\.path) + (options.projection ?? []))
        return try await operations.find(in: name, where: filter, options: options)
    }

    public func first(_ filter: Filter, sort: [SortKey] = []) async throws(StoreError) -> D? {
        try await find(filter, options: FindOptions(sort: sort, limit: 1)).first
    }

    public func get(_ id: D.ID) async throws(StoreError) -> D {
        let filter = Filter.equal("_id", try encoder.encodeValue(id))
        guard let found = try await first(filter) else {
            throw StoreError.notFound(collection: name, filter: "_id \(id)")
        }
        return found
    }

    public func count(_ filter: Filter = .all) async throws(StoreError) -> Int {
        try spec.validate(paths: filter.paths)
        return try await operations.count(in: name, where: filter)
    }

    @discardableResult
    public func update(_ filter: Filter, _ update: Update, many: Bool = false, upsert: Bool = false) async throws(StoreError) -> UpdateResult {
        try spec.validate(paths: filter.paths)
        return try await operations.update(in: name, where: filter, update, many: many, upsert: upsert)
    }

    /// Replaces the whole document with the same `_id`; ``StoreError/notFound(collection:filter:)`` when absent.
    /// Afterwards the stored document is `document`'s encoding: optional properties that are `nil`, and
    /// fields `D` does not know, are gone.
    public func replace(_ document: D) async throws(StoreError) {
        let encoded = try encoder.encode(document)
        guard encoded["_id"] != nil else {
            throw StoreError.validation("\(D.self) has no _id field: map its id property to \"_id\" in CodingKeys")
        }
        guard try await operations.replace(encoded, in: name) else {
            throw StoreError.notFound(collection: name, filter: "_id \(document.id)")
        }
    }

    public func findAndModify(_ filter: Filter, _ update: Update, options: FindAndModifyOptions = FindAndModifyOptions()) async throws(StoreError) -> D? {
        try spec.validate(paths: filter.paths + options.sort.map(\.path))
        guard let document = try await operations.findAndModify(in: name, where: filter, update, options: options) else { return nil }
        return try decoder.decode(D.self, from: document)
    }

    @discardableResult
    public func delete(_ filter: Filter, many: Bool = false) async throws(StoreError) -> Int {
        try spec.validate(paths: filter.paths)
        return try await operations.delete(in: name, where: filter, many: many)
    }

    public func aggregate(_ aggregation: Aggregation) async throws(StoreError) -> [Document] {
        var paths = aggregation.match.paths + aggregation.accumulators.compactMap {
            switch $0.accumulator {
            case .count: nil
            case .sum(let path), .average(let path), .min(let path), .max(let path): path
            }
        }
        if let unwind = aggregation.unwind { paths.append(unwind) }
        switch aggregation.groupBy {
        case .all: break
        case .field(let path), .day(let path): paths.append(path)
        }
        try spec.validate(paths: paths)
        return try await operations.aggregate(in: name, aggregation)
    }
}
