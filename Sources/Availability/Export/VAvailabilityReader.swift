import ICalendar

/// Reads RFC 7953 AVAILABLE blocks as weekly hours and date overrides in one zone.
///
/// Weekly hours are timeless, so a recurring block's DTSTART only says which weekdays and
/// times it covers (a DTSTART off the rule's days, whose recurrence set RFC 5545 §3.8.5.3
/// calls undefined and RFC 7953's own examples use, adds no instance); what a date ends up with is worked out per date from the instances that
/// meet it. A date is an override when an EXDATE removed an instance or a one-off block (or
/// RDATE) added one there: its hours are the surviving weekly instances plus the one-off
/// ones, `unavailable` when nothing survives. Blocks may run across midnight; each day
/// gets its part.
struct VAvailabilityReader {
    /// One day's part of a block: `offset` days after the instance's start date.
    struct Piece {
        var block: Int
        var offset: Int
        var minutes: Range<Int>
    }

    struct InstanceKey: Hashable {
        var block: Int
        var date: CalendarDate
    }

    let zoneName: String
    let zone: ZoneRules
    var issues: [ValidationIssue] = []
    /// Weekly pieces by the ISO weekday they fall on.
    private var weekly: [Int: [Piece]] = [:]
    private var excluded: Set<InstanceKey> = []
    private var extra: [CalendarDate: [Range<Int>]] = [:]
    private var touched: Set<CalendarDate> = []

    init(zoneName: String, zone: ZoneRules) {
        self.zoneName = zoneName
        self.zone = zone
    }

    /// Merged minute ranges per ISO weekday (1 = Monday).
    var weeklyHours: [Int: [Range<Int>]] { weekly.mapValues { CompiledSchedule.merge($0.map(\.minutes)) } }

    /// Hours per overridden date; an empty list means `unavailable`.
    var overrides: [CalendarDate: [Range<Int>]] {
        let hours = weeklyHours
        var result: [CalendarDate: [Range<Int>]] = [:]
        for date in touched {
            var ranges = extra[date] ?? []
            var removedAny = false
            for piece in weekly[date.weekday.rawValue] ?? [] {
                if excluded.contains(InstanceKey(block: piece.block, date: date.adding(days: -piece.offset))) {
                    removedAny = true
                } else {
                    ranges.append(piece.minutes)
                }
            }
            let merged = CompiledSchedule.merge(ranges)
            // A one-off block inside unchanged weekly hours changes nothing.
            if !removedAny, merged == hours[date.weekday.rawValue] ?? [] { continue }
            result[date] = merged
        }
        return result
    }

    /// Adds AVAILABLE number `index`; problems become issues under `available[index]`.
    mutating func read(_ block: VAvailability.Available, index: Int) {
        let path = "available[\(index)]"
        let recurring = block.rule != nil
        guard let start = local(block.start, path: path + ".dtstart", inZone: recurring),
            let end = local(block.end, path: path + ".dtend", inZone: recurring)
        else { return }
        guard start.second == 0, end.second == 0 else {
            issues.append(ValidationIssue(path: path + (start.second == 0 ? ".dtend" : ".dtstart"), message: "schedules use whole minutes (HH:MM)"))
            return
        }
        guard end > start else {
            issues.append(ValidationIssue(path: path + ".dtend", message: "must be after DTSTART (\(start.isoString) – \(end.isoString))"))
            return
        }
        let length = end.naiveSeconds - start.naiveSeconds
        guard length <= 7 * 86_400 else {
            issues.append(ValidationIssue(path: path + ".dtend", message: "an AVAILABLE block longer than a week cannot be weekly hours"))
            return
        }
        guard let rule = block.rule else {
            // RDATEs without an RRULE: the DTSTART instance plus each RDATE.
            addOneOff(start: start, length: length)
            for (number, date) in block.recurrenceDates.enumerated() {
                guard let added = local(date, path: "\(path).rdate[\(number)]", inZone: false) else { continue }
                addOneOff(start: added, length: length)
            }
            return
        }
        guard let days = weekdays(of: rule, start: start, path: path + ".rrule") else { return }
        let pieces = Self.split(start: start, length: length)
        for day in days {
            for piece in pieces {
                let weekday = (day.rawValue - 1 + piece.offset) % 7 + 1
                weekly[weekday, default: []].append(Piece(block: index, offset: piece.offset, minutes: piece.minutes))
            }
        }
        var removed: Set<LocalDateTime> = []
        for (number, value) in block.exceptionDates.enumerated() {
            guard let date = local(value, path: "\(path).exdate[\(number)]", inZone: false) else { continue }
            removed.insert(date)
            // An EXDATE that names no instance removes nothing (RFC 5545 §3.8.5.1).
            guard date.secondsOfDay == start.secondsOfDay, days.contains(date.date.weekday) else { continue }
            excluded.insert(InstanceKey(block: index, date: date.date))
            for piece in pieces { touched.insert(date.date.adding(days: piece.offset)) }
        }
        for (number, value) in block.recurrenceDates.enumerated() {
            guard let added = local(value, path: "\(path).rdate[\(number)]", inZone: false), !removed.contains(added) else { continue }
            addOneOff(start: added, length: length)
        }
    }

