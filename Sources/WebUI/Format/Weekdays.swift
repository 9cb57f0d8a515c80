import Foundation
import ICalendar

/// The week as forms and summaries walk it: Monday first, with the spec's lower-case names.
enum Weekdays {
    static let keys = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// `key` of an ICalendar weekday.
    static func key(_ weekday: Weekday) -> String {
        switch weekday {
        case .monday: return "monday"
        case .tuesday: return "tuesday"
        case .wednesday: return "wednesday"
        case .thursday: return "thursday"
        case .friday: return "friday"
        case .saturday: return "saturday"
        case .sunday: return "sunday"
        }
    }
}

/// Times and dates in the page's language: 24-hour in Portuguese, 12-hour in English;
/// weekday and month names from the catalog.
struct TextFormat: Sendable {
    let catalog: Catalog

    /// A moment as the date and time in `zone` ("Monday, December 7, 2026 8:19 PM").
    func moment(_ date: Date, zone: ZoneRules) -> String {
        let local = zone.local(for: Instant(date))
        return "\(longDate(local.date)) \(time(hour: local.hour, minute: local.minute))"
    }

    /// `"09:00"` → "9:00 AM" (English) or "09:00" (Portuguese); `"24:00"` is midnight at the end of the day.
    func time(_ text: String) -> String {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return text }
        return time(hour: parts[0], minute: parts[1])
    }

    func time(hour: Int, minute: Int) -> String {
        let minuteText = minute < 10 ? "0\(minute)" : "\(minute)"
        if catalog.language.uses24HourClock { return (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + minuteText }
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return "\(twelve):\(minuteText) " + (hour % 24 < 12 ? "AM" : "PM")
    }

    /// "Tuesday, December 24, 2026" / "terça-feira, 24 de dezembro de 2026".
    func longDate(_ date: CalendarDate) -> String {
        catalog.format(
            "format_long_date",
            [
                "weekday": catalog["day_" + Weekdays.key(date.weekday)], "day": String(date.day), "month": catalog["month_\(date.month)"],
                "year": String(date.year),
            ])
    }

    /// "December 2026" / "dezembro de 2026".
    func monthTitle(year: Int, month: Int) -> String {
        catalog.format("format_month_title", ["month": catalog["month_\(month)"], "year": String(year)])
    }
}
