public import Foundation
public import ICalendar

/// What a PUT needs to know about a calendar object resource (RFC 4791 §4.1, §5.3.2): it
/// is valid, its UID and component type, and the span its instances cover, which the store
/// indexes so time-range queries parse only the objects that can match.
public struct CalendarObjectFacts: Sendable {
    /// The parsed VCALENDAR.
    public var calendar: Component
    public var uid: String
    /// `VEVENT`, `VTODO`, `VJOURNAL`, `VFREEBUSY` or `VAVAILABILITY`.
    public var componentType: String
    /// The earliest time any instance can match a time range; nil = unbounded.
    public var firstStart: Date?
    /// The latest time any instance can match a time range; nil = unbounded (an endless
    /// recurrence, or a to-do RFC 4791 §9.9 matches with every later range).
    public var lastEnd: Date?
    /// The master's first instance, for objects that show bookings.
    public var eventStart: Date?
    public var eventEnd: Date?

    /// Floating and all-day times are widened by this much on each side, so that whatever
    /// zone a query reads them in (UTC-12 to UTC+14), the indexed span covers them.
    public static let floatingMargin: Int64 = 14 * 3600

    /// Parses `text` leniently, as real clients need, then validates it (including
    /// ``CalendarObjectRules``).
    /// - Throws: ``CalDAVQueryError/invalidCalendarData(_:)`` (not iCalendar, no VCALENDAR, a
    ///   VEVENT without DTSTART), ``CalDAVQueryError/invalidObjectResource(_:)`` (several
    ///   VCALENDARs, component types or UIDs, no UID, METHOD),
    ///   ``CalDAVQueryError/unsupportedComponent(_:)``.
    public static func read(_ text: String) throws(CalDAVQueryError) -> CalendarObjectFacts {
        let parsed: ParsedCalendar
        do {
            parsed = try ICalendarParser.parse(text, mode: .lenient)
        } catch {
            throw .invalidCalendarData("not iCalendar: \(error)")
        }
        try CalendarObjectRules.check(parsed)
        let calendars = parsed.components.filter { $0.name == "VCALENDAR" }
        guard let calendar = calendars.first else { throw .invalidCalendarData("the body is not a VCALENDAR") }
        guard calendars.count == 1 else { throw .invalidObjectResource("a calendar object holds one VCALENDAR, found \(calendars.count)") }
        return try CalendarObjectFacts(calendar: calendar)
    }

    /// Validates an already parsed VCALENDAR and reads its facts.
    public init(calendar: Component) throws(CalDAVQueryError) {
        guard calendar.name == "VCALENDAR" else { throw .invalidCalendarData("expected VCALENDAR, found \(calendar.name)") }
        if calendar.property("METHOD") != nil {
            throw .invalidObjectResource("a calendar object resource must not have METHOD (RFC 4791 §4.1)")
        }
        // VTIMEZONEs travel with any object; X- components are extensions nobody queries.
        let members = calendar.components.filter { $0.name != "VTIMEZONE" && !$0.name.hasPrefix("X-") }
        guard let first = members.first else { throw .invalidObjectResource("the VCALENDAR holds no calendar component") }
        let type = first.name
        if let other = members.first(where: { $0.name != type }) {
            throw .invalidObjectResource("a calendar object holds one component type, found \(type) and \(other.name)")
        }
        guard CalendarObjectFacts.supportedTypes.contains(type) else {
            throw .unsupportedComponent("\(type) is not a component calendars hold")
        }
        var uid: String?
        for member in members {
            guard let value = member.property("UID")?.text.trimmingASCIIWhitespace(), !value.isEmpty else {
                throw .invalidObjectResource("\(type) has no UID")
            }
            if let uid, uid != value { throw .invalidObjectResource("all components need the same UID, found \"\(uid)\" and \"\(value)\"") }
            uid = value
            if type == "VEVENT" {
                guard let start = member.property("DTSTART") else { throw .invalidCalendarData("VEVENT \(value) has no DTSTART") }
                guard (try? start.dateOrDateTime()) != nil else { throw .invalidCalendarData("VEVENT \(value) has an unreadable DTSTART") }
            }
        }
        self.calendar = calendar
        self.uid = uid ?? ""
        self.componentType = type
        let timeline = ObjectTimeline(calendar: calendar, floatingZone: .utc)
        var span = ObjectSpan()
        span.add(timeline)
        firstStart = span.firstStart?.date
        lastEnd = span.lastEnd?.date
        let master = timeline.groups.first?.components.first { $0.property("RECURRENCE-ID") == nil }
        if let master, master.property("DTSTART") != nil,
            let instance = InstanceExpander.instances(
                of: [master], resolver: timeline.resolver, window: TimeRange.farPast..<TimeRange.farFuture, limit: 1
            ).first
        {
            eventStart = instance.start.date
            eventEnd = instance.end.date
        }
    }

    static let supportedTypes: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"]
}
