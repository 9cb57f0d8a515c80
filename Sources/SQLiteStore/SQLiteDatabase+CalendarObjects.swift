public import Foundation
import GRDB
public import Store

/// Reading calendar objects. Time-range listings (RFC 4791 §9.9) go through the
/// `(calendar_id, first_start, last_end)` index and never parse iCalendar text: an object
/// meets `[start, end)` when `(first_start IS NULL OR first_start < end) AND (last_end IS NULL
/// OR last_end > start)`, NULL meaning unbounded.
extension SQLiteDatabase {
    public func calendarObjects(in calendarId: String, overlapping interval: DateInterval?, withData: Bool) async throws -> [CalendarObject] {
        try await pool.read { db in
            guard let interval else {
                return try CalendarObjectColumns.fetchAll(
                    db, sql: "SELECT \(CalendarObjectColumns.select(withData: withData)) FROM calendar_objects WHERE calendar_id = ? ORDER BY name",
                    arguments: [calendarId])
            }
            return try CalendarObjectColumns.fetchAll(
                db, sql: Self.timeRangeQuery(withData: withData), arguments: [calendarId] + Self.overlapArguments(interval))
        }
    }

    public func calendarObjects(in calendarId: String, named names: [String]) async throws -> [CalendarObject] {
        // Chunks keep each statement well below SQLite's limit on bound variables.
        let chunkSize = 500
        let read: @Sendable (Database) throws -> [CalendarObject] = { db in
            var objects: [CalendarObject] = []
            for start in stride(from: 0, to: names.count, by: chunkSize) {
                let chunk = Array(names[start..<min(start + chunkSize, names.count)])
                let marks = databaseQuestionMarks(count: chunk.count)
                let sql = "SELECT \(CalendarObjectColumns.select(withData: true)) FROM calendar_objects WHERE calendar_id = ? AND name IN (\(marks))"
                objects += try CalendarObjectColumns.fetchAll(db, sql: sql, arguments: [calendarId] + StatementArguments(chunk))
            }
            return objects
        }
        // One statement reads one snapshot by itself; several need a transaction.
        return names.count <= chunkSize ? try pointRead(read) : try await pool.read(read)
    }

    public func calendarObject(named name: String, in calendarId: String) async throws -> CalendarObject? {
        try pointRead { db in try Self.calendarObject(db, named: name, in: calendarId, withData: true) }
    }

    /// The expert's own events: objects of calendars they created (`schedule_id IS NULL`), so
    /// bookings never count twice as busy time.
    public func personalObjects(ownedBy userId: String, overlapping interval: DateInterval) async throws -> [CalendarObject] {
        try await pool.read { db in
            try CalendarObjectColumns.fetchAll(db, sql: Self.personalObjectsQuery, arguments: [userId] + Self.overlapArguments(interval))
        }
    }

    // MARK: - Helpers

    static func calendarObject(_ db: Database, named name: String, in calendarId: String, withData: Bool) throws -> CalendarObject? {
        let sql = "SELECT \(CalendarObjectColumns.select(withData: withData)) FROM calendar_objects WHERE calendar_id = ? AND name = ?"
        return try CalendarObjectColumns.fetchOne(db, sql: sql, arguments: [calendarId, name])
    }

    /// One calendar's objects that meet an interval; bind the calendar id, then ``overlapArguments(_:)``.
    ///
    /// The ORs keep the bounds from being range constraints, so without statistics SQLite may
    /// pick a unique index on `calendar_id` instead and read every row; the time index lets it
    /// test both bounds before it reads a row at all.
    static func timeRangeQuery(withData: Bool) -> String {
        """
        SELECT \(CalendarObjectColumns.select(withData: withData)) FROM calendar_objects INDEXED BY calendar_objects_time
        WHERE calendar_id = ? AND \(overlapCondition("calendar_objects")) ORDER BY name
        """
    }

    /// The user's own objects (not bookings, in any of their calendars) that meet an interval,
    /// through the time index of each calendar; bind the user id, then ``overlapArguments(_:)``.
    static let personalObjectsQuery = """
        SELECT \(CalendarObjectColumns.select(withData: true)) FROM calendars
        JOIN calendar_objects INDEXED BY calendar_objects_time ON calendar_objects.calendar_id = calendars.id
        WHERE calendars.user_id = ? AND calendar_objects.booking_id IS NULL AND \(overlapCondition("calendar_objects"))
        ORDER BY calendar_objects.first_start, calendar_objects.name
        """

    /// Bind ``overlapArguments(_:)``. The unary `+` drops the columns' NUMERIC affinity (they
    /// are declared DATETIME), so SQLite compares the stored text with the bound text as it is
    /// instead of first trying to read the bound text as a number on every row.
    static func overlapCondition(_ table: String) -> String {
        "(\(table).first_start IS NULL OR +\(table).first_start < ?) AND (\(table).last_end IS NULL OR +\(table).last_end > ?)"
    }

    static func overlapArguments(_ interval: DateInterval) -> StatementArguments {
        [interval.end, interval.start]
    }
}
