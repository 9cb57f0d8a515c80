import Foundation
import ICalendar

/// iCalendar texts the tests PUT, CRLF-terminated as RFC 5545 §3.1 wants.
enum ICS {
    static func lines(_ lines: [String]) -> String { lines.joined(separator: "\r\n") + "\r\n" }

    /// One VEVENT; `start`/`end` in iCalendar UTC form (`20251117T120000Z`). `extra` lines go
    /// inside the VEVENT.
    static func event(
        uid: String, start: String = "20251117T120000Z", end: String = "20251117T130000Z", summary: String = "Dentist", extra: [String] = []
    ) -> String {
        lines(
            ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario Tests//EN", "BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20251101T120000Z"]
                + ["DTSTART:\(start)", "DTEND:\(end)", "SUMMARY:\(summary)"] + extra + ["END:VEVENT", "END:VCALENDAR"])
    }

    static func todo(uid: String) -> String {
        lines([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario Tests//EN", "BEGIN:VTODO", "UID:\(uid)", "DTSTAMP:20251101T120000Z",
            "SUMMARY:Buy milk", "END:VTODO", "END:VCALENDAR",
        ])
    }

    static let newYorkZone = [
        "BEGIN:VTIMEZONE", "TZID:America/New_York",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "DTSTART:20070311T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "DTSTART:20071104T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE",
    ]

    /// A weekly Monday stand-up at 09:00–09:30 New York time, six times from 2024-02-26, across
    /// the start of daylight saving time on 2024-03-10. The instance of 03-11 is excluded
    /// (EXDATE) and that of 03-18 moved to 14:00 local (an override). In UTC the instances are:
    /// 02-26 14:00, 03-04 14:00 (EST, −5), 03-18 18:00 (moved), 03-25 13:00, 04-01 13:00 (EDT, −4).
    static let weeklyStandup = lines(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario Tests//EN"] + newYorkZone + [
            "BEGIN:VEVENT", "UID:standup@tests", "DTSTAMP:20240101T000000Z",
            "DTSTART;TZID=America/New_York:20240226T090000", "DTEND;TZID=America/New_York:20240226T093000",
            "RRULE:FREQ=WEEKLY;COUNT=6", "EXDATE;TZID=America/New_York:20240311T090000", "SUMMARY:Stand-up", "END:VEVENT",
            "BEGIN:VEVENT", "UID:standup@tests", "DTSTAMP:20240101T000000Z", "RECURRENCE-ID;TZID=America/New_York:20240318T090000",
            "DTSTART;TZID=America/New_York:20240318T140000", "DTEND;TZID=America/New_York:20240318T143000", "SUMMARY:Stand-up (moved)",
            "END:VEVENT", "END:VCALENDAR",
        ])

    /// RFC 3339 to Date.
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { preconditionFailure("bad fixture date \(text)") }
        return date
    }

    /// Parses a whole iCalendar text with the project's parser (strict).
    static func parse(_ text: String) throws -> Component { try ICalendarParser.parse(text).calendar }
}
