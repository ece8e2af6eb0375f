import GRDB
import GRDBSQLite

/// A statement that GRDB prepares and caches per connection (`Database.cachedStatement`), bound,
/// stepped and read through SQLite's C API.
///
/// The profile of inserts and finds showed GRDB's per-execution work (boxing arguments into
/// `StatementArguments`, validating them, the observation hooks around every step, `Row` and `Data`
/// values for results) costing more than SQLite's own work, so the per-document statements of the
/// store go through here. Every call resets the statement before it returns: no statement keeps a
/// read snapshot open or a binding alive.
struct RawStatement {
    /// A value bound to a `?` parameter.
    enum Value {
        case blob([UInt8])
        case integer(Int64)
        case text(String)
    }

    private let connection: OpaquePointer
    private let handle: OpaquePointer

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the connection is closed") }
        self.connection = connection
        handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    /// Runs the statement to completion with `values` (a write).
    func execute(_ values: Value...) throws {
        try forEachRow(values) { _ in true }
    }

    /// Runs the statement with `values`, calling `visit` for each result row until it returns `false`.
    func forEachRow(_ values: [Value], _ visit: (Row) throws -> Bool) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 = switch value {
            case .blob(let bytes):
                bytes.isEmpty
                    ? sqlite3_bind_zeroblob(handle, index, 0)
                    : bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
            case .integer(let number):
                sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                sqlite3_bind_text(handle, index, text, -1, Self.transient)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        while true {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW:
                if try !visit(Row(handle: handle)) { return }
            case SQLITE_DONE:
                return
            default:
                throw error(code)
            }
        }
    }

    /// The current result row; valid only inside the `visit` call that received it.
    struct Row {
        fileprivate let handle: OpaquePointer

        func integer(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

        /// The blob's bytes, valid until `visit` returns; `nil` for SQL NULL.
        func blob(at column: Int32) -> UnsafeRawBufferPointer? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let base = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(start: base, count: count)
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        let extended = sqlite3_extended_errcode(connection)
        return DatabaseError(
            resultCode: ResultCode(rawValue: extended == 0 ? code : extended),
            message: String(cString: sqlite3_errmsg(connection)),
            sql: sqlite3_sql(handle).map { String(cString: $0) })
    }

    /// SQLite copies the bound bytes (`SQLITE_TRANSIENT`).
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }
}
