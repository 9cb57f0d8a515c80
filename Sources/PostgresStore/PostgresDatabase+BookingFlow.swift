import Availability
public import Foundation
import ICalendar
import PostgresNIO
public import Store

/// The booking flow's writes. Instances write in parallel, so each write takes the expert's
/// transaction lock first: busy time re-read after it cannot change before the commit, and two
/// requests for one slot give one booking and one refusal, on any instances. The
/// `bookings_no_overlap` constraint backs the lock up.
extension PostgresDatabase: BookingFlowStore {
    public func bookable(username: String, slug: String) async throws -> (expert: User, eventType: EventType, schedule: StoredSchedule)? {
        try await read { tx in
            guard let expert = try await Self.user(tx, username: username),
                let eventType = try await tx.row(
                    "SELECT \(unescaped: EventTypeRow.columns) FROM event_types WHERE user_id = \(expert.id) AND slug = \(slug)"
                ).map(EventTypeRow.decode),
                let schedule = try await tx.row(
                    "SELECT \(unescaped: ScheduleRow.columns) FROM schedules WHERE id = \(eventType.scheduleId) AND user_id = \(expert.id)"
                ).map(ScheduleRow.decode)
            else { return nil }
            return (expert, eventType, schedule)
        }
    }

    public func busySnapshot(ownedBy userId: String, windows: BusyWindows, excluding bookingId: String?) async throws -> BusySnapshot {
        try await read { tx in try await Self.busySnapshot(tx, userId: userId, windows: windows, excluding: bookingId) }
    }

    public func createBooking(
        _ request: BookingRequest, windows: BusyWindows, recheck: @Sendable (BusySnapshot) throws -> Void
    ) async throws -> BookingCreation {
        guard request.booking.start < request.booking.end else {
            throw StoreError.invalid([.init(path: "end", message: "must be after start")])
        }
        do {
            return try await insertBooking(request, windows: windows, recheck: recheck)
        } catch is IdempotencyRace {
            // The key's first booking committed after this one looked: under the lock again,
            // the lookup finds it and this request replays it.
            return try await insertBooking(request, windows: windows, recheck: recheck)
        }
    }

    /// One try of ``createBooking(_:windows:recheck:)``, in the order the lock requires:
    /// expert lock, idempotency lookup, busy time and re-check, overlap, insert, object, history.
    private func insertBooking(
        _ request: BookingRequest, windows: BusyWindows, recheck: @Sendable (BusySnapshot) throws -> Void
    ) async throws -> BookingCreation {
        let booking = request.booking
        return try await write { tx in
            try await tx.lockExpert(booking.userId)
            if let key = request.idempotencyKey, let earlier = try await Self.booking(tx, eventTypeId: booking.eventTypeId, idempotencyKey: key) {
                guard Instant(earlier.start) == Instant(booking.start), earlier.attendee.email.lowercased() == booking.attendee.email.lowercased()
                else {
                    throw StoreError.invalid([.init(path: "Idempotency-Key", message: "was already used for another booking request")])
                }
                // The booker's token stays theirs: a replay issues, rotates and reveals none.
                return .replayed(earlier)
            }
            try recheck(try await Self.busySnapshot(tx, userId: booking.userId, windows: windows, excluding: nil))
            try await Self.refuseOverlap(tx, userId: booking.userId, excluding: nil, start: booking.start, end: booking.end)
            // The event type, schedule and calendar are checked by writeBookingObject, which throws before the commit.
            do {
                try await BookingRow.insert(tx, booking, request: request)
            } catch  where PostgresFailure.constraint(error) == "bookings_idempotency" {
                throw IdempotencyRace()
            }
            try await Self.writeBookingObject(tx, booking, now: booking.createdAt, readBack: false)
            try await Self.recordChange(
                tx, bookingId: booking.id, action: .created, actor: .booker, at: booking.createdAt, start: booking.start, end: booking.end)
            return .created(booking)
        }
    }

