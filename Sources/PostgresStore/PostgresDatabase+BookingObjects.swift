import Availability
import Foundation
import ICalendar
import PostgresNIO
import Store

/// Keeps bookings and the calendar objects that show them in step, inside the caller's
/// transaction: a booking writes its object (``BookingCalendarEvent``) into its schedule's
/// calendar; a client moving that object reschedules the booking; deleting it cancels it.
///
/// Callers hold the expert's lock (every booking write takes it first); the helpers take the
/// calendar's after it.
extension PostgresDatabase {
    /// Renders `booking` and stores it in the calendar of its schedule, creating `<uid>.ics` or
    /// replacing the booking's object, with a new revision and a logged change.
    ///
    /// `conflict` when another object of that calendar already has the booking's UID or name.
    /// With `readBack: false` the stored object is not read back (nil): the booking flow does
    /// not show it.
    @discardableResult
    static func writeBookingObject(_ tx: PostgresTransaction, _ booking: Booking, now: Date, readBack: Bool = true) async throws -> CalendarObject? {
        // The calendar, the expert's name and the event type's title in one round trip; each
        // LEFT JOIN says which of them is missing.
        let facts = try await tx.row(
            """
            SELECT calendars.id, calendars.slug, users.display_name, users.email, event_types.title
            FROM (SELECT 1) AS one
            LEFT JOIN calendars ON calendars.schedule_id = \(booking.scheduleId) AND calendars.user_id = \(booking.userId)
            LEFT JOIN users ON users.id = \(booking.userId)
            LEFT JOIN event_types ON event_types.id = \(booking.eventTypeId) AND event_types.user_id = \(booking.userId)
            """
        ).map { try $0.decode((String?, String?, String?, String?, String?).self) }
        guard let calendarId = facts?.0, let slug = facts?.1 else { throw StoreError.notFound("calendar of schedule \(booking.scheduleId)") }
        guard let expertName = facts?.2, let expertEmail = facts?.3 else { throw StoreError.notFound("user \(booking.userId)") }
        guard let title = facts?.4 else { throw StoreError.notFound("event type \(booking.eventTypeId)") }
        let ics = BookingCalendarEvent.render(booking, eventTypeTitle: title, expertName: expertName, expertEmail: expertEmail)
        // The revision moves first: that UPDATE takes the calendar's row lock (the caller holds
        // the expert's), so the checks below see every committed object; a refusal rolls it back.
        let revision = try await advanceRevision(tx, calendarId: calendarId, now: now)
        // The booking's object (a client may have renamed it with MOVE: it keeps that name) and
        // any other object with the booking's UID or default name, in one read.
        let defaultName = BookingCalendarEvent.objectName(for: booking)
        let nearby = try await tx.rows(
            """
            SELECT id, name, uid, booking_id IS NOT DISTINCT FROM \(booking.id) FROM calendar_objects
            WHERE calendar_id = \(calendarId) AND (booking_id = \(booking.id) OR uid = \(booking.uid) OR name = \(defaultName))
            ORDER BY name COLLATE "C"
            """
        ).map { try $0.decode((String, String, String, Bool).self) }
        let existing = nearby.first { $0.3 }.map { ($0.0, $0.1) }
        let name = existing?.1 ?? defaultName
        // Names are unique per calendar: another object clashes by the booking's UID, or by the
        // name a new object would take.
        if let clash = nearby.first(where: { !$0.3 && ($0.2 == booking.uid || (existing == nil && $0.1 == defaultName)) }) {
            throw StoreError.conflict("calendar \(slug) already has an object \(clash.1) with the booking's UID or name")
        }
        let etag = EntityTag.make(revision: revision, content: ics.utf8)
        if let existingId = existing?.0 {
            // A booking's object keeps its id, name and creation time; its text and span follow the booking.
            try await tx.execute(
                """
                UPDATE calendar_objects SET ics = \(ics), size = \(ics.utf8.count), etag = \(etag), first_start = \(booking.start),
                  last_end = \(booking.end), updated_at = \(now)
                WHERE id = \(existingId)
                """)
        } else {
            try await insertObject(
                tx,
                CalendarObject(
                    id: newID(), calendarId: calendarId, name: name, uid: booking.uid, componentType: "VEVENT", ics: ics, size: ics.utf8.count,
                    etag: etag, firstStart: booking.start, lastEnd: booking.end, bookingId: booking.id, createdAt: now, updatedAt: now))
        }
        try await logChange(tx, calendarId: calendarId, revision: revision, name: name, deleted: false, now: now)
        guard readBack else { return nil }
        guard let written = try await calendarObject(tx, named: name, in: calendarId, withData: true) else {
            throw StoreError.notFound("calendar object \(name)")
        }
        return written
    }

