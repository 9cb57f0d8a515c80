import Availability
import Foundation
import PostgresNIO
public import Store

/// Bookings by owner: the calendar view's query and one lookup. Another user's booking is
/// `nil` (the API's 404), never an error that would say it exists.
extension PostgresDatabase: BookingStore {
    /// The user's bookings that match every given filter, by start time.
    ///
    /// `from`/`to` select bookings that overlap the window (`start < to` and `end > from`), so a
    /// booking that began before `from` and is still running appears in the view; either bound
    /// may be omitted.
    public func bookings(ownedBy userId: String, matching query: BookingQuery) async throws -> [Booking] {
        var filter = Self.filtered(userId: userId, query)
        var sql = "SELECT \(BookingRow.columns()) FROM bookings WHERE \(filter.sql)"
        sql += query.newestFirst ? " ORDER BY start_at DESC, id DESC" : " ORDER BY start_at, id"
        if let limit = query.limit {
            sql += " LIMIT \(filter.bind(limit)) OFFSET \(filter.bind(max(0, query.offset)))"
        }
        let statement = PostgresQuery(unsafeSQL: sql, binds: filter.binds)
        return try await pointRead { tx in try await tx.rows(statement).map(BookingRow.decode) }
    }

    public func bookingCount(ownedBy userId: String, matching query: BookingQuery) async throws -> Int {
        let filter = Self.filtered(userId: userId, query)
        let statement = PostgresQuery(unsafeSQL: "SELECT count(*) FROM bookings WHERE \(filter.sql)", binds: filter.binds)
        return try await pointRead { tx in try await tx.row(statement)?.decode(Int.self) ?? 0 }
    }

    public func booking(id: String, ownedBy userId: String) async throws -> Booking? {
        try await pointRead { tx in try await Self.bookingRecord(tx, id: id, userId: userId) }
    }

    /// Stores `booking` exactly as given (id, uid, times, status, sequence, timestamps), in one
    /// transaction that also writes its calendar object (`<uid>.ics`, see
    /// ``BookingCalendarEvent``) into the calendar of its schedule, with a new revision, so
    /// CalDAV clients see the booking at their next sync.
    ///
    /// The bare insert under the booking flow: it checks only what the data requires (the event
    /// type and schedule belong to `booking.userId`, otherwise `notFound`; `start < end`,
    /// otherwise `invalid`; a unique id and uid, also among the objects of the schedule's
    /// calendar, otherwise `conflict`), not availability or limits. The overlap constraint
    /// still refuses a confirmed booking on another. It serves imports, demo data and tests.
    public func recordBooking(_ booking: Booking) async throws {
        guard booking.start < booking.end else {
            throw StoreError.invalid([.init(path: "end", message: "must be after start")])
        }
        try await write { tx in
            do {
                try await tx.lockExpert(booking.userId)
                guard
                    try await tx.row("SELECT 1 FROM event_types WHERE id = \(booking.eventTypeId) AND user_id = \(booking.userId)") != nil
                else { throw StoreError.notFound("event type \(booking.eventTypeId)") }
                guard try await tx.row("SELECT 1 FROM schedules WHERE id = \(booking.scheduleId) AND user_id = \(booking.userId)") != nil
                else { throw StoreError.notFound("schedule \(booking.scheduleId)") }
                try await BookingRow.insert(tx, booking)
                try await Self.writeBookingObject(tx, booking, now: Date(), readBack: false)
            } catch  where PostgresFailure.isUniqueViolation(error) {
                throw StoreError.conflict("a booking with id \(booking.id) or uid \(booking.uid) already exists")
            }
        }
    }

    // MARK: - Helpers

    /// The `WHERE` clause of the bookings of `userId` that `query` selects, unordered and
    /// unpaged, with its bound values.
    static func filtered(userId: String, _ query: BookingQuery) -> BookingFilter {
        var filter = BookingFilter()
        filter.add(userId) { "user_id = \($0)" }
        if let from = query.from { filter.add(from) { "end_at > \($0)" } }
        if let to = query.to { filter.add(to) { "start_at < \($0)" } }
        if let status = query.status { filter.add(status.rawValue) { "status = \($0)" } }
        if let scheduleId = query.scheduleId { filter.add(scheduleId) { "schedule_id = \($0)" } }
        if let eventTypeId = query.eventTypeId { filter.add(eventTypeId) { "event_type_id = \($0)" } }
        if let ids = query.eventTypeIds { filter.add(ids) { "event_type_id = ANY(\($0))" } }
        if let text = query.attendee?.lowercased(), !text.isEmpty {
            // LIKE with its wildcards escaped: the text is matched literally.
            let pattern =
                "%"
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            filter.add(pattern) { "(lower(attendee_name) LIKE \($0) ESCAPE '\\' OR lower(attendee_email) LIKE \($0) ESCAPE '\\')" }
        }
        return filter
    }

    static func bookingRecord(_ tx: PostgresTransaction, id: String, userId: String) async throws -> Booking? {
        try await tx.row("SELECT \(unescaped: BookingRow.columns()) FROM bookings WHERE id = \(id) AND user_id = \(userId)")
            .map(BookingRow.decode)
    }

    static func requireBooking(_ tx: PostgresTransaction, id: String) async throws -> Booking {
        guard let row = try await tx.row("SELECT \(unescaped: BookingRow.columns()) FROM bookings WHERE id = \(id)") else {
            throw StoreError.notFound("booking \(id)")
        }
        return try BookingRow.decode(row)
    }
}

/// A `WHERE` clause built from optional filters: each value is bound as `$n`, never spliced.
struct BookingFilter {
    private(set) var binds = PostgresBindings()
    private var conditions: [String] = []

    var sql: String { conditions.joined(separator: " AND ") }

    /// Binds `value` and adds the condition `condition` makes of its placeholder.
    mutating func add<Value: PostgresDynamicTypeEncodable>(_ value: Value, _ condition: (String) -> String) {
        conditions.append(condition(bind(value)))
    }

    /// Binds `value` and returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }
}
