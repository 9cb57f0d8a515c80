import Foundation
import ICalendar

/// The date-times of the API's query parameters and bodies.
enum RFC3339 {
    /// RFC 3339 `date-time` (§5.6), `Z` or an offset; fractional seconds are read and
    /// dropped (the API's times are whole seconds). A byte parser: a formatter costs tens of
    /// microseconds to make, on every request.
    static func date(_ text: String) -> Date? {
        Instant(rfc3339: text)?.date
    }
}
