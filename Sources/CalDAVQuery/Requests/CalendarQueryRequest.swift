public import DAVXML
public import ICalendar

/// A `CALDAV:calendar-query` REPORT body (RFC 4791 §7.8, §9.5).
public struct CalendarQueryRequest: Sendable {
    public var properties: PropertySelection
    /// What `<C:calendar-data>` asks for, when `properties` lists it.
    public var calendarData: CalendarDataRequest?
    /// The root comp-filter (always VCALENDAR).
    public var filter: CompFilter
    /// The `<C:timezone>` text, a VCALENDAR holding one VTIMEZONE (RFC 4791 §9.8).
    public var timezone: String?
    /// The zone `timezone` defines; it replaces the calendar's `calendar-timezone` for floating
    /// and all-day values. nil when the request has none.
    public var timezoneRules: ZoneRules?

    public init(
        properties: PropertySelection, calendarData: CalendarDataRequest?, filter: CompFilter, timezone: String? = nil,
        timezoneRules: ZoneRules? = nil
    ) {
        self.properties = properties
        self.calendarData = calendarData
        self.filter = filter
        self.timezone = timezone
        self.timezoneRules = timezoneRules
    }

    /// Reads a `<C:calendar-query>` element.
    public init(element: XMLElement) throws(CalDAVQueryError) {
        guard element.name == XMLName.CalDAV.calendarQuery else {
            throw .badRequest("expected calendar-query, found \(element.name.local)")
        }
        let (properties, calendarData) = try PropertySelection.read(from: element)
        guard let filterElement = element.first(XMLName.CalDAV.filter) else {
            throw .invalidFilter("calendar-query needs a filter")
        }
        let filter = try CompFilter(filter: filterElement)
        var timezone: String?
        var rules: ZoneRules?
        if let timezoneElement = element.first(XMLName.CalDAV.timezone) {
            timezone = timezoneElement.text
            rules = try TimeZoneText.rules(from: timezoneElement.text)
        }
        self.init(properties: properties, calendarData: calendarData, filter: filter, timezone: timezone, timezoneRules: rules)
    }
}

/// Reads the VTIMEZONE of a `<C:timezone>` (or `calendar-timezone`) text.
public enum TimeZoneText {
    /// The rules of the one VTIMEZONE in `text`. An IANA TZID uses the system's full
    /// history, as ``TimeZoneResolver`` does for objects.
    /// - Throws: ``CalDAVQueryError/invalidCalendarData(_:)`` unless `text` is a VCALENDAR with
    ///   exactly one VTIMEZONE that can be read (CALDAV:valid-calendar-data, RFC 4791 §7.8).
    public static func rules(from text: String) throws(CalDAVQueryError) -> ZoneRules {
        let parsed: ParsedCalendar
        do {
            parsed = try ICalendarParser.parse(text, mode: .lenient)
        } catch {
            throw .invalidCalendarData("timezone is not iCalendar: \(error)")
        }
        guard let calendar = parsed.components.first(where: { $0.name == "VCALENDAR" }) else {
            throw .invalidCalendarData("timezone must be a VCALENDAR")
        }
        let zones = calendar.components(named: "VTIMEZONE")
        guard zones.count == 1, let zone = zones.first else {
            throw .invalidCalendarData("timezone must hold exactly one VTIMEZONE, found \(zones.count)")
        }
        guard let tzid = zone.property("TZID")?.value.trimmingASCIIWhitespace(), !tzid.isEmpty else {
            throw .invalidCalendarData("the VTIMEZONE of timezone has no TZID")
        }
        do {
            let own = try VTimeZoneRules.rules(from: zone)
            return TimeZoneResolver(definitions: [tzid: own]).rules(for: tzid) ?? own
        } catch {
            throw .invalidCalendarData("the VTIMEZONE \(tzid) cannot be read: \(error)")
        }
    }
}
