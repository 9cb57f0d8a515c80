public import ICalendar

/// What a calendar object must satisfy to be stored, beyond parsing leniently (RFC 4791
/// §5.3.2.1 CALDAV:valid-calendar-data and valid-calendar-object-resource, RFC 5545 §3.3.10
/// and §3.6.1), and the limits that keep one user's data from stalling every other user.
///
/// Lenient reading repairs benign syntax real clients produce (mis-folded lines, `\;` in a
/// rule, DATE without VALUE=DATE); what it reads *past* — a component never closed, a rule
/// or a date that cannot be read — is refused here, as are values that contradict each other.
public enum CalendarObjectRules {
    /// The most instances a recurrence set may produce on one day (one a minute). Denser rules
    /// are refused on PUT: every answer that expands them would compute that many per day.
    public static let maxInstancesPerDay = 1_440
    /// The largest COUNT of a rule that has to be walked from DTSTART (one with BYxxx parts or
    /// a MONTHLY/YEARLY period; see ``RecurrenceRule/countIsWalked(dtstart:)``). Fixed-period
    /// rules jump to any window, so their COUNT is not limited.
    public static let maxWalkedCount = 50_000

    /// Properties whose values recurrence and time ranges depend on: a lenient read that could
    /// not interpret one of them is refused rather than stored and silently ignored.
    static let timingProperties: Set<String> = ["DTSTART", "DTEND", "DUE", "DURATION", "RRULE", "EXRULE", "RDATE", "EXDATE", "RECURRENCE-ID"]

    /// Throws ``CalDAVQueryError/invalidCalendarData(_:)`` naming the first problem.
    public static func check(_ parsed: ParsedCalendar) throws(CalDAVQueryError) {
        for warning in parsed.warnings {
            switch warning.defect {
            case .unclosedComponent(let name):
                throw .invalidCalendarData("BEGIN:\(name) is never closed (line \(warning.line)): END:\(name) is missing")
            case .invalidValue(let property) where timingProperties.contains(property.uppercased()):
                throw .invalidCalendarData("line \(warning.line): \(warning.message)")
            default:
                continue
            }
        }
        // The zones the query side reads objects with (VTIMEZONEs interpreted once, cached).
        let resolver = ObjectTimeline.resolver(for: parsed.calendar)
        var pending = parsed.components
        while let component = pending.popLast() {
            try checkComponent(component, resolver: resolver)
            pending += component.components
        }
    }

    private static func checkComponent(_ component: Component, resolver: TimeZoneResolver) throws(CalDAVQueryError) {
        let name = component.name
        guard ["VEVENT", "VTODO", "VJOURNAL", "VAVAILABILITY", "AVAILABLE"].contains(name) else { return }
        let start = try? component.property("DTSTART")?.dateOrDateTime()
        let end = component.property(name == "VTODO" ? "DUE" : "DTEND")
        if let end, let duration = component.property("DURATION") {
            // Lightning writes DURATION:PT0S beside DTEND on exceptions; that one is harmless.
            let zero = (try? duration.duration()).map { $0.nominalSeconds == 0 } ?? false
            if !zero {
                throw .invalidCalendarData("\(name) has both \(end.name) and DURATION (RFC 5545 §3.6.1 allows one), line \(component.line)")
            }
        }
        if let start, let end, let endValue = try? end.dateOrDateTime() {
            if instant(endValue, resolver: resolver) < instant(start, resolver: resolver) {
                throw .invalidCalendarData("\(name) ends (\(end.name) \(end.value)) before it starts (DTSTART \(start)), line \(component.line)")
            }
        }
        var perDay = 0
        for property in component.properties(named: "RRULE") + component.properties(named: "EXRULE") {
            guard let rule = try? property.recurrenceRule(lenient: true) else { continue }
            if rule.count != nil, rule.until != nil {
                throw .invalidCalendarData("\(property.name) has both COUNT and UNTIL (RFC 5545 §3.3.10 allows one), line \(property.line)")
            }
            if let count = rule.count, let start, rule.countIsWalked(dtstart: start.local), count > maxWalkedCount {
                throw .invalidCalendarData(
                    "\(property.name) COUNT=\(count) is above \(maxWalkedCount), the limit for rules with BYxxx parts or a monthly or yearly period"
                        + " (line \(property.line))")
            }
            if property.name == "RRULE" { perDay += rule.maxInstancesPerDay }
        }
        if perDay > maxInstancesPerDay {
            throw .invalidCalendarData(
                "the recurrence rules of \(name) (line \(component.line)) make up to \(perDay) instances a day; at most \(maxInstancesPerDay) (one a minute) are accepted"
            )
        }
    }

    /// Only the order of DTSTART and DTEND matters here: each is read in its own zone (the
    /// calendar's VTIMEZONE or IANA's), floating and all-day values as UTC.
    private static func instant(_ value: DateOrDateTime, resolver: TimeZoneResolver) -> Instant {
        let zone = value.tzid.flatMap { resolver.rules(for: $0) } ?? ZoneRules.utc
        return zone.instant(for: value.local)
    }
}
