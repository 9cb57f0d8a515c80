import Foundation
import PostgresNIO
public import Store

/// PUT and DELETE of calendar objects (RFC 4791 §5.3.2, RFC 4918 §9.6). Each is one write
/// transaction that takes the owner's lock, then the calendar's row lock, before it reads the
/// existing object: the condition, the UID rules and the booking the object shows are checked
/// under those locks, then the row, the calendar's revision and the change log are written
/// together. Two instances writing one calendar therefore take turns, as SQLite's one writer did.
extension PostgresDatabase {
    /// Stores the client's text as given. Replacing a booking's object with a moved
    /// `eventStart`/`eventEnd` reschedules the booking in the same transaction.
    public func putCalendarObject(
        _ object: NewCalendarObject, in calendarId: String, condition: WriteCondition
    ) async throws -> (object: CalendarObject, created: Bool) {
        try await write { tx in
            guard var calendar = try await Self.lockedCalendar(tx, id: calendarId) else { throw StoreError.notFound("calendar \(calendarId)") }
            let existing = try await Self.calendarObject(tx, named: object.name, in: calendarId, withData: false)
            guard EntityTag.holds(condition, current: existing?.etag) else { throw DAVStoreError.preconditionFailed }
            if let existing, existing.uid != object.uid { throw DAVStoreError.uidChanged }
            if let other = try await tx.row(
                "SELECT name FROM calendar_objects WHERE calendar_id = \(calendarId) AND uid = \(object.uid) AND name <> \(object.name) LIMIT 1"
            )?.decode(String.self) {
                throw DAVStoreError.uidConflict(existingName: other)
            }
            let now = Date()
            if let bookingId = existing?.bookingId {
                try await Self.rescheduleBooking(tx, id: bookingId, start: object.eventStart, end: object.eventEnd, now: now)
            }
            let revision = try await Self.advanceRevision(tx, &calendar, now: now)
            let stored = CalendarObject(
                id: existing?.id ?? Self.newID(), calendarId: calendarId, name: object.name, uid: object.uid, componentType: object.componentType,
                ics: object.ics, size: object.ics.utf8.count, etag: EntityTag.make(revision: revision, content: object.ics.utf8),
                firstStart: object.firstStart, lastEnd: object.lastEnd, bookingId: existing?.bookingId, createdAt: existing?.createdAt ?? now,
                updatedAt: now)
            if existing != nil {
                try await Self.replaceObjectText(tx, stored, now: now)
            } else {
                do {
                    try await Self.insertObject(tx, stored)
                } catch let error where PostgresFailure.isUniqueViolation(error) {
                    // Created by a writer that skipped the calendar's lock: this PUT lost the race for the name or UID (412).
                    throw DAVStoreError.preconditionFailed
                }
            }
            try await Self.logChange(tx, calendarId: calendarId, revision: revision, name: object.name, deleted: false, now: now)
            // Read back, so the caller gets exactly what a GET will (timestamps at the stored precision).
            guard let written = try await Self.calendarObject(tx, named: object.name, in: calendarId, withData: true) else {
                throw StoreError.notFound("calendar object \(object.name)")
            }
            return (written, existing == nil)
        }
    }

    /// Rewrites an existing object's text, entity tag and span (its id, name and creation stay).
    static func replaceObjectText(_ tx: PostgresTransaction, _ object: CalendarObject, now: Date) async throws {
        try await tx.execute(
            """
            UPDATE calendar_objects SET component_type = \(object.componentType), ics = \(object.ics), size = \(object.size),
              etag = \(object.etag), first_start = \(object.firstStart), last_end = \(object.lastEnd), updated_at = \(now)
            WHERE id = \(object.id)
            """)
    }

    /// Deletes an object and its dead properties; a booking's object cancels the booking.
    /// Absent is `notFound` before any condition is looked at (RFC 9110 §13.2.1: conditions
    /// apply only where the request would otherwise succeed).
    public func deleteCalendarObject(named name: String, in calendarId: String, condition: WriteCondition) async throws {
        try await write { tx in
            guard var calendar = try await Self.lockedCalendar(tx, id: calendarId) else { throw StoreError.notFound("calendar \(calendarId)") }
            guard let existing = try await Self.calendarObject(tx, named: name, in: calendarId, withData: false) else {
                // Gone since the request looked (a concurrent DELETE): If-Match cannot hold.
                if case .ifMatch = condition { throw DAVStoreError.preconditionFailed }
                throw StoreError.notFound("calendar object \(name)")
            }
            guard EntityTag.holds(condition, current: existing.etag) else { throw DAVStoreError.preconditionFailed }
            let now = Date()
            if let bookingId = existing.bookingId { try await Self.cancelBooking(tx, id: bookingId, now: now) }
            try await tx.execute("DELETE FROM calendar_objects WHERE id = \(existing.id)")
            let revision = try await Self.advanceRevision(tx, &calendar, now: now)
            try await Self.logChange(tx, calendarId: calendarId, revision: revision, name: name, deleted: true, now: now)
            try await Self.deleteDeadProperties(tx, userId: calendar.userId, subtree: calendar.slug + "/" + name)
        }
    }
}
