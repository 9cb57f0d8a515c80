import Availability
import Foundation
import GRDB
public import Store

/// Calendar collections (RFC 4791 §4.2, §5.3.1): listing, MKCALENDAR, PROPPATCH and DELETE of
/// client calendars. Objects live in `SQLiteDatabase+CalendarObjects.swift`, the change log in
/// `SQLiteDatabase+CalendarChanges.swift`.
extension SQLiteDatabase: CalendarStore {
    public func calendars(ownedBy userId: String) async throws -> [CalendarCollection] {
        try await pool.read { db in
            try CalendarRecord.filter(CalendarRecord.Columns.userId == userId)
                .order(CalendarRecord.Columns.calendarOrder, CalendarRecord.Columns.slug)
                .fetchAll(db).map(\.collection)
        }
    }

    public func calendar(slug: String, ownedBy userId: String) async throws -> CalendarCollection? {
        try pointRead { db in
            // A prepared statement: every DAV request below a calendar looks its calendar up.
            try CalendarRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM calendars WHERE user_id = ? AND slug = ?"), arguments: [userId, slug])?
                .collection
        }
    }

    /// Creates a client calendar at revision 0. The slug is one URL segment; it must not name
    /// another calendar or a top-level plain resource of the home (`conflict`).
    public func createCalendar(_ calendar: NewCalendar, ownedBy userId: String) async throws -> CalendarCollection {
        try HomePath.validate(calendar.slug, field: "slug")
        guard HomePath.isTopLevel(calendar.slug) else {
            throw StoreError.invalid([ValidationIssue(path: "slug", message: "must be one path segment")])
        }
        do {
            return try await pool.write { db in
                try Self.checkTopLevelFree(db, calendar.slug, userId: userId)
                let record = CalendarRecord(calendar, id: Self.newID(), userId: userId, now: Date())
                try record.insert(db)
                return try Self.storedCollection(db, id: record.id)
            }
        } catch {
            throw StoreError.from(error, conflict: "\(calendar.slug) already exists in the calendar home")
        }
    }

    /// Applies a PROPPATCH of live properties. The revision moves too, so the ctag tells
    /// clients to refetch the calendar's properties; no object change is logged.
    public func updateCalendar(id: String, ownedBy userId: String, changes: CalendarChanges) async throws -> CalendarCollection {
        try await pool.write { db in
            guard var record = try Self.calendarRecord(db, id: id, userId: userId) else { throw StoreError.notFound("calendar \(id)") }
            if let displayName = changes.displayName { record.displayName = displayName }
            if let description = changes.description { record.description = description }
            if let color = changes.color { record.color = color }
            if let order = changes.order { record.calendarOrder = order }
            if let timezone = changes.timezone { record.timezone = timezone }
            record.syncRevision += 1
            record.updatedAt = Date()
            try record.update(db)
            return try Self.storedCollection(db, id: record.id)
        }
    }

    /// Deletes a client calendar; its objects and change log go by the foreign keys' cascade,
    /// its dead properties and those of its objects explicitly.
    public func deleteCalendar(id: String, ownedBy userId: String) async throws {
        try await pool.write { db in
            guard let record = try Self.calendarRecord(db, id: id, userId: userId) else { throw StoreError.notFound("calendar \(id)") }
            if record.scheduleId != nil {
                throw StoreError.conflict("calendar \(record.slug) shows the bookings of a schedule; delete the schedule instead")
            }
            try record.delete(db)
            try Self.deleteDeadProperties(db, userId: userId, subtree: record.slug)
        }
    }

    /// Bytes of the user's calendar objects and plain files (`DAV:quota-used-bytes`, RFC 4331).
    public func usedBytes(ownedBy userId: String) async throws -> Int {
        try await pool.read { db in
            let objects =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COALESCE(SUM(calendar_objects.size), 0) FROM calendar_objects
                        JOIN calendars ON calendars.id = calendar_objects.calendar_id WHERE calendars.user_id = ?
                        """, arguments: [userId]) ?? 0
            let files =
                try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM dav_resources WHERE user_id = ?", arguments: [userId]) ?? 0
            return objects + files
        }
    }

    // MARK: - Helpers

    static func calendarRecord(_ db: Database, id: String, userId: String) throws -> CalendarRecord? {
        try CalendarRecord.filter(CalendarRecord.Columns.id == id && CalendarRecord.Columns.userId == userId).fetchOne(db)
    }

    /// The calendar as a read returns it (timestamps at the stored precision).
    static func storedCollection(_ db: Database, id: String) throws -> CalendarCollection {
        guard let record = try calendarRecord(db, id: id) else { throw StoreError.notFound("calendar \(id)") }
        return record.collection
    }

    static func calendarRecord(_ db: Database, id: String) throws -> CalendarRecord? {
        // Cached: every object write starts here.
        try CalendarRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM calendars WHERE id = ?"), arguments: [id])
    }

    /// `conflict` when a calendar or a plain resource of the home already uses this top-level name.
    static func checkTopLevelFree(_ db: Database, _ name: String, userId: String) throws {
        if try CalendarRecord.filter(CalendarRecord.Columns.userId == userId && CalendarRecord.Columns.slug == name).fetchCount(db) > 0 {
            throw StoreError.conflict("a calendar named \(name) already exists in the calendar home")
        }
        if try davResourceExists(db, path: name, userId: userId) {
            throw StoreError.conflict("a resource named \(name) already exists in the calendar home")
        }
    }
}
