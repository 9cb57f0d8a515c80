import Foundation
import GRDB
public import Store

/// Listings of a calendar (PROPFIND Depth 1, the initial sync-collection): read from the
/// covering index `calendar_objects_listing` (migration v3) row by row, so a 10,000-object
/// calendar costs neither its iCalendar text nor a table lookup per object.
extension SQLiteDatabase {
    public func objectListing(in calendarId: String) async throws -> CalendarObjectListing {
        try await pool.read { db in
            guard let revision = try Int.fetchOne(db, sql: "SELECT sync_revision FROM calendars WHERE id = ?", arguments: [calendarId]) else {
                throw StoreError.notFound("calendar \(calendarId)")
            }
            let statement = try db.cachedStatement(sql: Self.listingQuery)
            var objects: [CalendarObjectSummary] = []
            let rows = try Row.fetchCursor(statement, arguments: [calendarId])
            while let row = try rows.next() {
                objects.append(
                    CalendarObjectSummary(
                        name: row[0], etag: row[1], componentType: row[2], size: row[3],
                        createdAt: CalendarObjectColumns.date(row[4]) ?? Date(timeIntervalSince1970: 0), updatedAt: CalendarObjectColumns.date(row[5]) ?? Date(timeIntervalSince1970: 0)))
            }
            return CalendarObjectListing(objects: objects, revision: revision)
        }
    }

    private static let listingQuery = """
        SELECT name, etag, component_type, size, \(CalendarObjectColumns.seconds("created_at")), \(CalendarObjectColumns.seconds("updated_at"))
        FROM calendar_objects INDEXED BY calendar_objects_listing WHERE calendar_id = ? ORDER BY name
        """
}
