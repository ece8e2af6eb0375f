import Foundation

/// One page of a keyset-paginated query, and the cursor of the next page.
public struct Page<D: Sendable>: Sendable {
    public var items: [D]
    /// Pass to the next call; `nil` when this was the last page.
    public var next: PageCursor?
}

/// An opaque position in a sorted result: the sort values and `_id` of the last item of a page.
///
/// Pages stay stable under concurrent inserts: the next page starts strictly after the last item
/// seen, in the order `(sort keys…, _id)` (seed 004: `{conversationId, createdAt desc, _id desc}`).
public struct PageCursor: Sendable, Hashable, CustomStringConvertible {
    /// The sort values and `_id` of the item the page ended at, in the order of the query's sort keys.
    public let values: [DocumentValue]

    /// The cursor as a URL-safe string for an API response.
    public var description: String {
        let data = (try? JSONEncoder().encode(values)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// Parses a cursor string; a tampered or foreign string gives a validation error.
    public init(_ text: String) throws(StoreError) {
        let base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard let data = Data(base64Encoded: base64),
              let values = try? JSONDecoder().decode([DocumentValue].self, from: data), !values.isEmpty
        else { throw StoreError.validation("page cursor '\(text)' is not one this service issued") }
        self.values = values
    }

    init(values: [DocumentValue]) { self.values = values }
}

extension DocumentCollection {
    /// A page of documents matching `filter` in `sort` order (with `_id` in the last key's direction
    /// as tie-breaker), starting after `cursor`.
    public func page(_ filter: Filter, sort: [SortKey], after cursor: PageCursor?, limit: Int) async throws(StoreError) -> Page<D> {
        guard limit > 0 else { throw StoreError.validation("page limit must be positive, got \(limit)") }
        let keys = sort.contains(where: { $0.path == "_id" }) ? sort : sort + [SortKey("_id", sort.last?.order ?? .ascending)]
        var effective = filter
        if let cursor {
            guard cursor.values.count == keys.count else {
                throw StoreError.validation("page cursor does not belong to this query")
            }
            effective = .and([filter, Self.after(cursor.values, keys: keys)])
        }
        let documents = try await findDocuments(effective, options: FindOptions(sort: keys, limit: limit + 1))
        let pageDocuments = Array(documents.prefix(limit))
        var items: [D] = []
        items.reserveCapacity(pageDocuments.count)
        let decoder = DocumentDecoder()
        for document in pageDocuments { items.append(try decoder.decode(D.self, from: document)) }
        var next: PageCursor?
        if documents.count > limit, let last = pageDocuments.last {
            next = PageCursor(values: keys.map { last.value(at: $0.path) ?? .null })
        }
        return Page(items: items, next: next)
    }

    /// Documents strictly after `values` in the order of `keys`:
    /// `k1 beyond v1 OR (k1 == v1 AND (k2 beyond v2 OR (…)))`.
    static func after(_ values: [DocumentValue], keys: [SortKey]) -> Filter {
        var result: Filter?
        for (key, value) in zip(keys, values).reversed() {
            let beyond: Filter = key.order == .ascending ? .greaterThan(key.path, value) : .lessThan(key.path, value)
            if let inner = result {
                result = .or([beyond, .and([.equal(key.path, value), inner])])
            } else {
                result = beyond
            }
        }
        return result ?? .all
    }
}
