extension Document {
    /// The size of the document encoded as BSON, for the 16 MiB limit both adapters enforce.
    public var bsonSize: Int {
        // int32 length + elements + terminating 0
        4 + fields.reduce(0) { $0 + 1 + $1.name.utf8.count + 1 + $1.value.bsonValueSize } + 1
    }
}

extension DocumentValue {
    /// Bytes of the value part of a BSON element.
    var bsonValueSize: Int {
        switch self {
        case .double, .int64, .date: 8
        case .int32: 4
        case .bool: 1
        case .null: 0
        case .objectId: 12
        case .decimal: 16
        case .string(let text): 4 + text.utf8.count + 1
        case .binary(let bytes): 4 + 1 + bytes.count
        case .document(let document): document.bsonSize
        case .array(let elements):
            4 + elements.enumerated().reduce(0) { $0 + 1 + String($1.offset).utf8.count + 1 + $1.element.bsonValueSize } + 1
        }
    }
}

extension Document {
    /// Checks what MongoDB would refuse: field names with `.` or starting with `$`, a NUL in a name,
    /// and documents over 16 MiB.
    public func validateForStorage(collection: String) throws(StoreError) {
        try DocumentValue.document(self).validateNames()
        let size = bsonSize
        if size > StoreError.maximumDocumentBytes {
            throw StoreError.documentTooLarge(collection: collection, bytes: size)
        }
    }
}

extension Document {
    /// Everything an adapter must refuse before inserting: what ``validateForStorage(collection:)``
    /// refuses, a missing `_id`, and an array `_id`.
    public func validateForInsert(into collection: String) throws(StoreError) {
        try validateForStorage(collection: collection)
        switch self["_id"] {
        case nil: throw StoreError.validation("a document for \(collection) has no _id")
        case .array?: throw StoreError.validation("the _id of a document for \(collection) cannot be an array")
        default: break
        }
    }
}

extension Update {
    /// Refuses what MongoDB refuses in an update: a path with an empty or `$`-prefixed field name,
    /// and two operations on the same path or on a path and its parent.
    public func validatePaths(collection: String) throws(StoreError) {
        // Linear in the paths' length. A replacement is an update of every field, and comparing each pair
        // of paths (building `path + "."` for each) made this quadratic in a document's fields: 2 % of
        // the identity service's CPU per token refresh.
        let paths = self.paths
        var seen = Set<Substring>(minimumCapacity: paths.count)
        for path in paths {
            let components = path.split(separator: ".", omittingEmptySubsequences: false)
            if components.contains(where: { $0.isEmpty || $0.hasPrefix("$") }) {
                throw StoreError.validation("update path '\(path)' in \(collection) has an empty or $-prefixed field name")
            }
            guard seen.insert(path[...]).inserted else {
                throw StoreError.validation("updating the path '\(path)' twice would create a conflict in \(collection)")
            }
        }
        for path in paths {
            // A path conflicts with an operation on any of its parents.
            var searchFrom = path.startIndex
            while let dot = path[searchFrom...].firstIndex(of: ".") {
                if seen.contains(path[..<dot]) {
                    throw StoreError.validation("updating the path '\(path)' would create a conflict at '\(path[..<dot])' in \(collection)")
                }
                searchFrom = path.index(after: dot)
            }
        }
    }
}

extension DocumentValue {
    fileprivate func validateNames() throws(StoreError) {
        switch self {
        case .document(let document):
            for (name, value) in document {
                // Byte checks: `String.contains(String)` goes through Foundation and took a third of insert time.
                if name.isEmpty || name.utf8.first == UInt8(ascii: "$") || name.utf8.contains(UInt8(ascii: ".")) || name.utf8.contains(0) {
                    throw StoreError.validation("field name '\(name)' is not allowed (empty, starts with $, or contains . or NUL)")
                }
                try value.validateNames()
            }
        case .array(let elements):
            for element in elements { try element.validateNames() }
        default:
            break
        }
    }
}
