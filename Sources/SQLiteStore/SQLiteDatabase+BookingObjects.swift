import Availability
import Foundation
import GRDB
import ICalendar
import Store

/// Keeps bookings and the calendar objects that show them in step, inside the caller's
/// transaction: a booking writes its object (``BookingCalendarEvent``) into its schedule's
/// calendar; a client moving that object reschedules the booking; deleting it cancels it.
extension SQLiteDatabase {
    /// Renders `booking` and stores it in the calendar of its schedule, creating `<uid>.ics` or
    /// replacing the booking's object, with a new revision and a logged change.
    ///
    /// `conflict` when another object of that calendar already has the booking's UID or name.
    ///
    /// With `readBack: false` the stored object is not read back (nil): the booking flow does
    /// not show it, and its writes hold SQLite's one write lock.
    @discardableResult
    static func writeBookingObject(_ db: Database, _ booking: Booking, now: Date, readBack: Bool = true) throws -> CalendarObject? {
        guard
            var calendar = try CalendarRecord.filter(
                CalendarRecord.Columns.scheduleId == booking.scheduleId && CalendarRecord.Columns.userId == booking.userId
            ).fetchOne(db)
        else { throw StoreError.notFound("calendar of schedule \(booking.scheduleId)") }
        guard let expert = try UserRecord.fetchOne(db, key: booking.userId) else { throw StoreError.notFound("user \(booking.userId)") }
        guard let eventType = try eventTypeRecord(db, id: booking.eventTypeId, userId: booking.userId) else {
            throw StoreError.notFound("event type \(booking.eventTypeId)")
        }
        let ics = BookingCalendarEvent.render(booking, eventTypeTitle: eventType.title, expertName: expert.displayName, expertEmail: expert.email)
        // A client may have renamed the object (MOVE within the calendar): it keeps that name.
        let existing = try Row.fetchOne(
            db, sql: "SELECT id, name FROM calendar_objects WHERE calendar_id = ? AND booking_id = ?", arguments: [calendar.id, booking.id])
        let existingId: String? = existing?[0]
        let name: String = existing?[1] ?? BookingCalendarEvent.objectName(for: booking)
        if let clash = try String.fetchOne(
            db, sql: "SELECT name FROM calendar_objects WHERE calendar_id = ? AND (uid = ? OR name = ?) AND id IS NOT ?",
            arguments: [calendar.id, booking.uid, name, existingId])
        {
            throw StoreError.conflict("calendar \(calendar.slug) already has an object \(clash) with the booking's UID or name")
        }
        let revision = try advanceRevision(db, &calendar, now: now)
        let etag = EntityTag.make(revision: revision, content: ics.utf8)
        if let existingId {
            // A booking's object keeps its id, name and creation time; its text and span follow the booking.
            try db.execute(
                sql: """
                    UPDATE calendar_objects SET ics = ?, size = ?, etag = ?, first_start = ?, last_end = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [ics, ics.utf8.count, etag, booking.start, booking.end, now, existingId])
        } else {
            try insertObject(
                db,
                CalendarObject(
                    id: newID(), calendarId: calendar.id, name: name, uid: booking.uid, componentType: "VEVENT", ics: ics, size: ics.utf8.count,
                    etag: etag, firstStart: booking.start, lastEnd: booking.end, bookingId: booking.id, createdAt: now, updatedAt: now))
        }
        try logChange(db, calendarId: calendar.id, revision: revision, name: name, deleted: false, now: now)
        guard readBack else { return nil }
        guard let written = try calendarObject(db, named: name, in: calendar.id, withData: true) else {
            throw StoreError.notFound("calendar object \(name)")
        }
        return written
    }

    /// Re-renders the object of booking `bookingId` after the booking changed (time, status,
    /// attendee): the booking flow calls this in the transaction that changed it. An object a
    /// client deleted comes back (a cancelled booking shows as `STATUS:CANCELLED`).
    @discardableResult
    static func refreshBookingObject(_ db: Database, bookingId: String, now: Date, readBack: Bool = true) throws -> CalendarObject? {
        guard let record = try BookingRecord.fetchOne(db, key: bookingId) else { throw StoreError.notFound("booking \(bookingId)") }
        return try writeBookingObject(db, record.booking(), now: now, readBack: readBack)
    }

    /// Moves booking `bookingId` to the span a client gave its object, when that span differs
    /// (to the second, iCalendar's resolution): new times, `sequence + 1`, `updated_at`. A
    /// confirmed booking may not land on another confirmed booking of the same expert, on any
    /// schedule (``DAVStoreError/bookingOverlap(_:)`` names the other booking's time).
    static func rescheduleBooking(_ db: Database, id bookingId: String, start: Date?, end: Date?, now: Date) throws {
        guard start != nil || end != nil, let booking = try BookingRecord.fetchOne(db, key: bookingId) else { return }
        let newStart = start ?? booking.startAt
        let newEnd = end ?? booking.endAt
        guard Instant(newStart) != Instant(booking.startAt) || Instant(newEnd) != Instant(booking.endAt) else { return }
        guard newEnd > newStart else {
            throw StoreError.invalid([.init(path: "DTEND", message: "a booking must end after it starts")])
        }
        if booking.status == Booking.Status.confirmed.rawValue,
            let other = try overlappingBooking(db, userId: booking.userId, excluding: booking.id, start: newStart, end: newEnd)
        {
            throw DAVStoreError.bookingOverlap(
                "the new time overlaps another booking from \(Instant(other.start).description) to \(Instant(other.end).description)")
        }
        try db.execute(
            sql: "UPDATE bookings SET start_at = ?, end_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
            arguments: [newStart, newEnd, now, booking.id])
        try recordChange(db, bookingId: booking.id, action: .rescheduled, actor: .calendarApp, at: now, start: newStart, end: newEnd)
    }

    /// Cancels booking `bookingId` because a client deleted its object: status `cancelled`,
    /// `sequence + 1`, `updated_at`. An already cancelled booking stays as it is.
    static func cancelBooking(_ db: Database, id bookingId: String, now: Date) throws {
        try db.execute(
            sql: "UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = ? WHERE id = ? AND status <> 'cancelled'",
            arguments: [now, bookingId])
        if db.changesCount > 0, let booking = try BookingRecord.fetchOne(db, key: bookingId) {
            try recordChange(db, bookingId: bookingId, action: .cancelled, actor: .calendarApp, at: now, start: booking.startAt, end: booking.endAt)
        }
    }

    static func insertObject(_ db: Database, _ object: CalendarObject) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO calendar_objects
                  (id, calendar_id, name, uid, component_type, ics, size, etag, first_start, last_end, booking_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                object.id, object.calendarId, object.name, object.uid, object.componentType, object.ics, object.size, object.etag,
                object.firstStart, object.lastEnd, object.bookingId, object.createdAt, object.updatedAt,
            ])
    }
}