    public func cancelBooking(id: String, ownedBy userId: String, reason: String?, now: Date, by actor: BookingActor) async throws -> Booking {
        try await write { tx in
            try await tx.lockExpert(userId)
            guard let current = try await Self.bookingRecord(tx, id: id, userId: userId) else { throw StoreError.notFound("booking \(id)") }
            guard current.status == .confirmed else { return current }
            try await tx.execute(
                """
                UPDATE bookings SET status = 'cancelled', cancellation_reason = \(reason), sequence = sequence + 1, updated_at = \(now)
                WHERE id = \(id)
                """)
            try await Self.removeBookingObject(tx, bookingId: id, now: now)
            let booking = try await Self.requireBooking(tx, id: id)
            try await Self.recordChange(tx, bookingId: id, action: .cancelled, actor: actor, at: now, start: booking.start, end: booking.end)
            return booking
        }
    }

    public func rescheduleBooking(
        id: String, ownedBy userId: String, start: Date, end: Date, now: Date, windows: BusyWindows?,
        recheck: (@Sendable (BusySnapshot) throws -> Void)?, by actor: BookingActor
    ) async throws -> Booking {
        guard start < end else { throw StoreError.invalid([.init(path: "end", message: "must be after start")]) }
        return try await write { tx in
            try await tx.lockExpert(userId)
            guard let current = try await Self.bookingRecord(tx, id: id, userId: userId) else { throw StoreError.notFound("booking \(id)") }
            guard current.status == .confirmed else {
                throw StoreError.conflict("booking \(id) is cancelled; a cancelled booking cannot be rescheduled")
            }
            if let windows, let recheck { try recheck(try await Self.busySnapshot(tx, userId: userId, windows: windows, excluding: id)) }
            try await Self.refuseOverlap(tx, userId: userId, excluding: id, start: start, end: end)
            try await tx.execute(
                "UPDATE bookings SET start_at = \(start), end_at = \(end), sequence = sequence + 1, updated_at = \(now) WHERE id = \(id)")
            try await Self.refreshBookingObject(tx, bookingId: id, now: now, readBack: false)
            try await Self.recordChange(tx, bookingId: id, action: .rescheduled, actor: actor, at: now, start: start, end: end)
            return try await Self.requireBooking(tx, id: id)
        }
    }

    public func bookingHistory(id: String, ownedBy userId: String) async throws -> [BookingChange] {
        try await read { tx in
            guard try await tx.row("SELECT 1 FROM bookings WHERE id = \(id) AND user_id = \(userId)") != nil else {
                throw StoreError.notFound("booking \(id)")
            }
            return try await tx.rows("SELECT action, actor, at, start_at, end_at FROM booking_history WHERE booking_id = \(id) ORDER BY at, id")
                .compactMap { row in
                    let (action, actor, at, start, end) = try row.decode((String, String, Date, Date, Date).self)
                    guard let action = BookingChange.Action(rawValue: action), let actor = BookingActor(rawValue: actor) else { return nil }
                    return BookingChange(action: action, actor: actor, at: at, start: start, end: end)
                }
        }
    }

    public func managedBooking(uid: String) async throws -> (booking: Booking, tokenHash: String?)? {
        try await pointRead { tx in
            guard
                let row = try await tx.row(
                    "SELECT \(unescaped: BookingRow.columns()), management_token_hash FROM bookings WHERE uid = \(uid)")
            else { return nil }
            return (try BookingRow.decode(row), try row.column("management_token_hash", as: String?.self))
        }
    }

