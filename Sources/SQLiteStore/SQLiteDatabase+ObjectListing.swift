import Foundation
import GRDB
public import Store

/// Listings of a calendar (PROPFIND Depth 1, the initial sync-collection): read from the
/// covering index `calendar_objects_listing` (migration v3), so a 10,000-object calendar costs
/// neither its iCalendar text nor a table lookup per object. A listing already read at the
/// calendar's current revision is answered from ``ListingCache`` (see there why that is exact).
extension SQLiteDatabase {
    public func objectListing(in calendarId: String) async throws -> CalendarObjectListing {
        try await pool.read { db in
            guard let revision = try Int.fetchOne(db, sql: "SELECT sync_revision FROM calendars WHERE id = ?", arguments: [calendarId]) else {
                throw StoreError.notFound("calendar \(calendarId)")
            }
            if let cached = listings.listing(of: calendarId, at: revision) { return cached }
            var objects: [CalendarObjectSummary] = []
            let epoch = Date(timeIntervalSince1970: 0)
            try RawColumns.forEachRow(db.cachedStatement(sql: Self.listingQuery), arguments: [calendarId]) { row in
                objects.append(
                    CalendarObjectSummary(
                        name: row.text(0), etag: row.text(1), componentType: row.text(2), size: row.integer(3), createdAt: row.date(4) ?? epoch,
                        updatedAt: row.date(5) ?? epoch))
            }
            let listing = CalendarObjectListing(objects: objects, revision: revision)
            listings.remember(listing, of: calendarId)
            return listing
        }
    }

    private static let listingQuery = """
        SELECT name, etag, component_type, size, created_at, updated_at
        FROM calendar_objects INDEXED BY calendar_objects_listing WHERE calendar_id = ? ORDER BY name
        """
}
