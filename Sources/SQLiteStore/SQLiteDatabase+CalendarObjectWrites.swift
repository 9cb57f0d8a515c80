import Foundation
import GRDB
public import Store

/// PUT and DELETE of calendar objects (RFC 4791 §5.3.2, RFC 4918 §9.6). Each is one short
/// write transaction with indexed lookups only: the condition, the UID rules and the booking
/// the object shows are checked inside it, then the row, the calendar's revision and the
/// change log are written together. PUT's statements are cached (prepared once per
/// connection): bulk imports run one PUT per object.
extension SQLiteDatabase {
    /// Stores the client's text as given. Replacing a booking's object with a moved
    /// `eventStart`/`eventEnd` reschedules the booking in the same transaction.
    public func putCalendarObject(
        _ object: NewCalendarObject, in calendarId: String, condition: WriteCondition
    ) async throws -> (object: CalendarObject, created: Bool) {
        try await pool.write { db in
            guard var calendar = try Self.calendarRecord(db, id: calendarId) else { throw StoreError.notFound("calendar \(calendarId)") }
            let existing = try Self.calendarObject(db, named: object.name, in: calendarId, withData: false)
            guard EntityTag.holds(condition, current: existing?.etag) else { throw DAVStoreError.preconditionFailed }
            if let existing, existing.uid != object.uid { throw DAVStoreError.uidChanged }
            if let other = try String.fetchOne(
                db.cachedStatement(sql: "SELECT name FROM calendar_objects WHERE calendar_id = ? AND uid = ? AND name <> ?"),
                arguments: [calendarId, object.uid, object.name])
            {
                throw DAVStoreError.uidConflict(existingName: other)
            }
            let now = Date()
            if let bookingId = existing?.bookingId {
                try Self.rescheduleBooking(db, id: bookingId, start: object.eventStart, end: object.eventEnd, now: now)
            }
            let revision = try Self.advanceRevision(db, &calendar, now: now)
            let stored = CalendarObject(
                id: existing?.id ?? Self.newID(), calendarId: calendarId, name: object.name, uid: object.uid, componentType: object.componentType,
                ics: object.ics, size: object.ics.utf8.count, etag: EntityTag.make(revision: revision, content: object.ics.utf8),
                firstStart: object.firstStart, lastEnd: object.lastEnd, bookingId: existing?.bookingId, createdAt: existing?.createdAt ?? now,
                updatedAt: now)
            if existing != nil {
                try Self.replaceObjectText(db, stored, now: now)
            } else {
                try Self.insertObject(db, stored)
            }
            try Self.logChange(db, calendarId: calendarId, revision: revision, name: object.name, deleted: false, now: now)
            // Read back, so the caller gets exactly what a GET will (timestamps at the stored precision).
            guard let written = try Self.calendarObject(db, named: object.name, in: calendarId, withData: true) else {
                throw StoreError.notFound("calendar object \(object.name)")
            }
            return (written, existing == nil)
        }
    }

    /// Rewrites an existing object's text, entity tag and span (its id, name and creation stay).
    static func replaceObjectText(_ db: Database, _ object: CalendarObject, now: Date) throws {
        try db.cachedStatement(
            sql: """
                UPDATE calendar_objects SET component_type = ?, ics = ?, size = ?, etag = ?, first_start = ?, last_end = ?, updated_at = ?
                WHERE id = ?
                """
        ).execute(
            arguments: [object.componentType, object.ics, object.size, object.etag, object.firstStart, object.lastEnd, now, object.id])
    }

    /// Deletes an object and its dead properties; a booking's object cancels the booking.
    /// Absent is `notFound` before any condition is looked at (RFC 9110 §13.2.1: conditions
    /// apply only where the request would otherwise succeed).
    public func deleteCalendarObject(named name: String, in calendarId: String, condition: WriteCondition) async throws {
        try await pool.write { db in
            guard var calendar = try Self.calendarRecord(db, id: calendarId) else { throw StoreError.notFound("calendar \(calendarId)") }
            guard let existing = try Self.calendarObject(db, named: name, in: calendarId, withData: false) else {
                // Gone since the request looked (a concurrent DELETE): If-Match cannot hold.
                if case .ifMatch = condition { throw DAVStoreError.preconditionFailed }
                throw StoreError.notFound("calendar object \(name)")
            }
            guard EntityTag.holds(condition, current: existing.etag) else { throw DAVStoreError.preconditionFailed }
            let now = Date()
            if let bookingId = existing.bookingId { try Self.cancelBooking(db, id: bookingId, now: now) }
            try db.execute(sql: "DELETE FROM calendar_objects WHERE id = ?", arguments: [existing.id])
            let revision = try Self.advanceRevision(db, &calendar, now: now)
            try Self.logChange(db, calendarId: calendarId, revision: revision, name: name, deleted: true, now: now)
            try Self.deleteDeadProperties(db, userId: calendar.userId, subtree: calendar.slug + "/" + name)
        }
    }
}
