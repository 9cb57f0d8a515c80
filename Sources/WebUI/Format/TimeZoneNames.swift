import Foundation
import ICalendar

/// The IANA zones offered in the zone fields' searchable list: the system's names that the
/// engine can read (the validator accepts exactly these), sorted.
enum TimeZoneNames {
    static let all: [String] = (TimeZone.knownTimeZoneIdentifiers + ["UTC"])
        .filter { ($0.contains("/") || $0 == "UTC") && ZoneRules.iana($0) != nil }
        .sorted()

    /// The `<datalist id="timezones">` of every zone, rendered once: drawing 600 options through
    /// the template engine on every page that has a zone field cost several milliseconds.
    /// Zone names are ASCII letters, digits and `/ _ - +`: nothing to escape.
    static let datalist: String =
        "<datalist id=\"timezones\">" + all.map { "<option value=\"\($0)\">" }.joined() + "</datalist>"
}
