import Foundation
import GRDB
import Store

/// Reads `calendar_objects` rows into ``CalendarObject`` by hand: listings of thousands of
/// objects skip Codable, and a listing without data never selects the `ics` column.
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

    /// The object of a row selected with ``select(withData:table:)``.
    static func object(_ row: Row) -> CalendarObject {
        CalendarObject(
            id: row[0], calendarId: row[1], name: row[2], uid: row[3], componentType: row[4], ics: row[5], size: row[6], etag: row[7],
            firstStart: row[8], lastEnd: row[9], bookingId: row[10], createdAt: row[11], updatedAt: row[12])
    }
}