    /// Appends a line to the booking's history, in the transaction of the change, and queues
    /// what every change sets off.
    static func recordChange(
        _ tx: PostgresTransaction, bookingId: String, action: BookingChange.Action, actor: BookingActor, at: Date, start: Date, end: Date
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO booking_history (booking_id, action, actor, at, start_at, end_at)
            VALUES (\(bookingId), \(action.rawValue), \(actor.rawValue), \(at), \(start), \(end))
            """)
        // Every change reaches the external calendar the booking is written to, whoever made it.
        try await queueExternalWrite(tx, bookingId: bookingId, now: at)
        // And the booker and the expert hear of it, whoever made it.
        let kind: BookingMessage.Kind = action == .created ? .created : action == .rescheduled ? .rescheduled : .cancelled
        try await queueMessages(tx, bookingId: bookingId, kind: kind, at: at)
        // A booker who is a user here finds it in their scheduling inbox and calendar (RFC 6638).
        try await deliverToLocalBooker(tx, bookingId: bookingId, now: at)
    }

    // MARK: - Helpers

    /// The key's first booking committed between this request's lookup and its insert (the
    /// partial unique index fired). The expert's lock makes this all but impossible, as a key
    /// belongs to one event type and so to one expert; if it happens, the request is run again
    /// and replays that booking.
    struct IdempotencyRace: Error {}

    /// What keeps `userId` busy in `windows`, without booking `bookingId`. Inside a write, call
    /// it after ``PostgresTransaction/lockExpert(_:)``, so it cannot change before the commit.
    static func busySnapshot(
        _ tx: PostgresTransaction, userId: String, windows: BusyWindows, excluding bookingId: String?
    ) async throws
        -> BusySnapshot
    {
        let spans = try await tx.rows(
            """
            SELECT id, uid, event_type_id, start_at, end_at FROM bookings
            WHERE user_id = \(userId) AND start_at < \(windows.bookings.end) AND end_at > \(windows.bookings.start) AND status = 'confirmed'
              AND id IS DISTINCT FROM \(bookingId)
            ORDER BY start_at
            """
        ).map { row in
            let (id, uid, eventTypeId, start, end) = try row.decode((String, String, String, Date, Date).self)
            return BookingSpan(id: id, uid: uid, eventTypeId: eventTypeId, start: start, end: end)
        }
        let events = try await personalObjects(tx, userId: userId, overlapping: windows.events)
        let connections = try await connectionFreshness(tx, userId: userId)
        return BusySnapshot(
            bookings: spans, personalEvents: events,
            externalBusy: connections.isEmpty ? [] : try await listingBusy(tx, connections: connections, window: windows.events),
            connections: connections)
    }

    /// `conflict` when another confirmed booking of the user meets `start..<end`: the rule no
    /// write may break, whatever availability said.
    static func refuseOverlap(_ tx: PostgresTransaction, userId: String, excluding bookingId: String?, start: Date, end: Date) async throws {
        if let other = try await overlappingBooking(tx, userId: userId, excluding: bookingId, start: start, end: end) {
            throw StoreError.conflict(
                "the time overlaps another booking from \(Instant(other.start).description) to \(Instant(other.end).description)")
        }
    }

    /// The first confirmed booking of the user, other than `bookingId`, that meets `start..<end`.
    static func overlappingBooking(
        _ tx: PostgresTransaction, userId: String, excluding bookingId: String?, start: Date, end: Date
    ) async throws -> (start: Date, end: Date)? {
        guard
            let row = try await tx.row(
                """
                SELECT start_at, end_at FROM bookings
                WHERE user_id = \(userId) AND status = 'confirmed' AND id IS DISTINCT FROM \(bookingId) AND start_at < \(end) AND end_at > \(start)
                ORDER BY start_at LIMIT 1
                """)
        else { return nil }
        let (otherStart, otherEnd) = try row.decode((Date, Date).self)
        return (otherStart, otherEnd)
    }

    /// The booking an idempotency key of the event type made.
    static func booking(_ tx: PostgresTransaction, eventTypeId: String, idempotencyKey: String) async throws -> Booking? {
        try await tx.row(
            "SELECT \(unescaped: BookingRow.columns()) FROM bookings WHERE event_type_id = \(eventTypeId) AND idempotency_key = \(idempotencyKey)"
        ).map(BookingRow.decode)
    }
}
