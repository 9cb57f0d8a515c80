import DAVXML
import Foundation
import ICalendar

@testable import CalDAVQuery

/// Small builders shared by the CalDAVQuery tests: real parsers, no mocks.
enum QueryTestSupport {
    /// Parses a VCALENDAR around `body` (components, one content line per line).
    static func calendar(_ body: String) throws -> Component {
        try ICalendarParser.parse(text(body), mode: .lenient).calendar
    }

    /// The iCalendar text of a VCALENDAR around `body`, with CRLF line ends.
    static func text(_ body: String) -> String {
        ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Horario//tests//EN\n" + body + "\nEND:VCALENDAR\n")
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// Parses an XML request body with the real DAVXML parser; the tests' bodies are well formed.
    static func xml(_ text: String) -> XMLElement {
        try! DAVXMLParser.parse(Array(text.utf8))
    }

    /// `YYYYMMDDTHHMMSSZ` as an instant.
    static func utc(_ text: String) -> Instant {
        guard let instant = TimeRange.parseUTC(text) else { fatalError("bad UTC time \(text)") }
        return instant
    }

    static func range(_ start: String?, _ end: String?) -> TimeRange {
        TimeRange(start: start.map(utc), end: end.map(utc))
    }

    static func window(_ start: String, _ end: String) -> Range<Instant> { utc(start)..<utc(end) }

    /// A filter `VCALENDAR > name` with a time range and nothing else.
    static func timeRangeFilter(_ name: String, _ start: String?, _ end: String?) -> CompFilter {
        CompFilter(name: "VCALENDAR", compFilters: [CompFilter(name: name, timeRange: range(start, end))])
    }

    /// Reads a calendar-query body whose filter is `filterXML` (the inside of `<C:filter>`).
    static func query(filter filterXML: String, prop: String = "<D:getetag/>", extra: String = "") throws(CalDAVQueryError) -> CalendarQueryRequest {
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop>\(prop)</D:prop>
              <C:filter>\(filterXML)</C:filter>
              \(extra)
            </C:calendar-query>
            """
        return try CalendarQueryRequest(element: xml(body))
    }

    /// The CalDAVQueryError a throwing expression throws, or nil.
    static func error<T>(_ body: () throws -> T) -> CalDAVQueryError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? CalDAVQueryError
        }
    }

    static let newYork = ZoneRules.iana("America/New_York")!
    static let saoPaulo = ZoneRules.iana("America/Sao_Paulo")!
    static let tokyo = ZoneRules.iana("Asia/Tokyo")!
}
