import Foundation
import PostgresNIO
import Store

/// Deliveries inside a transaction: the recipient's inbox row and their copy of the event.
///
/// The copy is an object write in the recipient's calendars, so it takes the recipient's
/// expert lock, then the calendar's, before it reads the object it compares and replaces.
/// A booking's delivery to its booker holds the expert's lock already; two users booking each
/// other at the same moment can then wait on each other, which the server ends as a deadlock
/// (40P01) and the write transaction retries.
extension PostgresDatabase {
    /// The inbox row, then the copy: over the recipient's object with the UID (never a
    /// booking's), else new in their default calendar unless `replaceOnly`.
    static func deliver(_ tx: PostgresTransaction, _ delivery: SchedulingDelivery, now: Date) async throws {
        try await tx.lockExpert(delivery.recipientId)
        var existing = try await objects(tx, uid: delivery.uid, userId: delivery.recipientId).first
        var lockedCalendar: String?
        if let found = existing {
            guard try await tx.lockCalendar(found.calendarId) != nil else { throw StoreError.notFound("calendar \(found.calendarId)") }
            lockedCalendar = found.calendarId
            // Read again under the calendar's lock: that is the version If-Match compares with.
            existing = try await objects(tx, uid: delivery.uid, userId: delivery.recipientId).first
        }
        if let expected = delivery.ifMatch, existing?.etag != expected { throw DAVStoreError.preconditionFailed }
        try await tx.execute(
            """
            INSERT INTO scheduling_inbox (id, user_id, name, uid, method, ics, etag, created_at)
            VALUES (\(newID()), \(delivery.recipientId), \(newID() + ".ics"), \(delivery.uid), \(delivery.method), \(delivery.message),
              \(EntityTag.make(revision: 0, content: delivery.message.utf8)), \(now))
            """)
        guard let copy = delivery.copy else { return }
        if let existing {
            guard existing.bookingId == nil else { return }
            if existing.calendarId != lockedCalendar, try await tx.lockCalendar(existing.calendarId) == nil { return }
            let revision = try await advanceRevision(tx, calendarId: existing.calendarId, now: now)
            let replaced = existing.replacingContent(with: copy, revision: revision)
            try await replaceObjectText(tx, replaced, now: now)
            try await logChange(tx, calendarId: existing.calendarId, revision: revision, name: existing.name, deleted: false, now: now)
            return
        }
        guard !delivery.replaceOnly else { return }
        // A user with no calendar yet gets one, as their client would make: an invitation
        // never waits in the inbox alone.
        var target = try await defaultCalendar(tx, userId: delivery.recipientId)
        if target == nil { target = try await createInvitationCalendar(tx, userId: delivery.recipientId, now: now) }
        guard let target, try await tx.lockCalendar(target.id) != nil else { return }
        let revision = try await advanceRevision(tx, calendarId: target.id, now: now)
        try await insertObject(
            tx,
            CalendarObject(
                id: newID(), calendarId: target.id, name: copy.name, uid: delivery.uid, componentType: copy.componentType, ics: copy.ics,
                size: copy.ics.utf8.count, etag: EntityTag.make(revision: revision, content: copy.ics.utf8), firstStart: copy.firstStart,
                lastEnd: copy.lastEnd, bookingId: nil, createdAt: now, updatedAt: now))
        try await logChange(tx, calendarId: target.id, revision: revision, name: copy.name, deleted: false, now: now)
    }

