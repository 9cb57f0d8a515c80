public import Foundation
import GRDB
public import Store

/// Scheduling inboxes and deliveries (RFC 6638): an iTIP message and the recipient's copy of
/// the event are written in one transaction, so an inbox never announces an event the
/// recipient's calendar does not show.
extension SQLiteDatabase: SchedulingStore {
    public func inboxMessages(ownedBy userId: String, withData: Bool) async throws -> [InboxMessage] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT name, uid, method, \(withData ? "ics" : "''"), length(CAST(ics AS BLOB)), etag, created_at
                    FROM scheduling_inbox WHERE user_id = ? ORDER BY created_at, name
                    """,
                arguments: [userId]
            ).map(Self.inboxMessage)
        }
    }

    public func inboxMessage(named name: String, ownedBy userId: String) async throws -> InboxMessage? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT name, uid, method, ics, length(CAST(ics AS BLOB)), etag, created_at
                    FROM scheduling_inbox WHERE user_id = ? AND name = ?
                    """,
                arguments: [userId, name]
            ).map(Self.inboxMessage)
        }
    }

    public func deleteInboxMessage(named name: String, ownedBy userId: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM scheduling_inbox WHERE user_id = ? AND name = ?", arguments: [userId, name])
            guard db.changesCount > 0 else { throw StoreError.notFound("inbox message \(name)") }
        }
    }

    public func calendarObjects(uid: String, ownedBy userId: String) async throws -> [CalendarObject] {
        try await pool.read { db in try Self.objects(db, uid: uid, userId: userId) }
    }

    public func defaultCalendar(ownedBy userId: String) async throws -> CalendarCollection? {
        try await pool.read { db in try Self.defaultCalendar(db, userId: userId) }
    }

    public func deliver(_ delivery: SchedulingDelivery) async throws {
        try await pool.write { db in try Self.deliver(db, delivery, now: Date()) }
    }

    public func queueSchedulingMail(senderId: String, recipients: [String], method: String, uid: String, ics: String) async throws {
        try await pool.write { db in
            let now = Date()
            for recipient in recipients {
                try db.execute(
                    sql: """
                        INSERT INTO scheduling_mail (sender_id, recipient, method, uid, ics, next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [senderId, recipient, method, uid, ics, now, now])
            }
        }
    }

    public func schedulingMailDue(at now: Date, limit: Int) async throws -> [SchedulingMail] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, sender_id, recipient, method, uid, ics, state, attempts, next_attempt_at, last_error, created_at
                    FROM scheduling_mail WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
                    """,
                arguments: [now, limit]
            ).map { row in
                SchedulingMail(
                    id: row[0], senderId: row[1], recipient: row[2], method: row[3], uid: row[4], ics: row[5],
                    state: BookingMessage.State(rawValue: row[6]) ?? .pending, attempts: row[7], nextAttemptAt: row[8], lastError: row[9],
                    createdAt: row[10])
            }
        }
    }

    public func recordSchedulingMail(id: Int64, state: BookingMessage.State, attempts: Int, nextAttemptAt: Date?, lastError: String?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE scheduling_mail SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                arguments: [state.rawValue, attempts, nextAttemptAt, lastError, id])
        }
    }

    // MARK: - Inside a transaction

    /// The inbox row, then the copy: over the recipient's object with the UID (never a
    /// booking's), else new in their default calendar unless `replaceOnly`.
    static func deliver(_ db: Database, _ delivery: SchedulingDelivery, now: Date) throws {
        let existing = try objects(db, uid: delivery.uid, userId: delivery.recipientId).first
        if let expected = delivery.ifMatch, existing?.etag != expected { throw DAVStoreError.preconditionFailed }
        try db.execute(
            sql: """
                INSERT INTO scheduling_inbox (id, user_id, name, uid, method, ics, etag, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                newID(), delivery.recipientId, newID() + ".ics", delivery.uid, delivery.method, delivery.message,
                EntityTag.make(revision: 0, content: delivery.message.utf8), now,
            ])
        guard let copy = delivery.copy else { return }
        if let existing {
            guard existing.bookingId == nil, var calendar = try calendarRecord(db, id: existing.calendarId) else { return }
            let revision = try advanceRevision(db, &calendar, now: now)
            let replaced = existing.replacingContent(with: copy, revision: revision)
            try replaceObjectText(db, replaced, now: now)
            try logChange(db, calendarId: calendar.id, revision: revision, name: existing.name, deleted: false, now: now)
            return
        }
        guard !delivery.replaceOnly else { return }
        // A user with no calendar yet gets one, as their client would make: an invitation
        // never waits in the inbox alone.
        let target = try defaultCalendar(db, userId: delivery.recipientId) ?? createInvitationCalendar(db, userId: delivery.recipientId, now: now)
        guard let target, var calendar = try calendarRecord(db, id: target.id) else { return }
        let revision = try advanceRevision(db, &calendar, now: now)
        try insertObject(
            db,
            CalendarObject(
                id: newID(), calendarId: calendar.id, name: copy.name, uid: delivery.uid, componentType: copy.componentType, ics: copy.ics,
                size: copy.ics.utf8.count, etag: EntityTag.make(revision: revision, content: copy.ics.utf8), firstStart: copy.firstStart,
                lastEnd: copy.lastEnd, bookingId: nil, createdAt: now, updatedAt: now))
        try logChange(db, calendarId: calendar.id, revision: revision, name: copy.name, deleted: false, now: now)
    }

    /// A booking is the expert's event with the booker as attendee: when the booker is a user
    /// of this server, its latest change reaches their inbox and their calendar too, in the
    /// transaction of the change (a cancellation only updates a copy they still have).
    static func deliverToLocalBooker(_ db: Database, bookingId: String, now: Date) throws {
        guard let booking = try BookingRecord.fetchOne(db, key: bookingId)?.booking(),
            let booker = try UserRecord.filter(sql: "email = ? COLLATE NOCASE", arguments: [booking.attendee.email]).fetchOne(db),
            booker.id != booking.userId, let expert = try UserRecord.fetchOne(db, key: booking.userId)
        else { return }
        let title = try eventTypeRecord(db, id: booking.eventTypeId, userId: booking.userId)?.title ?? ""
        let object = BookingCalendarEvent.render(booking, eventTypeTitle: title, expertName: expert.displayName, expertEmail: expert.email)
        let message = BookingCalendarEvent.message(booking, eventTypeTitle: title, expertName: expert.displayName, expertEmail: expert.email)
        let method = BookingCalendarEvent.method(booking)
        let copy = NewCalendarObject(
            name: BookingCalendarEvent.objectName(for: booking), uid: booking.uid, componentType: "VEVENT", ics: object, firstStart: booking.start,
            lastEnd: booking.end)
        try deliver(
            db,
            SchedulingDelivery(
                recipientId: booker.id, uid: booking.uid, method: method, message: message, copy: copy, replaceOnly: method == "CANCEL"),
            now: now)
    }

    /// `calendar` ("Calendar"), or nil when the user has calendars (none taking events) or the
    /// name is taken by a plain collection.
    static func createInvitationCalendar(_ db: Database, userId: String, now: Date) throws -> CalendarCollection? {
        guard try CalendarRecord.filter(CalendarRecord.Columns.userId == userId).fetchCount(db) == 0,
            (try? checkTopLevelFree(db, "calendar", userId: userId)) != nil
        else { return nil }
        let record = CalendarRecord(NewCalendar(slug: "calendar", displayName: "Calendar"), id: newID(), userId: userId, now: now)
        try record.insert(db)
        return try storedCollection(db, id: record.id)
    }

    static func objects(_ db: Database, uid: String, userId: String) throws -> [CalendarObject] {
        try CalendarObjectColumns.fetchAll(
            db,
            sql: """
                SELECT \(CalendarObjectColumns.select(withData: true, table: "o")) FROM calendar_objects o
                JOIN calendars c ON c.id = o.calendar_id WHERE c.user_id = ? AND o.uid = ? ORDER BY c.calendar_order, c.slug
                """,
            arguments: [userId, uid])
    }

    static func defaultCalendar(_ db: Database, userId: String) throws -> CalendarCollection? {
        let calendars = try CalendarRecord.filter(CalendarRecord.Columns.userId == userId)
            .order(CalendarRecord.Columns.calendarOrder, CalendarRecord.Columns.slug).fetchAll(db).map(\.collection)
        if let own = calendars.first(where: { $0.scheduleId == nil && $0.components.contains("VEVENT") }) { return own }
        let defaultSchedule = try String.fetchOne(
            db, sql: "SELECT id FROM schedules WHERE user_id = ? ORDER BY is_default DESC, created_at LIMIT 1", arguments: [userId])
        return calendars.first { $0.scheduleId != nil && $0.scheduleId == defaultSchedule }
    }

    private static func inboxMessage(_ row: Row) -> InboxMessage {
        InboxMessage(name: row[0], uid: row[1], method: row[2], ics: row[3], size: row[4], etag: row[5], createdAt: row[6])
    }
}
