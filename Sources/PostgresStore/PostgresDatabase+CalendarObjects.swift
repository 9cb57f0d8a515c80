public import Foundation
import PostgresNIO
public import Store

/// Reading calendar objects. Time-range listings (RFC 4791 §9.9) go through the
/// `(calendar_id, first_start, last_end)` index and never parse iCalendar text: an object
/// meets `[start, end)` when `(first_start IS NULL OR first_start < end) AND (last_end IS NULL
/// OR last_end > start)`, NULL meaning unbounded. Names sort by bytes (`COLLATE "C"`), as
/// SQLite's store sorts them, whatever the database's locale.
extension PostgresDatabase {
    public func calendarObjects(in calendarId: String, overlapping interval: DateInterval?, withData: Bool) async throws -> [CalendarObject] {
        try await pointRead { tx in
            guard let interval else {
                return try await CalendarObjectColumns.fetchAll(
                    tx,
                    """
                    SELECT \(unescaped: CalendarObjectColumns.select(withData: withData)) FROM calendar_objects
                    WHERE calendar_id = \(calendarId) ORDER BY name COLLATE "C"
                    """)
            }
            return try await CalendarObjectColumns.fetchAll(tx, Self.timeRangeQuery(calendarId: calendarId, interval: interval, withData: withData))
        }
    }

    /// One statement whatever the number of names (an array parameter has no SQLite-like limit).
    public func calendarObjects(in calendarId: String, named names: [String]) async throws -> [CalendarObject] {
        if names.isEmpty { return [] }
        return try await pointRead { tx in
            try await CalendarObjectColumns.fetchAll(
                tx,
                """
                SELECT \(unescaped: CalendarObjectColumns.select(withData: true)) FROM calendar_objects
                WHERE calendar_id = \(calendarId) AND name = ANY(\(names))
                """)
        }
    }

    public func calendarObject(named name: String, in calendarId: String) async throws -> CalendarObject? {
        try await pointRead { tx in try await Self.calendarObject(tx, named: name, in: calendarId, withData: true) }
    }

    /// The user's own objects (not bookings, in any of their calendars) that meet the interval.
    public func personalObjects(ownedBy userId: String, overlapping interval: DateInterval) async throws -> [CalendarObject] {
        try await pointRead { tx in try await Self.personalObjects(tx, userId: userId, overlapping: interval) }
    }

    // MARK: - Helpers

    static func calendarObject(_ tx: PostgresTransaction, named name: String, in calendarId: String, withData: Bool) async throws -> CalendarObject? {
        try await CalendarObjectColumns.fetchOne(
            tx,
            """
            SELECT \(unescaped: CalendarObjectColumns.select(withData: withData)) FROM calendar_objects
            WHERE calendar_id = \(calendarId) AND name = \(name)
            """)
    }

    /// The expert's own events, busy time for availability: objects of any of their calendars
    /// that are not bookings (bookings count once, as bookings), with data, by start then name.
    static func personalObjects(_ tx: PostgresTransaction, userId: String, overlapping interval: DateInterval) async throws -> [CalendarObject] {
        try await CalendarObjectColumns.fetchAll(
            tx,
            """
            SELECT \(unescaped: CalendarObjectColumns.select(withData: true)) FROM calendars
            JOIN calendar_objects ON calendar_objects.calendar_id = calendars.id
            WHERE calendars.user_id = \(userId) AND calendar_objects.booking_id IS NULL
              AND \(objectsOf: "calendar_objects", overlapping: interval)
            ORDER BY calendar_objects.first_start NULLS FIRST, calendar_objects.name COLLATE "C"
            """)
    }

    /// One calendar's objects that meet an interval, by name.
    static func timeRangeQuery(calendarId: String, interval: DateInterval, withData: Bool) -> PostgresQuery {
        """
        SELECT \(unescaped: CalendarObjectColumns.select(withData: withData)) FROM calendar_objects
        WHERE calendar_id = \(calendarId) AND \(objectsOf: "calendar_objects", overlapping: interval) ORDER BY name COLLATE "C"
        """
    }
}

extension PostgresQuery.StringInterpolation {
    /// Rows of `table` (calendar objects) whose indexed span meets `interval`; NULL bounds are unbounded.
    mutating func appendInterpolation(objectsOf table: String, overlapping interval: DateInterval) {
        appendInterpolation(unescaped: "(\(table).first_start IS NULL OR \(table).first_start < ")
        appendInterpolation(interval.end)
        appendInterpolation(unescaped: ") AND (\(table).last_end IS NULL OR \(table).last_end > ")
        appendInterpolation(interval.start)
        appendInterpolation(unescaped: ")")
    }
}
