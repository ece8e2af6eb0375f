import SeedStore

extension Update {
    /// The MongoDB update document: one `$set`, `$unset`, `$inc`, `$push`, `$pull`, `$addToSet` section per
    /// operator used, in the order they first appear, each listing its paths in order.
    var mongoUpdate: Document {
        var update = Document()
        for operation in operations {
            let (section, path, value) = Self.parts(of: operation)
            var operands: Document
            if case .document(let existing) = update[section] { operands = existing } else { operands = Document() }
            operands[path] = value
            update[section] = .document(operands)
        }
        // MongoDB refuses an empty update document; an empty `$set` changes nothing.
        return update.isEmpty ? ["$set": .document(Document())] : update
    }

    private static func parts(of operation: Operation) -> (section: String, path: String, value: DocumentValue) {
        switch operation {
        case .set(let path, let value): ("$set", path, value)
        case .unset(let path): ("$unset", path, .string(""))
        case .increment(let path, let amount): ("$inc", path, amount)
        case .push(let path, let value): ("$push", path, value)
        case .pull(let path, .equal(let value)): ("$pull", path, value)
        case .pull(let path, .matching(let filter)): ("$pull", path, .document(filter.mongoQuery))
        case .addToSet(let path, let value): ("$addToSet", path, value)
        }
    }
}
