public import DAVXML

/// A `CALDAV:calendar-multiget` REPORT body (RFC 4791 §7.9, §9.10).
public struct CalendarMultigetRequest: Hashable, Sendable {
    public var properties: PropertySelection
    /// What `<C:calendar-data>` asks for, when `properties` lists it.
    public var calendarData: CalendarDataRequest?
    /// The `DAV:href` values in request order, as sent (surrounding whitespace removed, not
    /// percent-decoded): the caller resolves them against the request URL.
    public var hrefs: [String]

    public init(properties: PropertySelection, calendarData: CalendarDataRequest?, hrefs: [String]) {
        self.properties = properties
        self.calendarData = calendarData
        self.hrefs = hrefs
    }

    /// Reads a `<C:calendar-multiget>` element; it needs at least one `DAV:href`.
    public init(element: XMLElement) throws(CalDAVQueryError) {
        guard element.name == XMLName.CalDAV.calendarMultiget else {
            throw .badRequest("expected calendar-multiget, found \(element.name.local)")
        }
        let (properties, calendarData) = try PropertySelection.read(from: element)
        let hrefs = element.all(XMLName.DAV.href).map { $0.text.trimmingASCIIWhitespace() }
        guard !hrefs.isEmpty else { throw .badRequest("calendar-multiget needs at least one href") }
        self.init(properties: properties, calendarData: calendarData, hrefs: hrefs)
    }
}
