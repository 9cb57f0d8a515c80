import Availability
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

    /// `text` as a date-time, or nil with a problem at `path` appended to `issues` (the 422 the
    /// API answers for every bad time, in a body or a query).
    static func date(_ text: String, path: String, issues: inout [ValidationIssue]) -> Date? {
        guard let date = date(text) else {
            issues.append(ValidationIssue(path: path, message: "\"\(text)\" is not an RFC 3339 date-time (e.g. 2025-11-12T09:00:00Z)"))
            return nil
        }
        return date
    }
}
