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
            \(seconds("\(t).first_start")), \(seconds("\(t).last_end")), \(t).booking_id, \(seconds("\(t).created_at")), \
            \(seconds("\(t).updated_at"))
            """
    }

    /// A stored date as seconds since 1970, converted by SQLite: decoding date text in Swift
    /// was a tenth of a 10,000-object listing.
    static func seconds(_ column: String) -> String {
        "(julianday(\(column)) - 2440587.5) * 86400.0"
    }

    /// The object of a row selected with ``select(withData:table:)``.
    static func object(_ row: Row) -> CalendarObject {
        CalendarObject(
            id: row[0], calendarId: row[1], name: row[2], uid: row[3], componentType: row[4], ics: row[5], size: row[6], etag: row[7],
            firstStart: date(row[8]), lastEnd: date(row[9]), bookingId: row[10], createdAt: date(row[11]) ?? Date(timeIntervalSince1970: 0),
            updatedAt: date(row[12]) ?? Date(timeIntervalSince1970: 0))
    }

    /// Seconds rounded to the millisecond GRDB stores, so dates read back equal what was written.
    static func date(_ seconds: Double?) -> Date? {
        seconds.map { Date(timeIntervalSince1970: ($0 * 1000).rounded() / 1000) }
    }
}
