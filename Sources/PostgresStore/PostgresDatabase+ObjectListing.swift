import Foundation
import PostgresNIO
public import Store

/// Listings of a calendar (PROPFIND Depth 1, the initial sync-collection), without any
/// object's text. A listing already read at the calendar's current revision is answered from
/// ``ListingCache`` after one single-row statement; otherwise the revision and the rows are
/// read in one snapshot, so a cached listing is never labelled with a revision it lacks.
extension PostgresDatabase {
    public func objectListing(in calendarId: String) async throws -> CalendarObjectListing {
        // A poll of an unchanged calendar: one statement, no transaction.
        let current = try await pointRead { tx in
            try await tx.row("SELECT sync_revision FROM calendars WHERE id = \(calendarId)")?.decode(Int.self)
        }
        guard let current else { throw StoreError.notFound("calendar \(calendarId)") }
        if let cached = listings.listing(of: calendarId, at: current) { return cached }
        let listing = try await read { tx in
            guard let revision = try await tx.row("SELECT sync_revision FROM calendars WHERE id = \(calendarId)")?.decode(Int.self) else {
                throw StoreError.notFound("calendar \(calendarId)")
            }
            let objects = try await tx.rows(
                """
                SELECT name, etag, component_type, size, created_at, updated_at
                FROM calendar_objects WHERE calendar_id = \(calendarId) ORDER BY name COLLATE "C"
                """
            ).map { row in
                let (name, etag, componentType, size, createdAt, updatedAt) = try row.decode((String, String, String, Int, Date, Date).self)
                return CalendarObjectSummary(
                    name: name, etag: etag, componentType: componentType, size: size, createdAt: createdAt, updatedAt: updatedAt)
            }
            return CalendarObjectListing(objects: objects, revision: revision)
        }
        listings.remember(listing, of: calendarId)
        return listing
    }
}
