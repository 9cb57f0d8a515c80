import Availability
public import Foundation
import GRDB
import ICalendar
public import Store

/// The booking flow's writes. SQLite has one writer, and `pool.write` serializes every write
/// of this process, so busy time re-read inside the transaction cannot change before the
/// insert: two requests for one slot give one booking and one refusal, however they race.
extension SQLiteDatabase: BookingFlowStore {
    public func bookable(username: String, slug: String) async throws -> (expert: User, eventType: EventType, schedule: StoredSchedule)? {
        try await pool.read { db in
            guard let expert = try UserRecord.filter(UserRecord.Columns.username == username).fetchOne(db)?.user,
                let eventType = try EventTypeRecord.fetchOne(
                    db, sql: "SELECT * FROM event_types WHERE user_id = ? AND slug = ?", arguments: [expert.id, slug])?.eventType(),
                let schedule = try Self.scheduleRecord(db, id: eventType.scheduleId, userId: expert.id)?.stored()
            else { return nil }
            return (expert, eventType, schedule)
        }
    }

    public func busySnapshot(ownedBy userId: String, windows: BusyWindows, excluding bookingId: String?) async throws -> BusySnapshot {
        try await pool.read { db in try Self.busySnapshot(db, userId: userId, windows: windows, excluding: bookingId) }
    }

    public func createBooking(
        _ request: BookingRequest, windows: BusyWindows, recheck: @Sendable (BusySnapshot) throws -> Void
    ) async throws -> BookingCreation {
        let booking = request.booking
        guard booking.start < booking.end else { throw StoreError.invalid([.init(path: "end", message: "must be after start")]) }
        return try await pool.write { db in
            if let key = request.idempotencyKey, let earlier = try Self.booking(db, eventTypeId: booking.eventTypeId, idempotencyKey: key) {
                guard Instant(earlier.start) == Instant(booking.start), earlier.attendee.email.lowercased() == booking.attendee.email.lowercased()
                else {
                    throw StoreError.invalid([.init(path: "Idempotency-Key", message: "was already used for another booking request")])
                }
                // The booker's token stays theirs: a replay issues, rotates and reveals none.
                return .replayed(earlier)
            }
            try recheck(Self.busySnapshot(db, userId: booking.userId, windows: windows, excluding: nil))
            try Self.refuseOverlap(db, userId: booking.userId, excluding: nil, start: booking.start, end: booking.end)
            // The event type, schedule and calendar are checked by writeBookingObject, which throws before the commit.
            try BookingRecord(booking).insert(db)
            try db.execute(
                sql: "UPDATE bookings SET management_token_hash = ?, idempotency_key = ?, management_token_sealed = ? WHERE id = ?",
                arguments: [request.managementTokenHash, request.idempotencyKey, request.sealedManagementToken, booking.id])
            try Self.writeBookingObject(db, booking, now: booking.createdAt, readBack: false)
            try Self.recordChange(
                db, bookingId: booking.id, action: .created, actor: .booker, at: booking.createdAt, start: booking.start, end: booking.end)
            return .created(booking)
        }
    }