    private mutating func addOneOff(start: LocalDateTime, length: Int64) {
        for piece in Self.split(start: start, length: length) {
            let date = start.date.adding(days: piece.offset)
            extra[date, default: []].append(piece.minutes)
            touched.insert(date)
        }
    }

    /// The weekdays a rule repeats on, or nil (with an issue) when it is not a plain weekly
    /// pattern: weekly hours repeat every week, forever, on whole weekdays.
    private mutating func weekdays(of rule: RecurrenceRule, start: LocalDateTime, path: String) -> Set<Weekday>? {
        var problems: [String] = []
        if rule.frequency != .weekly, rule.frequency != .daily {
            problems.append("FREQ=\(rule.frequency.rawValue) cannot be weekly hours (only WEEKLY or DAILY)")
        }
        if rule.interval != 1 { problems.append("INTERVAL=\(rule.interval) cannot be weekly hours (they repeat every week)") }
        if rule.count != nil || rule.until != nil { problems.append("COUNT and UNTIL cannot be weekly hours (they do not end)") }
        let limited = [
            ("BYSECOND", rule.bySecond), ("BYMINUTE", rule.byMinute), ("BYHOUR", rule.byHour), ("BYMONTHDAY", rule.byMonthDay),
            ("BYYEARDAY", rule.byYearDay), ("BYWEEKNO", rule.byWeekNo), ("BYMONTH", rule.byMonth), ("BYSETPOS", rule.bySetPos),
        ]
        for (name, values) in limited where !values.isEmpty { problems.append("\(name) cannot be weekly hours") }
        if rule.byDay.contains(where: { $0.ordinal != nil }) { problems.append("BYDAY with an ordinal (e.g. 1MO) cannot be weekly hours") }
        if !rule.isGregorian { problems.append("only the Gregorian calendar is supported (RSCALE)") }
        guard problems.isEmpty else {
            issues.append(ValidationIssue(path: path, message: problems.joined(separator: "; ")))
            return nil
        }
        if !rule.byDay.isEmpty { return Set(rule.byDay.map(\.weekday)) }
        return rule.frequency == .weekly ? [start.date.weekday] : Set(Weekday.allCases)
    }

    /// The wall-clock reading of `value` in the schedule's zone. With `inZone` (a recurring
    /// block's start and end) it must already be in that zone or floating: weekly hours
    /// defined in another zone would drift against it across DST changes. EXDATEs and RDATEs
    /// name instants, so they may be in any zone.
    private mutating func local(_ value: DateTimeValue, path: String, inZone: Bool) -> LocalDateTime? {
        let instant: Instant
        switch value.form {
        case .floating:
            return value.local
        case .utc:
            guard !inZone || zone.identifier == "UTC" else { return mismatch(path, "UTC") }
            instant = Instant(utc: value.local)
        case .zoned(let tzid):
            if tzid == zoneName { return value.local }
            guard let name = Self.zoneName(for: tzid), let rules = ZoneRules.iana(name) else {
                issues.append(ValidationIssue(path: path, message: "unknown time zone \"\(tzid)\" (TZID must name an IANA zone)"))
                return nil
            }
            if name == zoneName { return value.local }
            guard !inZone else { return mismatch(path, tzid) }
            instant = rules.instant(for: value.local)
        }
        return zone.local(for: instant)
    }

    private mutating func mismatch(_ path: String, _ other: String) -> LocalDateTime? {
        let message = "a recurring AVAILABLE must use the schedule's zone \(zoneName), not \(other): its hours would drift across DST changes"
        issues.append(ValidationIssue(path: path, message: message))
        return nil
    }

    /// The name a schedule can keep for a TZID: itself when it is an IANA name, else the IANA
    /// name it stands for (a Windows or globally unique TZID); nil when none.
    static func zoneName(for tzid: String) -> String? {
        func acceptable(_ name: String) -> Bool { (name.contains("/") || name == "UTC") && ZoneRules.iana(name) != nil }
        if acceptable(tzid) { return tzid }
        guard let name = TimeZoneResolver.ianaName(for: tzid), acceptable(name) else { return nil }
        return name
    }

    /// The span `[start, start + length)` cut at local midnights into per-day minute ranges.
    static func split(start: LocalDateTime, length: Int64) -> [(offset: Int, minutes: Range<Int>)] {
        var result: [(offset: Int, minutes: Range<Int>)] = []
        let startMinute = start.secondsOfDay / 60
        let endMinute = startMinute + Int(length / 60)
        var offset = 0
        while offset * 1440 < endMinute {
            let lower = max(startMinute - offset * 1440, 0)
            let upper = min(endMinute - offset * 1440, 1440)
            if upper > lower { result.append((offset, lower..<upper)) }
            offset += 1
        }
        return result
    }
}
