/// A VAVAILABILITY component (RFC 7953 §3.1): a span in which time outside the AVAILABLE
/// sub-components is busy of `busyType`. Schedules are exported in this form.
public struct VAvailability: Hashable, Sendable {
    public var uid: String
    public var dtstamp: Instant
    /// Bounds of the availability; nil means unbounded on that side.
    public var start: DateTimeValue?
    public var end: DateTimeValue?
    /// BUSYTYPE: what time outside the AVAILABLE blocks is (default BUSY-UNAVAILABLE).
    public var busyType: FreeBusyType
    public var priority: Int?
    public var summary: String?
    public var location: String?
    public var available: [Available]

    public init(
        uid: String, dtstamp: Instant, start: DateTimeValue? = nil, end: DateTimeValue? = nil, busyType: FreeBusyType = .busyUnavailable,
        priority: Int? = nil, summary: String? = nil, location: String? = nil, available: [Available] = []
    ) {
        self.uid = uid
        self.dtstamp = dtstamp
        self.start = start
        self.end = end
        self.busyType = busyType
        self.priority = priority
        self.summary = summary
        self.location = location
        self.available = available
    }

    /// One AVAILABLE block (RFC 7953 §3.1.1), possibly recurring.
    public struct Available: Hashable, Sendable {
        public var uid: String
        public var start: DateTimeValue
        public var end: DateTimeValue
        public var rule: RecurrenceRule?
        public var recurrenceDates: [DateTimeValue]
        public var exceptionDates: [DateTimeValue]
        public var summary: String?
        public var location: String?

        public init(
            uid: String, start: DateTimeValue, end: DateTimeValue, rule: RecurrenceRule? = nil, recurrenceDates: [DateTimeValue] = [],
            exceptionDates: [DateTimeValue] = [], summary: String? = nil, location: String? = nil
        ) {
            self.uid = uid
            self.start = start
            self.end = end
            self.rule = rule
            self.recurrenceDates = recurrenceDates
            self.exceptionDates = exceptionDates
            self.summary = summary
            self.location = location
        }
    }

    /// The VAVAILABILITY component with its AVAILABLE children.
    public var component: Component {
        var properties: [Property] = [.text("UID", uid), Property(name: "DTSTAMP", value: dtstamp.icalString)]
        if let start { properties.append(VAvailability.dateTimeProperty("DTSTART", start)) }
        if let end { properties.append(VAvailability.dateTimeProperty("DTEND", end)) }
        properties.append(Property(name: "BUSYTYPE", value: busyType.rawValue))
        if let priority { properties.append(Property(name: "PRIORITY", value: String(priority))) }
        if let summary { properties.append(.text("SUMMARY", summary)) }
        if let location { properties.append(.text("LOCATION", location)) }
        let children = available.map { block -> Component in
            var props: [Property] = [
                .text("UID", block.uid), Property(name: "DTSTAMP", value: dtstamp.icalString),
                VAvailability.dateTimeProperty("DTSTART", block.start), VAvailability.dateTimeProperty("DTEND", block.end),
            ]
            if let rule = block.rule { props.append(Property(name: "RRULE", value: rule.description)) }
            for date in block.recurrenceDates { props.append(VAvailability.dateTimeProperty("RDATE", date)) }
            for date in block.exceptionDates { props.append(VAvailability.dateTimeProperty("EXDATE", date)) }
            if let summary = block.summary { props.append(.text("SUMMARY", summary)) }
            if let location = block.location { props.append(.text("LOCATION", location)) }
            return Component(name: "AVAILABLE", properties: props)
        }
        return Component(name: "VAVAILABILITY", properties: properties, components: children)
    }

    /// Reads a VAVAILABILITY back; AVAILABLE blocks need DTSTART and DTEND or DURATION.
    public init(component: Component) throws(ICalendarError) {
        guard component.name == "VAVAILABILITY" else {
            throw .structure(line: component.line, message: "expected VAVAILABILITY, found \(component.name)")
        }
        let busyType = component.property("BUSYTYPE").flatMap { FreeBusyType(rawValue: $0.value.uppercased()) } ?? .busyUnavailable
        var blocks: [Available] = []
        for child in component.components(named: "AVAILABLE") {
            guard let startProperty = child.property("DTSTART"), case .dateTime(let start) = try startProperty.dateOrDateTime() else {
                throw .structure(line: child.line, message: "AVAILABLE needs a DATE-TIME DTSTART")
            }
            let end: DateTimeValue
            if let endProperty = child.property("DTEND") {
                guard case .dateTime(let value) = try endProperty.dateOrDateTime() else {
                    throw .invalidValue(line: endProperty.line, property: "DTEND", message: "must be a DATE-TIME")
                }
                end = value
            } else if let durationProperty = child.property("DURATION") {
                let duration = try durationProperty.duration()
                end = DateTimeValue(local: start.local.adding(seconds: duration.nominalSeconds), form: start.form)
            } else {
                throw .structure(line: child.line, message: "AVAILABLE needs DTEND or DURATION")
            }
            let rule = try child.property("RRULE")?.recurrenceRule()
            var rdates: [DateTimeValue] = []
            for property in child.properties(named: "RDATE") {
                for case .dateTime(let value) in try property.recurrenceDates() { rdates.append(value) }
            }
            var exdates: [DateTimeValue] = []
            for property in child.properties(named: "EXDATE") {
                for case .dateTime(let value) in try property.dateList() { exdates.append(value) }
            }
            blocks.append(
                Available(
                    uid: child.property("UID")?.text ?? "", start: start, end: end, rule: rule, recurrenceDates: rdates, exceptionDates: exdates,
                    summary: child.property("SUMMARY")?.text, location: child.property("LOCATION")?.text))
        }
        func optionalDateTime(_ name: String) throws(ICalendarError) -> DateTimeValue? {
            guard let property = component.property(name) else { return nil }
            guard case .dateTime(let value) = try property.dateOrDateTime() else {
                throw .invalidValue(line: property.line, property: name, message: "must be a DATE-TIME")
            }
            return value
        }
        var dtstamp = Instant(secondsSince1970: 0)
        if case .dateTime(let value)? = try component.property("DTSTAMP")?.dateOrDateTime() { dtstamp = Instant(utc: value.local) }
        self.init(
            uid: component.property("UID")?.text ?? "", dtstamp: dtstamp, start: try optionalDateTime("DTSTART"), end: try optionalDateTime("DTEND"),
            busyType: busyType, priority: try component.property("PRIORITY")?.integer(), summary: component.property("SUMMARY")?.text,
            location: component.property("LOCATION")?.text, available: blocks)
    }

    static func dateTimeProperty(_ name: String, _ value: DateTimeValue) -> Property {
        var property = Property(name: name, value: value.description)
        if let tzid = value.tzid { property.setParameter("TZID", tzid) }
        return property
    }
}