    public func cancelBooking(id: String, ownedBy userId: String, reason: String?, now: Date, by actor: BookingActor) async throws -> Booking {
        try await pool.write { db in
            guard let record = try Self.bookingRecord(db, id: id, userId: userId) else { throw StoreError.notFound("booking \(id)") }
            guard record.status == Booking.Status.confirmed.rawValue else { return try record.booking() }
            try db.execute(
                sql: """
                    UPDATE bookings SET status = 'cancelled', cancellation_reason = ?, sequence = sequence + 1, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [reason, now, id])
            try Self.removeBookingObject(db, bookingId: id, now: now)
            let booking = try Self.requireBooking(db, id: id)
            try Self.recordChange(db, bookingId: id, action: .cancelled, actor: actor, at: now, start: booking.start, end: booking.end)
            return booking
        }
    }

    public func rescheduleBooking(
        id: String, ownedBy userId: String, start: Date, end: Date, now: Date, windows: BusyWindows?,
        recheck: (@Sendable (BusySnapshot) throws -> Void)?, by actor: BookingActor
    ) async throws -> Booking {
        guard start < end else { throw StoreError.invalid([.init(path: "end", message: "must be after start")]) }
        return try await pool.write { db in
            guard let record = try Self.bookingRecord(db, id: id, userId: userId) else { throw StoreError.notFound("booking \(id)") }
            guard record.status == Booking.Status.confirmed.rawValue else {
                throw StoreError.conflict("booking \(id) is cancelled; a cancelled booking cannot be rescheduled")
            }
            if let windows, let recheck { try recheck(Self.busySnapshot(db, userId: userId, windows: windows, excluding: id)) }
            try Self.refuseOverlap(db, userId: userId, excluding: id, start: start, end: end)
            try db.execute(
                sql: "UPDATE bookings SET start_at = ?, end_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
                arguments: [start, end, now, id])
            try Self.refreshBookingObject(db, bookingId: id, now: now, readBack: false)
            try Self.recordChange(db, bookingId: id, action: .rescheduled, actor: actor, at: now, start: start, end: end)
            return try Self.requireBooking(db, id: id)
        }
    }

    public func bookingHistory(id: String, ownedBy userId: String) async throws -> [BookingChange] {
        try await pool.read { db in
            guard try Self.bookingRecord(db, id: id, userId: userId) != nil else { throw StoreError.notFound("booking \(id)") }
            return try Row.fetchAll(
                db, sql: "SELECT action, actor, at, start_at, end_at FROM booking_history WHERE booking_id = ? ORDER BY at, rowid", arguments: [id]
            ).compactMap { row in
                guard let action = BookingChange.Action(rawValue: row["action"]), let actor = BookingActor(rawValue: row["actor"]) else { return nil }
                return BookingChange(action: action, actor: actor, at: row["at"], start: row["start_at"], end: row["end_at"])
            }
        }
    }

    /// Appends a line to the booking's history, in the transaction of the change.
    static func recordChange(
        _ db: Database, bookingId: String, action: BookingChange.Action, actor: BookingActor, at: Date, start: Date, end: Date
    )
        throws
    {
        try db.execute(
            sql: "INSERT INTO booking_history (booking_id, action, actor, at, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [bookingId, action.rawValue, actor.rawValue, at, start, end])
        // Every change reaches the external calendar the booking is written to, whoever made it.
        try queueExternalWrite(db, bookingId: bookingId, now: at)
        // And the booker and the expert hear of it, whoever made it.
        let kind: BookingMessage.Kind = action == .created ? .created : action == .rescheduled ? .rescheduled : .cancelled
        try queueMessages(db, bookingId: bookingId, kind: kind, at: at)
        // A booker who is a user here finds it in their scheduling inbox and calendar (RFC 6638).
        try deliverToLocalBooker(db, bookingId: bookingId, now: at)
    }

    public func managedBooking(uid: String) async throws -> (booking: Booking, tokenHash: String?)? {
        try await pool.read { db in
            guard let record = try BookingRecord.filter(Column("uid") == uid).fetchOne(db) else { return nil }
            let hash = try String.fetchOne(db, sql: "SELECT management_token_hash FROM bookings WHERE id = ?", arguments: [record.id])
            return (try record.booking(), hash)
        }
    }

    // MARK: - Helpers

    static func busySnapshot(_ db: Database, userId: String, windows: BusyWindows, excluding bookingId: String?) throws -> BusySnapshot {
        let spans = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, uid, event_type_id, CAST(strftime('%s', start_at) AS INTEGER), CAST(strftime('%s', end_at) AS INTEGER)
                    FROM bookings INDEXED BY bookings_user_start
                    WHERE user_id = ? AND start_at < ? AND end_at > ? AND status = 'confirmed' AND id IS NOT ?
                    ORDER BY start_at
                    """),
            arguments: [userId, windows.bookings.end, windows.bookings.start, bookingId]
        ).map { row in
            // SQLite reads the stored text as epoch seconds: decoding thousands of dates in Swift costs more than the query.
            BookingSpan(
                id: row[0], uid: row[1], eventTypeId: row[2], start: Date(timeIntervalSince1970: TimeInterval(row[3] as Int64)),
                end: Date(timeIntervalSince1970: TimeInterval(row[4] as Int64)))
        }
        let events = try CalendarObjectColumns.fetchAll(db, sql: personalObjectsQuery, arguments: [userId] + overlapArguments(windows.events))
        let connections = try connectionFreshness(db, userId: userId)
        return BusySnapshot(
            bookings: spans, personalEvents: events,
            externalBusy: connections.isEmpty ? [] : try listingBusy(db, connections: connections, window: windows.events),
            connections: connections)
    }

    /// `conflict` when another confirmed booking of the user meets `start..<end`: the rule no
    /// write may break, whatever availability said.
    static func refuseOverlap(_ db: Database, userId: String, excluding bookingId: String?, start: Date, end: Date) throws {
        if let other = try overlappingBooking(db, userId: userId, excluding: bookingId, start: start, end: end) {
            throw StoreError.conflict(
                "the time overlaps another booking from \(Instant(other.start).description) to \(Instant(other.end).description)")
        }
    }

    /// The first confirmed booking of the user, other than `bookingId`, that meets `start..<end`.
    static func overlappingBooking(
        _ db: Database, userId: String, excluding bookingId: String?, start: Date, end: Date
    ) throws -> (
        start: Date, end: Date
    )? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT start_at, end_at FROM bookings
                        WHERE user_id = ? AND status = 'confirmed' AND id IS NOT ? AND start_at < ? AND end_at > ?
                        ORDER BY start_at LIMIT 1
                        """),
                arguments: [userId, bookingId, end, start])
        else { return nil }
        return (row[0], row[1])
    }

    /// Takes a cancelled booking's object out of its calendar, with a tombstone in the sync log
    /// (as a client's DELETE would). A booking whose object a client already deleted has none.
    static func removeBookingObject(_ db: Database, bookingId: String, now: Date) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT calendar_id, name FROM calendar_objects WHERE booking_id = ?", arguments: [bookingId])
        else { return }
        let calendarId: String = row[0]
        let name: String = row[1]
        guard var calendar = try calendarRecord(db, id: calendarId) else { return }
        try db.execute(sql: "DELETE FROM calendar_objects WHERE calendar_id = ? AND name = ?", arguments: [calendarId, name])
        let revision = try advanceRevision(db, &calendar, now: now)
        try logChange(db, calendarId: calendarId, revision: revision, name: name, deleted: true, now: now)
        try deleteDeadProperties(db, userId: calendar.userId, subtree: calendar.slug + "/" + name)
    }

    static func bookingRecord(_ db: Database, id: String, userId: String) throws -> BookingRecord? {
        try BookingRecord.filter(BookingRecord.Columns.id == id && BookingRecord.Columns.userId == userId).fetchOne(db)
    }

    static func requireBooking(_ db: Database, id: String) throws -> Booking {
        guard let record = try BookingRecord.fetchOne(db, key: id) else { throw StoreError.notFound("booking \(id)") }
        return try record.booking()
    }

    static func booking(_ db: Database, eventTypeId: String, idempotencyKey: String) throws -> Booking? {
        try BookingRecord.filter(sql: "event_type_id = ? AND idempotency_key = ?", arguments: [eventTypeId, idempotencyKey]).fetchOne(db)?
            .booking()
    }
}
