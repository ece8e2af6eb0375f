import Foundation
import SeedStore

/// Runs the unwind → group → sort → limit stages of an ``Aggregation`` over the matched documents,
/// with MongoDB's results: `$sum` keeps integer types, `$avg` is a double, `$min`/`$max` use BSON order
/// and ignore `null` and missing values, an unwound missing or empty array drops the document.
struct AggregationRunner: Sendable {
    var collection: String

    func run(_ aggregation: Aggregation, over documents: [Document]) throws(StoreError) -> [Document] {
        let unwound = aggregation.unwind.map { path in documents.flatMap { unwind($0, path) } } ?? documents
        // Groups are keyed by the order-preserving key bytes, so that equal values of different
        // numeric types (1 and 1.0) fall into one group, as in MongoDB; the first value seen is the `_id`.
        var order: [(bytes: [UInt8], value: DocumentValue)] = []
        var groups: [[UInt8]: [Accumulation]] = [:]
        for document in unwound {
            let value = try groupKey(document, aggregation.groupBy)
            let key = KeyEncoding.key(value)
            if groups[key] == nil {
                order.append((key, value))
                groups[key] = aggregation.accumulators.map { Accumulation($0.accumulator) }
            }
            for index in aggregation.accumulators.indices {
                try groups[key]![index].add(document, collection: collection)
            }
        }
        var results = order.map { key in
            var fields: [(String, DocumentValue)] = [("_id", key.value)]
            for (accumulator, accumulation) in zip(aggregation.accumulators, groups[key.bytes]!) {
                fields.append((accumulator.name, accumulation.result))
            }
            return Document(fields)
        }
        results = DocumentSort(keys: aggregation.sort).sorted(results) { $0 }
        if let limit = aggregation.limit { results = Array(results.prefix(max(limit, 0))) }
        return results
    }

    private func unwind(_ document: Document, _ path: String) -> [Document] {
        guard let value = document.value(at: path) else { return [] }
        guard case .array(let elements) = value else { return value == .null ? [] : [document] }
        return elements.map { element in
            var copy = DocumentValue.document(document)
            Self.replace(&copy, path.split(separator: ".")[...], with: element)
            guard case .document(let result) = copy else { return document }
            return result
        }
    }

    private static func replace(_ value: inout DocumentValue, _ components: ArraySlice<Substring>, with element: DocumentValue) {
        guard let component = components.first, case .document(var document) = value else { return }
        if components.count == 1 {
            document[String(component)] = element
        } else if var child = document[String(component)] {
            replace(&child, components.dropFirst(), with: element)
            document[String(component)] = child
        }
        value = .document(document)
    }

    private func groupKey(_ document: Document, _ groupBy: Aggregation.GroupKey) throws(StoreError) -> DocumentValue {
        switch groupBy {
        case .all:
            return .null
        case .field(let path):
            return Self.fieldValue(document, path)
        case .day(let path):
            switch Self.fieldValue(document, path) {
            case .null: return .null
            case .date(let date): return .string(Self.day(date))
            case let other:
                throw StoreError.validation("grouping \(collection) by day of '\(path)' needs a date, found \(other.typeName)")
            }
        }
    }

    /// `"$path"` as an aggregation expression: the value, `null` when missing, an array when the path
    /// crosses an array of sub-documents.
    static func fieldValue(_ document: Document, _ path: String) -> DocumentValue {
        if let value = document.value(at: path) { return value }
        let reached = PathValues(path, in: document).reached
        return reached.isEmpty ? .null : .array(reached)
    }

    private static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = String(parts.year!), month = String(parts.month!), day = String(parts.day!)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(month.count == 1 ? "0" : "")\(month)-\(day.count == 1 ? "0" : "")\(day)"
    }
}

/// The running state of one accumulator in one group.
private struct Accumulation {
    let accumulator: Aggregation.Accumulator
    private var total: DocumentValue = .int32(0)
    private var count = 0
    private var sumOfNumbers = 0.0
    private var numbers = 0
    private var extreme: DocumentValue?

    init(_ accumulator: Aggregation.Accumulator) { self.accumulator = accumulator }

    mutating func add(_ document: Document, collection: String) throws(StoreError) {
        switch accumulator {
        case .count:
            count += 1
        case .sum(let path):
            let value = AggregationRunner.fieldValue(document, path)
            if value.number != nil { total = try Arithmetic.add(total, value, path: path, collection: collection) }
        case .average(let path):
            if let number = AggregationRunner.fieldValue(document, path).number {
                sumOfNumbers += number
                numbers += 1
            }
        case .min(let path), .max(let path):
            let value = AggregationRunner.fieldValue(document, path)
            guard value != .null else { return }
            let wantsSmaller: Bool = if case .min = accumulator { true } else { false }
            if let current = extreme {
                let result = ValueOrder.compare(value, current)
                if wantsSmaller ? result < 0 : result > 0 { extreme = value }
            } else {
                extreme = value
            }
        }
    }

    var result: DocumentValue {
        switch accumulator {
        case .count: count <= Int(Int32.max) ? .int32(Int32(count)) : .int64(Int64(count))
        case .sum: total
        case .average: numbers == 0 ? .null : .double(sumOfNumbers / Double(numbers))
        case .min, .max: extreme ?? .null
        }
    }
}
