import Foundation
import ICalendar

/// Dates in the forms DAV properties and headers use.
enum HTTPDate {
    private static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`: `getlastmodified`, `Last-Modified`.
    static func imf(_ date: Date) -> String {
        let utc = Instant(date).utc
        let weekday = days[(utc.date.dayNumber % 7 + 7 + 3) % 7]
        return
            "\(weekday), \(pad(utc.date.day)) \(months[utc.date.month - 1]) \(utc.date.year) \(pad(utc.hour)):\(pad(utc.minute)):\(pad(utc.second)) GMT"
    }

    /// RFC 3339 (`creationdate`, RFC 4918 §15.1).
    static func rfc3339(_ date: Date) -> String { Instant(date).description }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
