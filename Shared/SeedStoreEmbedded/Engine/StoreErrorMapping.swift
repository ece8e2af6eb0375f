import GRDB
import SeedStore

extension StoreError {
    /// A store error as it is; SQLite and other failures as ``StoreError/unavailable(_:)``.
    init(mapping error: any Error) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED:
            self = .conflict("the database is locked by another connection: \(error.message ?? "busy")")
        case let error as DatabaseError:
            self = .unavailable("SQLite: \(error.message ?? error.description)")
        case is CancellationError:
            self = .unavailable("the operation was cancelled")
        default:
            self = .unavailable(String(describing: error))
        }
    }
}
