import SeedStore

extension Array where Element == SortKey {
    /// The `sort` document: `{path: 1 | -1, …}` in key order.
    var mongoSort: Document {
        Document(map { ($0.path, .int32(Int32($0.order.rawValue))) })
    }
}

extension FindOptions {
    /// The options document of `find`: `sort`, `projection`, `skip`, `limit` (only those set).
    var mongoOptions: Document {
        var options = Document()
        if !sort.isEmpty { options["sort"] = .document(sort.mongoSort) }
        if let projection { options["projection"] = .document(Document(projection.map { ($0, .int32(1)) })) }
        if skip > 0 { options["skip"] = .int64(Int64(skip)) }
        if let limit { options["limit"] = .int64(Int64(limit)) }
        return options
    }
}

extension Aggregation {
    /// The pipeline: `$match`, `$unwind`, `$group` (days via `$dateToString` `%Y-%m-%d`), `$sort`, `$limit`.
    var mongoPipeline: [DocumentValue] {
        var stages: [Document] = []
        if match != .all { stages.append(["$match": .document(match.mongoQuery)]) }
        if let unwind { stages.append(["$unwind": .string("$" + unwind)]) }
        var group: Document = ["_id": groupKey]
        for (name, accumulator) in accumulators { group[name] = .document(Self.expression(of: accumulator)) }
        stages.append(["$group": .document(group)])
        if !sort.isEmpty { stages.append(["$sort": .document(sort.mongoSort)]) }
        if let limit { stages.append(["$limit": .int64(Int64(limit))]) }
        return stages.map { .document($0) }
    }

    private var groupKey: DocumentValue {
        switch groupBy {
        case .all: .null
        case .field(let path): .string("$" + path)
        case .day(let path): .document(["$dateToString": .document(["format": .string("%Y-%m-%d"), "date": .string("$" + path)])])
        }
    }

    private static func expression(of accumulator: Accumulator) -> Document {
        switch accumulator {
        case .count: ["$sum": .int32(1)]
        case .sum(let path): ["$sum": .string("$" + path)]
        case .average(let path): ["$avg": .string("$" + path)]
        case .min(let path): ["$min": .string("$" + path)]
        case .max(let path): ["$max": .string("$" + path)]
        }
    }
}

extension IndexSpec {
    /// The entry for a `createIndexes` command: `key`, `name` and the options that are set.
    var mongoIndex: Document {
        let key = Document(keys.map { key -> (String, DocumentValue) in
            switch key {
            case .ascending(let path): (path, .int32(1))
            case .descending(let path): (path, .int32(-1))
            case .text(let path): (path, .string("text"))
            }
        })
        var index: Document = ["key": .document(key), "name": .string(name)]
        if unique { index["unique"] = .bool(true) }
        if sparse { index["sparse"] = .bool(true) }
        if let expireAfterSeconds { index["expireAfterSeconds"] = .int32(Int32(clamping: expireAfterSeconds)) }
        return index
    }
}