    /// Re-renders the object of booking `bookingId` after the booking changed (time, status,
    /// attendee), in the transaction that changed it. An object a client deleted comes back (a
    /// cancelled booking shows as `STATUS:CANCELLED`).
    @discardableResult
    static func refreshBookingObject(
        _ tx: PostgresTransaction, bookingId: String, now: Date, readBack: Bool = true
    ) async throws -> CalendarObject? {
        try await writeBookingObject(tx, requireBooking(tx, id: bookingId), now: now, readBack: readBack)
    }

    /// Takes a cancelled booking's object out of its calendar, with a tombstone in the sync log
    /// (as a client's DELETE would). A booking whose object a client already deleted has none.
    static func removeBookingObject(_ tx: PostgresTransaction, bookingId: String, now: Date) async throws {
        guard
            let located = try await tx.row(
                """
                SELECT calendars.id, calendars.user_id, calendars.slug FROM calendar_objects
                JOIN calendars ON calendars.id = calendar_objects.calendar_id WHERE calendar_objects.booking_id = \(bookingId)
                """)
        else { return }
        let (calendarId, userId, slug) = try located.decode((String, String, String).self)
        try await tx.lockExpert(userId)
        guard try await tx.lockCalendar(calendarId) != nil else { return }
        // Read again under the calendar's lock: the name is the one the tombstone must carry.
        guard
            let name = try await tx.row(
                "DELETE FROM calendar_objects WHERE calendar_id = \(calendarId) AND booking_id = \(bookingId) RETURNING name")?
                .decode(String.self)
        else { return }
        let revision = try await advanceRevision(tx, calendarId: calendarId, now: now)
        try await logChange(tx, calendarId: calendarId, revision: revision, name: name, deleted: true, now: now)
        try await deleteDeadProperties(tx, userId: userId, subtree: slug + "/" + name)
    }

    /// Moves booking `bookingId` to the span a client gave its object, when that span differs
    /// (to the second, iCalendar's resolution): new times, `sequence + 1`, `updated_at`. A
    /// confirmed booking may not land on another confirmed booking of the same expert, on any
    /// schedule (``DAVStoreError/bookingOverlap(_:)`` names the other booking's time).
    static func rescheduleBooking(_ tx: PostgresTransaction, id bookingId: String, start: Date?, end: Date?, now: Date) async throws {
        guard start != nil || end != nil,
            let owner = try await tx.row("SELECT user_id FROM bookings WHERE id = \(bookingId)")?.decode(String.self)
        else { return }
        try await tx.lockExpert(owner)
        let booking = try await requireBooking(tx, id: bookingId)
        let newStart = start ?? booking.start
        let newEnd = end ?? booking.end
        guard Instant(newStart) != Instant(booking.start) || Instant(newEnd) != Instant(booking.end) else { return }
        guard newEnd > newStart else {
            throw StoreError.invalid([.init(path: "DTEND", message: "a booking must end after it starts")])
        }
        if booking.status == .confirmed,
            let other = try await overlappingBooking(tx, userId: booking.userId, excluding: booking.id, start: newStart, end: newEnd)
        {
            throw DAVStoreError.bookingOverlap(
                "the new time overlaps another booking from \(Instant(other.start).description) to \(Instant(other.end).description)")
        }
        try await tx.execute(
            "UPDATE bookings SET start_at = \(newStart), end_at = \(newEnd), sequence = sequence + 1, updated_at = \(now) WHERE id = \(booking.id)")
        try await recordChange(tx, bookingId: booking.id, action: .rescheduled, actor: .calendarApp, at: now, start: newStart, end: newEnd)
    }

    /// Cancels booking `bookingId` because a client deleted its object: status `cancelled`,
    /// `sequence + 1`, `updated_at`. An already cancelled booking stays as it is.
    static func cancelBooking(_ tx: PostgresTransaction, id bookingId: String, now: Date) async throws {
        guard let owner = try await tx.row("SELECT user_id FROM bookings WHERE id = \(bookingId)")?.decode(String.self) else { return }
        try await tx.lockExpert(owner)
        guard
            let row = try await tx.row(
                """
                UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = \(now)
                WHERE id = \(bookingId) AND status <> 'cancelled' RETURNING start_at, end_at
                """)
        else { return }
        let (start, end) = try row.decode((Date, Date).self)
        try await recordChange(tx, bookingId: bookingId, action: .cancelled, actor: .calendarApp, at: now, start: start, end: end)
    }

    static func insertObject(_ tx: PostgresTransaction, _ object: CalendarObject) async throws {
        try await tx.execute(
            """
            INSERT INTO calendar_objects
              (id, calendar_id, name, uid, component_type, ics, size, etag, first_start, last_end, booking_id, created_at, updated_at)
            VALUES (\(object.id), \(object.calendarId), \(object.name), \(object.uid), \(object.componentType), \(object.ics), \(object.size),
              \(object.etag), \(object.firstStart), \(object.lastEnd), \(object.bookingId), \(object.createdAt), \(object.updatedAt))
            """)
    }
}
