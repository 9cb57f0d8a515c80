import Availability
import Foundation
import GRDB
public import Store

/// Bookings by owner: the calendar view's query and one lookup. Another user's booking is
/// `nil` (the API's 404), never an error that would say it exists.
extension SQLiteDatabase: BookingStore {
    /// The user's bookings that match every given filter, by start time.
    ///
    /// `from`/`to` select bookings that overlap the window (`start < to` and `end > from`), so a
    /// booking that began before `from` and is still running appears in the view; either bound
    /// may be omitted.
    public func bookings(ownedBy userId: String, matching query: BookingQuery) async throws -> [Booking] {
        try await pool.read { db in
            var request = Self.filtered(userId: userId, query)
            request =
                query.newestFirst
                ? request.order(BookingRecord.Columns.startAt.desc, BookingRecord.Columns.id.desc)
                : request.order(BookingRecord.Columns.startAt, BookingRecord.Columns.id)
            if let limit = query.limit { request = request.limit(limit, offset: max(0, query.offset)) }
            return try request.fetchAll(db).map { try $0.booking() }
        }
    }

    public func bookingCount(ownedBy userId: String, matching query: BookingQuery) async throws -> Int {
        try await pool.read { db in try Self.filtered(userId: userId, query).fetchCount(db) }
    }

    /// The bookings of `userId` that `query` selects, unordered and unpaged.
    static func filtered(userId: String, _ query: BookingQuery) -> QueryInterfaceRequest<BookingRecord> {
        var request = BookingRecord.filter(BookingRecord.Columns.userId == userId)
        if let from = query.from { request = request.filter(BookingRecord.Columns.endAt > from) }
        if let to = query.to { request = request.filter(BookingRecord.Columns.startAt < to) }
        if let status = query.status { request = request.filter(BookingRecord.Columns.status == status.rawValue) }
        if let scheduleId = query.scheduleId { request = request.filter(BookingRecord.Columns.scheduleId == scheduleId) }
        if let eventTypeId = query.eventTypeId { request = request.filter(BookingRecord.Columns.eventTypeId == eventTypeId) }
        if let ids = query.eventTypeIds { request = request.filter(ids.contains(BookingRecord.Columns.eventTypeId)) }
        if let text = query.attendee?.lowercased(), !text.isEmpty {
            // LIKE with its wildcards escaped: the text is matched literally.
            let pattern =
                "%"
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            request = request.filter(
                sql: "(lower(attendee_name) LIKE ? ESCAPE '\\' OR lower(attendee_email) LIKE ? ESCAPE '\\')", arguments: [pattern, pattern])
        }
        return request
    }

    public func booking(id: String, ownedBy userId: String) async throws -> Booking? {
        try await pool.read { db in
            try BookingRecord.filter(BookingRecord.Columns.id == id && BookingRecord.Columns.userId == userId).fetchOne(db)?.booking()
        }
    }

    /// Stores `booking` exactly as given (id, uid, times, status, sequence, timestamps), in one
    /// transaction that also writes its calendar object (`<uid>.ics`, see
    /// ``BookingCalendarEvent``) into the calendar of its schedule, with a new revision, so
    /// CalDAV clients see the booking at their next sync.
    ///
    /// This is the bare insert under the booking flow: it checks only what the data itself
    /// requires (the event type and schedule belong to `booking.userId`, otherwise `notFound`;
    /// `start < end`, otherwise `invalid`; a unique id and uid, also among the objects of the
    /// schedule's calendar, otherwise `conflict`). It does **not** check availability, limits
    /// or double booking: the booking flow will wrap it with those re-checks in the same
    /// transaction. Today it serves imports, demo data and tests.
    public func recordBooking(_ booking: Booking) async throws {
        guard booking.start < booking.end else {
            throw StoreError.invalid([.init(path: "end", message: "must be after start")])
        }
        do {
            try await pool.write { db in
                guard try Self.eventTypeRecord(db, id: booking.eventTypeId, userId: booking.userId) != nil else {
                    throw StoreError.notFound("event type \(booking.eventTypeId)")
                }
                guard try Self.scheduleRecord(db, id: booking.scheduleId, userId: booking.userId) != nil else {
                    throw StoreError.notFound("schedule \(booking.scheduleId)")
                }
                try BookingRecord(booking).insert(db)
                try Self.writeBookingObject(db, booking, now: Date())
            }
        } catch {
            throw StoreError.from(error, conflict: "a booking with id \(booking.id) or uid \(booking.uid) already exists")
        }
    }
}
