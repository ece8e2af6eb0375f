import Foundation
import SeedStore

/// Applies an ``Update`` to a document with MongoDB's semantics: `$set` creates intermediate
/// sub-documents, `$unset` of an array element leaves `null`, `$inc` keeps the widest numeric type,
/// `$push`/`$addToSet` create missing arrays, and two operations on overlapping paths are refused.
struct UpdateApplier: Sendable {
    var collection: String
    var matcher: Matcher

    /// The updated document; throws ``StoreError/validation(_:)`` for an update MongoDB would refuse.
    func apply(_ update: Update, to document: Document) throws(StoreError) -> Document {
        try checkPaths(update)
        var value = DocumentValue.document(document)
        for operation in update.operations {
            try apply(operation, to: &value)
        }
        guard case .document(let result) = value else { return document }
        if let id = document["_id"], result["_id"] != id {
            throw StoreError.validation("the update would modify the immutable field '_id' in \(collection)")
        }
        return result
    }

    private func checkPaths(_ update: Update) throws(StoreError) {
        try update.validatePaths(collection: collection)
    }

    private func apply(_ operation: Update.Operation, to root: inout DocumentValue) throws(StoreError) {
        switch operation {
        case .set(let path, let value):
            try modify(&root, path, create: true) { (current: inout DocumentValue?) throws(StoreError) in current = value }
        case .unset(let path):
            try modify(&root, path, create: false) { (current: inout DocumentValue?) throws(StoreError) in current = nil }
        case .increment(let path, let amount):
            guard amount.number != nil else {
                throw StoreError.validation("$inc of '\(path)' in \(collection) needs a number, got \(amount.typeName)")
            }
            try modify(&root, path, create: true) { (current: inout DocumentValue?) throws(StoreError) in
                guard let existing = current else { current = amount; return }
                current = try Arithmetic.add(existing, amount, path: path, collection: collection)
            }
        case .push(let path, let element):
            try modify(&root, path, create: true) { (current: inout DocumentValue?) throws(StoreError) in
                current = .array(try array(current, path: path, operation: "$push") + [element])
            }
        case .addToSet(let path, let element):
            try modify(&root, path, create: true) { (current: inout DocumentValue?) throws(StoreError) in
                let elements = try array(current, path: path, operation: "$addToSet")
                current = .array(elements.contains(element) ? elements : elements + [element])
            }
        case .pull(let path, let condition):
            try modify(&root, path, create: false) { (current: inout DocumentValue?) throws(StoreError) in
                guard current != nil else { return }
                let elements = try array(current, path: path, operation: "$pull")
                current = .array(elements.filter { !pulls($0, condition) })
            }
        }
    }

    private func pulls(_ element: DocumentValue, _ condition: Update.PullCondition) -> Bool {
        switch condition {
        case .equal(let value):
            return ValueOrder.equal(element, value)
        case .matching(let filter):
            guard case .document(let document) = element else { return false }
            return matcher.matches(document, filter)
        }
    }

    private func array(_ value: DocumentValue?, path: String, operation: String) throws(StoreError) -> [DocumentValue] {
        switch value {
        case nil: return []
        case .array(let elements)?: return elements
        case let other?:
            throw StoreError.validation("\(operation) of '\(path)' in \(collection) needs an array, found \(other.typeName)")
        }
    }

    /// Calls `body` with the value at `path` (nil when absent) and stores what it leaves there.
    private func modify(
        _ root: inout DocumentValue, _ path: String, create: Bool,
        _ body: (inout DocumentValue?) throws(StoreError) -> Void
    ) throws(StoreError) {
        let components = path.split(separator: ".", omittingEmptySubsequences: false)
        try modify(&root, components[...], path: path, create: create, body)
    }

    private func modify(
        _ value: inout DocumentValue, _ components: ArraySlice<Substring>, path: String, create: Bool,
        _ body: (inout DocumentValue?) throws(StoreError) -> Void
    ) throws(StoreError) {
        guard let component = components.first else { return }
        let isLast = components.count == 1
        switch value {
        case .document(var document):
            let name = String(component)
            var child = document[name]
            if isLast {
                try body(&child)
            } else {
                if child == nil {
                    guard create else { return }
                    child = .document(Document())
                }
                try modify(&child!, components.dropFirst(), path: path, create: create, body)
            }
            document[name] = child
            value = .document(document)
        case .array(var elements):
            guard let index = Int(component), index >= 0 else {
                guard create else { return }
                throw StoreError.validation("cannot create field '\(component)' of '\(path)' inside an array in \(collection)")
            }
            if index >= elements.count {
                guard create else { return }
                elements += Array(repeating: .null, count: index + 1 - elements.count)
            }
            if isLast {
                var child: DocumentValue? = elements[index]
                try body(&child)
                elements[index] = child ?? .null
            } else {
                if elements[index] == .null { elements[index] = .document(Document()) }
                try modify(&elements[index], components.dropFirst(), path: path, create: create, body)
            }
            value = .array(elements)
        default:
            guard create else { return }
            throw StoreError.validation("cannot create field '\(component)' of '\(path)' in a \(value.typeName) in \(collection)")
        }
    }
}

/// `$inc` and `$sum` arithmetic: int32 widens to int64 on overflow, any double makes a double, any
/// decimal a decimal.
enum Arithmetic {
    static func add(_ lhs: DocumentValue, _ rhs: DocumentValue, path: String, collection: String) throws(StoreError) -> DocumentValue {
        switch (lhs, rhs) {
        case (.int32(let a), .int32(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .int64(Int64(a) + Int64(b)) : .int32(sum)
        case (.int32, .int64), (.int64, .int32), (.int64, .int64):
            let a = integer(lhs), b = integer(rhs)
            let (sum, overflow) = a.addingReportingOverflow(b)
            if overflow { throw StoreError.validation("$inc of '\(path)' in \(collection) overflows a 64-bit integer") }
            return .int64(sum)
        case (.decimal, _), (_, .decimal):
            guard let a = decimal(lhs), let b = decimal(rhs), a.isFinite, b.isFinite else { break }
            return .decimal((a + b).description)
        default:
            if let a = lhs.number, let b = rhs.number { return .double(a + b) }
        }
        throw StoreError.validation("cannot add \(rhs.typeName) to the \(lhs.typeName) at '\(path)' in \(collection)")
    }

    private static func integer(_ value: DocumentValue) -> Int64 {
        switch value {
        case .int32(let number): Int64(number)
        case .int64(let number): number
        default: 0
        }
    }

    private static func decimal(_ value: DocumentValue) -> Decimal? {
        switch value {
        case .decimal(let text): Decimal(string: text)
        case .int32(let number): Decimal(Int(number))
        case .int64(let number): Decimal(number)
        case .double(let number): number.isFinite ? Decimal(number) : nil
        default: nil
        }
    }
}
