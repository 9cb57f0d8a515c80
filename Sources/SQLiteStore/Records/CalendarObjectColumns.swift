import Foundation
import GRDB
import Store

/// The columns of a ``CalendarObject`` and how a row of them is read, in one place for every
/// query that returns objects.
enum CalendarObjectColumns {
    /// The select list, each column qualified by `table`; without data, `ics` is an empty string.
    static func select(withData: Bool, table: String = "calendar_objects") -> String {
        let t = table
        let ics = withData ? "\(t).ics" : "'' AS ics"
        return """
            \(t).id, \(t).calendar_id, \(t).name, \(t).uid, \(t).component_type, \(ics), \(t).size, \(t).etag, \
            \(t).first_start, \(t).last_end, \(t).booking_id, \(t).created_at, \(t).updated_at
            """
    }

    /// The objects of a query selecting ``select(withData:table:)``.
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [CalendarObject] {
        var objects: [CalendarObject] = []
        try RawColumns.forEachRow(db.cachedStatement(sql: sql), arguments: arguments) { objects.append(object($0)) }
        return objects
    }

    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments) throws -> CalendarObject? {
        var found: CalendarObject?
        try RawColumns.forEachRow(db.cachedStatement(sql: sql), arguments: arguments) { row in
            if found == nil { found = object(row) }
        }
        return found
    }

    private static func object(_ row: RawColumns) -> CalendarObject {
        let epoch = Date(timeIntervalSince1970: 0)
        return CalendarObject(
            id: row.text(0), calendarId: row.text(1), name: row.text(2), uid: row.text(3), componentType: row.text(4), ics: row.text(5),
            size: row.integer(6), etag: row.text(7), firstStart: row.date(8), lastEnd: row.date(9), bookingId: row.optionalText(10),
            createdAt: row.date(11) ?? epoch, updatedAt: row.date(12) ?? epoch)
    }
}
