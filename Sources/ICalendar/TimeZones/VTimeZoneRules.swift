/// Interprets a VTIMEZONE component (RFC 5545 §3.6.5) as zone rules.
///
/// Each STANDARD/DAYLIGHT observance gives onsets — its DTSTART, RRULE occurrences and
/// RDATEs — as local times in the offset in force before it (TZOFFSETFROM). Each onset is a
/// transition to TZOFFSETTO. Rules are expanded up to `horizonYear`; no published VTIMEZONE
/// changes its rules later than that.
public enum VTimeZoneRules {
    /// Last year whose transitions are tabulated.
    static let horizonYear = 2200

    public static func rules(from vtimezone: Component) throws(ICalendarError) -> ZoneRules {
        guard let tzidProperty = vtimezone.property("TZID") else {
            throw .structure(line: vtimezone.line, message: "VTIMEZONE has no TZID")
        }
        let tzid = tzidProperty.value
        var transitions: [ZoneRules.Transition] = []
        var earliest: (instant: Int64, offsetFrom: Int)?
        let observances = vtimezone.components.filter { $0.name == "STANDARD" || $0.name == "DAYLIGHT" }
        guard !observances.isEmpty else {
            throw .structure(line: vtimezone.line, message: "VTIMEZONE \(tzid) has no STANDARD or DAYLIGHT observance")
        }
        let horizon = LocalDateTime(year: horizonYear, month: 1, day: 1)
        for observance in observances {
            guard let fromProperty = observance.property("TZOFFSETFROM"), let toProperty = observance.property("TZOFFSETTO") else {
                throw .structure(line: observance.line, message: "\(observance.name) needs TZOFFSETFROM and TZOFFSETTO")
            }
            let from = try fromProperty.utcOffset().seconds
            let to = try toProperty.utcOffset().seconds
            guard let startProperty = observance.property("DTSTART") else {
                throw .structure(line: observance.line, message: "\(observance.name) has no DTSTART")
            }
            // Lenient: some producers write DTSTART;VALUE=DATE here; read it as midnight.
            let start = try startProperty.dateOrDateTime().local
            var onsets: [LocalDateTime] = [start]
            for ruleProperty in observance.properties(named: "RRULE") {
                let rule = try ruleProperty.recurrenceRule()
                onsets += observanceOnsets(rule: rule, start: start, offsetFrom: from, horizon: horizon)
            }
            for rdateProperty in observance.properties(named: "RDATE") {
                for value in try rdateProperty.recurrenceDates() {
                    switch value {
                    case .date(let date): onsets.append(LocalDateTime(date: date))
                    case .dateTime(let dateTime):
                        // A UTC RDATE is an instant; convert it to the local time before the onset.
                        onsets.append(dateTime.form == .utc ? dateTime.local.adding(seconds: Int64(from)) : dateTime.local)
                    case .period(let period): onsets.append(period.start.local)
                    }
                }
            }
            for onset in Set(onsets) {
                let instant = onset.naiveSeconds - Int64(from)
                transitions.append(ZoneRules.Transition(instant: instant, offsetAfter: to))
                if earliest.map({ instant < $0.instant }) ?? true { earliest = (instant, from) }
            }
        }
        transitions.sort { $0.instant < $1.instant }
        // Drop transitions that do not change the offset, keeping the table minimal.
        var minimal: [ZoneRules.Transition] = []
        var current = earliest?.offsetFrom ?? transitions.first?.offsetAfter ?? 0
        for transition in transitions where transition.offsetAfter != current {
            minimal.append(transition)
            current = transition.offsetAfter
        }
        return ZoneRules(identifier: tzid, initialOffset: earliest?.offsetFrom ?? 0, transitions: minimal)
    }

    /// Occurrences of an observance rule up to the horizon. UNTIL in a VTIMEZONE is UTC, so it
    /// is compared after converting with the observance's TZOFFSETFROM.
    static func observanceOnsets(rule: RecurrenceRule, start: LocalDateTime, offsetFrom: Int, horizon: LocalDateTime) -> [LocalDateTime] {
        RecurrenceSet.localOccurrences(of: rule, from: start, until: horizon, utcOffsetForUntil: offsetFrom, limit: 5000)
    }
}
