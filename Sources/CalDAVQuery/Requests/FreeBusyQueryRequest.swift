public import DAVXML
public import ICalendar

/// A `CALDAV:free-busy-query` REPORT body (RFC 4791 §7.10, §9.11): one closed time range.
public struct FreeBusyQueryRequest: Hashable, Sendable {
    public var window: Range<Instant>

    public init(window: Range<Instant>) {
        self.window = window
    }

    /// Reads a `<C:free-busy-query>` element; its one `<C:time-range>` needs start and end.
    public init(element: XMLElement) throws(CalDAVQueryError) {
        guard element.name == XMLName.CalDAV.freeBusyQuery else {
            throw .badRequest("expected free-busy-query, found \(element.name.local)")
        }
        let ranges = element.all(XMLName.CalDAV.timeRange)
        guard ranges.count == 1, let range = ranges.first else {
            throw .invalidTimeRange("free-busy-query needs exactly one time-range, found \(ranges.count)")
        }
        let timeRange = try TimeRange(element: range, requireBoth: true, failure: CalDAVQueryError.invalidTimeRange)
        self.init(window: timeRange.closedWindow)
    }
}
