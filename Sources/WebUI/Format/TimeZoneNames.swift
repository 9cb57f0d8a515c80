import Foundation
import ICalendar

/// The IANA zones offered in the zone fields' searchable list: the system's names that the
/// engine can read (the validator accepts exactly these), sorted.
enum TimeZoneNames {
    static let all: [String] = (TimeZone.knownTimeZoneIdentifiers + ["UTC"])
        .filter { ($0.contains("/") || $0 == "UTC") && ZoneRules.iana($0) != nil }
        .sorted()
}
