public import SeedContracts
public import Testing

/// `body` throws a ``ContractError`` with `code` (and, when given, naming `field`); returns it.
@discardableResult
public func expectContractError(
    _ code: ErrorCode, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> ContractError? {
    do {
        try await body()
        Issue.record("expected \(code), but it succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as ContractError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let field { #expect(error.details["field"] == field, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected ContractError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