    /// A booking is the expert's event with the booker as attendee: when the booker is a user
    /// of this server, its latest change reaches their inbox and their calendar too, in the
    /// transaction of the change (a cancellation only updates a copy they still have).
    static func deliverToLocalBooker(_ tx: PostgresTransaction, bookingId: String, now: Date) async throws {
        guard
            let booking = try await tx.row("SELECT \(unescaped: BookingRow.columns()) FROM bookings WHERE id = \(bookingId)")
                .map(BookingRow.decode),
            let booker = try await tx.row(
                "SELECT id FROM users WHERE lower(email) = lower(\(booking.attendee.email)) ORDER BY created_at, id LIMIT 1"
            )?.decode(String.self),
            booker != booking.userId,
            let expert = try await tx.row("SELECT display_name, email FROM users WHERE id = \(booking.userId)")
        else { return }
        let (expertName, expertEmail) = try expert.decode((String, String).self)
        let title =
            try await tx.row("SELECT title FROM event_types WHERE id = \(booking.eventTypeId) AND user_id = \(booking.userId)")?
            .decode(String.self) ?? ""
        let object = BookingCalendarEvent.render(booking, eventTypeTitle: title, expertName: expertName, expertEmail: expertEmail)
        let message = BookingCalendarEvent.message(booking, eventTypeTitle: title, expertName: expertName, expertEmail: expertEmail)
        let method = BookingCalendarEvent.method(booking)
        let copy = NewCalendarObject(
            name: BookingCalendarEvent.objectName(for: booking), uid: booking.uid, componentType: "VEVENT", ics: object, firstStart: booking.start,
            lastEnd: booking.end)
        try await deliver(
            tx,
            SchedulingDelivery(
                recipientId: booker, uid: booking.uid, method: method, message: message, copy: copy, replaceOnly: method == "CANCEL"),
            now: now)
    }

    /// `calendar` ("Calendar"), or nil when the user has calendars (none taking events) or the
    /// name is taken by a plain collection. The caller holds the user's expert lock.
    static func createInvitationCalendar(_ tx: PostgresTransaction, userId: String, now: Date) async throws -> CalendarCollection? {
        guard try await tx.row("SELECT 1 FROM calendars WHERE user_id = \(userId) LIMIT 1") == nil,
            (try? await checkTopLevelFree(tx, "calendar", userId: userId)) != nil
        else { return nil }
        let record = CalendarRecord(NewCalendar(slug: "calendar", displayName: "Calendar"), id: newID(), userId: userId, now: now)
        // A calendar a client made meanwhile (calendars are made outside the expert lock) wins.
        let inserted = try await tx.execute(
            """
            INSERT INTO calendars
              (id, user_id, schedule_id, slug, display_name, description, color, calendar_order, timezone, components, sync_revision,
               created_at, updated_at)
            VALUES (\(record.id), \(record.userId), NULL, \(record.slug), \(record.displayName), \(record.description), \(record.color),
              \(record.calendarOrder), \(record.timezone), \(record.components), 0, \(now), \(now))
            ON CONFLICT (user_id, slug) DO NOTHING
            """)
        guard inserted > 0 else { return nil }
        return try await storedCollection(tx, id: record.id)
    }

    /// The user's objects with this UID, in the order of their calendars.
    static func objects(_ tx: PostgresTransaction, uid: String, userId: String) async throws -> [CalendarObject] {
        try await CalendarObjectColumns.fetchAll(
            tx,
            """
            SELECT \(unescaped: CalendarObjectColumns.select(withData: true, table: "o")) FROM calendar_objects o
            JOIN calendars c ON c.id = o.calendar_id WHERE c.user_id = \(userId) AND o.uid = \(uid) ORDER BY c.calendar_order, c.slug COLLATE "C"
            """)
    }

    /// Where invitations land: the first calendar of the user's own that takes events, else the
    /// calendar of their default schedule.
    static func defaultCalendar(_ tx: PostgresTransaction, userId: String) async throws -> CalendarCollection? {
        let calendars = try await tx.rows(
            "SELECT \(unescaped: CalendarRecord.columns) FROM calendars WHERE user_id = \(userId) ORDER BY calendar_order, slug COLLATE \"C\""
        ).map { try CalendarRecord(row: $0).collection }
        if let own = calendars.first(where: { $0.scheduleId == nil && $0.components.contains("VEVENT") }) { return own }
        let defaultSchedule = try await tx.row(
            "SELECT id FROM schedules WHERE user_id = \(userId) ORDER BY is_default DESC, created_at LIMIT 1"
        )?.decode(String.self)
        return calendars.first { $0.scheduleId != nil && $0.scheduleId == defaultSchedule }
    }
}
