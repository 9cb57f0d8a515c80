import Foundation
import GRDB
import GRDBSQLite
public import Store

/// Listings of a calendar (PROPFIND Depth 1, the initial sync-collection): read from the
/// covering index `calendar_objects_listing` (migration v3), so a 10,000-object calendar costs
/// neither its iCalendar text nor a table lookup per object. Columns are read straight from
/// the statement: GRDB's per-value decoding was a third of a listing's cost.
extension SQLiteDatabase {
    public func objectListing(in calendarId: String) async throws -> CalendarObjectListing {
        try await pool.read { db in
            guard let revision = try Int.fetchOne(db, sql: "SELECT sync_revision FROM calendars WHERE id = ?", arguments: [calendarId]) else {
                throw StoreError.notFound("calendar \(calendarId)")
            }
            let statement = try db.cachedStatement(sql: Self.listingQuery)
            let rows = try Row.fetchCursor(statement, arguments: [calendarId])
            let raw = statement.sqliteStatement
            var objects: [CalendarObjectSummary] = []
            while try rows.next() != nil {
                let epoch = Date(timeIntervalSince1970: 0)
                objects.append(
                    CalendarObjectSummary(
                        name: Self.text(raw, 0), etag: Self.text(raw, 1), componentType: Self.text(raw, 2), size: Int(sqlite3_column_int64(raw, 3)),
                        createdAt: Self.withBytes(raw, 4, StoredDateText.date) ?? epoch,
                        updatedAt: Self.withBytes(raw, 5, StoredDateText.date) ?? epoch))
            }
            return CalendarObjectListing(objects: objects, revision: revision)
        }
    }

    private static let listingQuery = """
        SELECT name, etag, component_type, size, created_at, updated_at
        FROM calendar_objects INDEXED BY calendar_objects_listing WHERE calendar_id = ? ORDER BY name
        """

    /// The text of a column of the current row (empty for NULL), valid until the next step.
    private static func withBytes<Result>(_ statement: SQLiteStatement, _ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let text = sqlite3_column_text(statement, column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))))
    }

    private static func text(_ statement: SQLiteStatement, _ column: Int32) -> String {
        withBytes(statement, column) { String(decoding: $0, as: UTF8.self) }
    }
}
