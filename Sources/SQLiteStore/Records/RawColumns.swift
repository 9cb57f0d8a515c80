import Foundation
import GRDB
import GRDBSQLite

/// Values of the current row of a stepping statement, read with SQLite's own accessors: for
/// rows read by the thousand, GRDB's per-value decoding (and SQLite's `julianday`) cost more
/// than the query. Valid only until the statement steps again.
struct RawColumns {
    let statement: SQLiteStatement

    /// Steps `statement` with `arguments`, calling `body` for each row.
    static func forEachRow(_ statement: Statement, arguments: StatementArguments, _ body: (RawColumns) throws -> Void) throws {
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        let columns = RawColumns(statement: statement.sqliteStatement)
        while try rows.next() != nil { try body(columns) }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    /// The column's text (empty for NULL).
    func text(_ column: Int32) -> String { withBytes(column) { String(decoding: $0, as: UTF8.self) } }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

    /// A date stored by GRDB (see ``StoredDateText``); nil for NULL.
    func date(_ column: Int32) -> Date? { isNull(column) ? nil : withBytes(column, StoredDateText.date) }

    private func withBytes<Result>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let text = sqlite3_column_text(statement, column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))))
    }
}
