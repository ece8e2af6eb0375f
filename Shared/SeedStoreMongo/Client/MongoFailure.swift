import CMongoc
import Foundation
import SeedStore

/// A libmongoc error with the server's reply, before it becomes a ``StoreError``.
struct MongoFailure {
    let domain: UInt32
    let code: UInt32
    let message: String
    /// The server's reply, when there was one (error labels, write errors, key patterns).
    let reply: Document?

    init(_ error: bson_error_t, reply: OpaquePointer? = nil) {
        domain = error.domain
        code = error.code
        message = withUnsafeBytes(of: error.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        self.reply = reply.flatMap { try? BSONReader.document(from: $0, foreignTypes: .skip) }
    }

    /// The server's error labels (`TransientTransactionError`, `UnknownTransactionCommitResult`, …).
    var labels: [String] {
        guard case .array(let labels)? = reply?["errorLabels"] else { return [] }
        return labels.compactMap { if case .string(let label) = $0 { label } else { nil } }
    }

    /// Starts the reason of an ``StoreError/unavailable(_:)`` caused by a broken connection (not by a
    /// server selection timeout): such a read is worth retrying at once.
    static let networkErrorPrefix = "network error: "

    var isDuplicateKey: Bool { [11000, 11001, 12582].contains(code) }

    /// The network or the server selection failed: the server may be down or unreachable.
    var isNetworkError: Bool {
        domain == MONGOC_ERROR_STREAM.rawValue || domain == MONGOC_ERROR_SERVER_SELECTION.rawValue
            || (domain == MONGOC_ERROR_CLIENT.rawValue && code == MONGOC_ERROR_CLIENT_NOT_READY.rawValue)
    }

    /// Server codes meaning "not now": not primary, shutting down, host unreachable, timeouts.
    private var isServerUnavailable: Bool {
        [6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436].contains(code)
    }

    /// The server refused transactions (a standalone server, or an old one).
    var isTransactionUnsupported: Bool {
        code == 20 || message.contains("Transaction numbers are only allowed")
            || message.localizedStandardContains("transactions are not supported")
    }

    /// The ``StoreError`` a caller sees for this failure of `operation` on `collection`.
    func storeError(collection: String, operation: String) -> StoreError {
        if isDuplicateKey {
            let (index, fields) = duplicateKeyDetails()
            return .duplicateKey(collection: collection, index: index, fields: fields)
        }
        if labels.contains("TransientTransactionError") || code == 112 || code == 251 {
            return .conflict("\(operation) on \(collection): \(message)")
        }
        if domain == MONGOC_ERROR_STREAM.rawValue {
            return .unavailable("\(Self.networkErrorPrefix)\(operation) on \(collection): \(message)")
        }
        if isNetworkError || isServerUnavailable {
            return .unavailable("\(operation) on \(collection): \(message)")
        }
        if domain == MONGOC_ERROR_SERVER.rawValue || domain == MONGOC_ERROR_COMMAND.rawValue
            || domain == MONGOC_ERROR_QUERY.rawValue || domain == MONGOC_ERROR_WRITE_CONCERN.rawValue
            || domain == MONGOC_ERROR_BSON.rawValue
        {
            return .validation("MongoDB refused \(operation) on \(collection): \(message) (code \(code))")
        }
        return .unavailable("\(operation) on \(collection) failed: \(message) (libmongoc domain \(domain), code \(code))")
    }

    /// The index name and its fields as the server reports them:
    /// - MongoDB: `keyPattern` in the reply, and the message
    ///   `E11000 duplicate key error collection: db.users index: email_1 dup key: { email: "a" }`;
    /// - SQLite-backed servers (nx-27017): `UNIQUE constraint failed: users._id` or
    ///   `UNIQUE constraint failed: index 'idx_users_email'` (resolved against the declared indexes by
    ///   ``IndexRegistry``).
    private func duplicateKeyDetails() -> (index: String, fields: [String]) {
        let pattern = keyPattern()?.names
        if let index = Self.word(after: "index: ", in: message) {
            return (index, pattern ?? dupKeyFields() ?? Self.fields(fromIndexName: index))
        }
        if let range = message.range(of: "UNIQUE constraint failed: ") {
            let detail = message[range.upperBound...]
            if detail.hasPrefix("index '") {
                let name = String(detail.dropFirst("index '".count).prefix { $0 != "'" })
                return (name, pattern ?? [])
            }
            let fields = detail.split(separator: ",").map {
                String($0.trimmingCharacters(in: .whitespaces).split(separator: ".", maxSplits: 1).last ?? "")
            }
            return (fields == ["_id"] ? "_id_" : Self.indexName(of: fields), fields)
        }
        if let pattern { return (Self.indexName(of: pattern), pattern) }
        return ("unknown", [])
    }

    /// The field names inside `dup key: { a: 1, b: "x" }`.
    private func dupKeyFields() -> [String]? {
        guard let range = message.range(of: "dup key: {") else { return nil }
        let body = message[range.upperBound...].prefix { $0 != "}" }
        let fields = body.split(separator: ",").compactMap { part -> String? in
            let name = part.split(separator: ":", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) ?? ""
            return name.isEmpty ? nil : name.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return fields.isEmpty ? nil : fields
    }

    /// MongoDB's default name of an ascending index on `fields`.
    private static func indexName(of fields: [String]) -> String {
        fields.map { "\($0)_1" }.joined(separator: "_")
    }

    private func keyPattern() -> Document? {
        if case .document(let pattern)? = reply?["keyPattern"] { return pattern }
        if case .array(let errors)? = reply?["writeErrors"] {
            for case .document(let error) in errors {
                if case .document(let pattern)? = error["keyPattern"] { return pattern }
            }
        }
        return nil
    }

    /// `email_1` → `[email]`, `a_1_b_-1` → `[a, b]`: MongoDB's default index names.
    private static func fields(fromIndexName name: String) -> [String] {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        var fields: [String] = []
        var current: [String] = []
        for part in parts {
            if ["1", "-1", "text"].contains(part), !current.isEmpty {
                fields.append(current.joined(separator: "_"))
                current = []
            } else {
                current.append(part)
            }
        }
        return fields.isEmpty ? [name] : fields
    }

    private static func word(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let word = text[range.upperBound...].prefix { !$0.isWhitespace }
        return word.isEmpty ? nil : String(word)
    }
}
