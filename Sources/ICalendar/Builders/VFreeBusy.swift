/// A VFREEBUSY component (RFC 5545 §3.6.4) as CalDAV free-busy reports and scheduling
/// outbox replies return it (RFC 4791 §7.10, RFC 6638 §5).
public struct VFreeBusy: Hashable, Sendable {
    public var start: Instant
    public var end: Instant
    public var dtstamp: Instant
    public var periods: [FreeBusyPeriod]
    public var uid: String?
    public var organizer: String?
    public var attendee: String?

    /// - Parameter periods: any periods; they are clipped to `[start, end)` and merged.
    public init(
        start: Instant, end: Instant, dtstamp: Instant, periods: [FreeBusyPeriod], uid: String? = nil, organizer: String? = nil,
        attendee: String? = nil
    ) {
        self.start = start
        self.end = end
        self.dtstamp = dtstamp
        self.uid = uid
        self.organizer = organizer
        self.attendee = attendee
        let clipped = periods.compactMap { period -> FreeBusyPeriod? in
            let s = max(period.start, start)
            let e = min(period.end, end)
            return e > s ? FreeBusyPeriod(start: s, end: e, type: period.type) : nil
        }
        self.periods = FreeBusyPeriod.merge(clipped)
    }

    /// The component: one FREEBUSY property per type, periods in UTC `start/end` form.
    public var component: Component {
        var properties: [Property] = []
        if let uid { properties.append(.text("UID", uid)) }
        properties.append(Property(name: "DTSTAMP", value: dtstamp.icalString))
        properties.append(Property(name: "DTSTART", value: start.icalString))
        properties.append(Property(name: "DTEND", value: end.icalString))
        if let organizer { properties.append(Property(name: "ORGANIZER", value: organizer)) }
        if let attendee { properties.append(Property(name: "ATTENDEE", value: attendee)) }
        for type in [FreeBusyType.busy, .busyUnavailable, .busyTentative] {
            let ofType = periods.filter { $0.type == type }
            guard !ofType.isEmpty else { continue }
            let value = ofType.map { $0.start.icalString + "/" + $0.end.icalString }.joined(separator: ",")
            properties.append(Property(name: "FREEBUSY", parameters: [Parameter(name: "FBTYPE", value: type.rawValue)], value: value))
        }
        return Component(name: "VFREEBUSY", properties: properties)
    }

    /// Reads a VFREEBUSY back (periods with an explicit end or a duration, UTC).
    public init(component: Component) throws(ICalendarError) {
        guard component.name == "VFREEBUSY" else {
            throw .structure(line: component.line, message: "expected VFREEBUSY, found \(component.name)")
        }
        func instant(_ name: String) throws(ICalendarError) -> Instant {
            guard let property = component.property(name) else {
                throw .structure(line: component.line, message: "VFREEBUSY has no \(name)")
            }
            guard case .dateTime(let value) = try property.dateOrDateTime(), value.form == .utc else {
                throw .invalidValue(line: property.line, property: name, message: "must be a UTC DATE-TIME")
            }
            return Instant(utc: value.local)
        }
        var periods: [FreeBusyPeriod] = []
        for property in component.properties(named: "FREEBUSY") {
            let type = FreeBusyType(rawValue: property.parameter("FBTYPE")?.uppercased() ?? "BUSY") ?? .busy
            for period in try property.periods() {
                let start = Instant(utc: period.start.local)
                let end: Instant
                switch period.end {
                case .explicit(let value): end = Instant(utc: value.local)
                case .duration(let duration): end = start.adding(seconds: duration.nominalSeconds)
                }
                periods.append(FreeBusyPeriod(start: start, end: end, type: type))
            }
        }
        let dtstamp = component.property("DTSTAMP") == nil ? Instant(secondsSince1970: 0) : try instant("DTSTAMP")
        self.init(
            start: try instant("DTSTART"), end: try instant("DTEND"), dtstamp: dtstamp, periods: periods,
            uid: component.property("UID")?.text, organizer: component.property("ORGANIZER")?.value,
            attendee: component.property("ATTENDEE")?.value)
    }
}
