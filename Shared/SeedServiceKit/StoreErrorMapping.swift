public import SeedContracts
public import SeedStore

/// How a service's store failures read as contract errors: a duplicate key is a `conflict` naming the
/// field, a missing row `not_found`, a rejected document `validation`, an unreachable database
/// `unavailable`.
public struct StoreErrorMapping: Sendable {
    /// What a record of a collection is called in messages (`["users": "account"]`); other collections'
    /// records are called "record".
    public var nouns: [String: String]

    public init(nouns: [String: String] = [:]) {
        self.nouns = nouns
    }

    /// The contract error for `error` in the database of `database`.
    public func contractError(_ error: StoreError, database: String) -> ContractError {
        switch error {
        case .duplicateKey(let collection, _, let fields):
            let field = fields.last ?? "id"
            return ContractError(.conflict, "another \(nouns[collection] ?? "record") already has this \(field)", details: ["field": field])
        case .notFound(let collection, _): return ContractError(.notFound, "not found in \(collection)")
        case .conflict(let reason): return ContractError(.conflict, reason)
        case .validation(let reason), .undeclaredPath(_, let reason): return ContractError(.validation, reason)
        case .documentTooLarge: return ContractError(.validation, "\(error)")
        case .unavailable(let reason): return ContractError(.unavailable, "the \(database) database is unavailable: \(reason)")
        }
    }

    /// Runs `body`; a ``StoreError`` it throws becomes a ``ContractError``.
    public func map<R>(database: String, _ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as StoreError {
            throw contractError(error, database: database)
        }
    }
}
