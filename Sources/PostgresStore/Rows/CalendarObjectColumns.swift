import Foundation
import PostgresNIO
import Store

/// The columns of a ``CalendarObject`` and how a row of them is read, in one place for every
/// query that returns objects.
enum CalendarObjectColumns {
    /// The select list, each column qualified by `table`; without data, `ics` is an empty string.
    static func select(withData: Bool, table: String = "calendar_objects") -> String {
        let t = table
        let ics = withData ? "\(t).ics" : "''::text AS ics"
        return """
            \(t).id, \(t).calendar_id, \(t).name, \(t).uid, \(t).component_type, \(ics), \(t).size, \(t).etag, \
            \(t).first_start, \(t).last_end, \(t).booking_id, \(t).created_at, \(t).updated_at
            """
    }

    /// The object of a row selecting ``select(withData:table:)``.
    static func object(_ row: PostgresRow) throws -> CalendarObject {
        let (id, calendarId, name, uid, componentType, ics, size, etag, firstStart, lastEnd, bookingId, createdAt, updatedAt) = try row.decode(
            (String, String, String, String, String, String, Int, String, Date?, Date?, String?, Date, Date).self)
        return CalendarObject(
            id: id, calendarId: calendarId, name: name, uid: uid, componentType: componentType, ics: ics, size: size, etag: etag,
            firstStart: firstStart, lastEnd: lastEnd, bookingId: bookingId, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// The objects of a query selecting ``select(withData:table:)``.
    static func fetchAll(_ tx: PostgresTransaction, _ query: PostgresQuery) async throws -> [CalendarObject] {
        try await tx.rows(query).map(object)
    }

    static func fetchOne(_ tx: PostgresTransaction, _ query: PostgresQuery) async throws -> CalendarObject? {
        try await tx.row(query).map(object)
    }
}
