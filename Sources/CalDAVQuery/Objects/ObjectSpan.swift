import ICalendar

/// The span of time in which an object can match a time range (RFC 4791 §9.9), for the
/// store's index: every instance of every recurrence set, to-dos by their table, free/busy
/// by its periods.
///
/// The span is closed and widened by a second on each side, so that both a half-open and a
/// closed overlap test against it keep every object the exact evaluation would match
/// (zero-length events, to-dos matched at their DUE).
struct ObjectSpan {
    private var earliest: Instant?
    private var latest: Instant?
    private var unboundedStart = false
    private var unboundedEnd = false
    private var floating = false

    /// Instances read for a finite recurrence set; beyond this the end is left unbounded.
    static let instanceLimit = 20_000

    var firstStart: Instant? {
        guard !unboundedStart, let earliest else { return nil }
        return earliest.adding(seconds: -1 - (floating ? CalendarObjectFacts.floatingMargin : 0))
    }

    var lastEnd: Instant? {
        guard !unboundedEnd, let latest else { return nil }
        return latest.adding(seconds: 1 + (floating ? CalendarObjectFacts.floatingMargin : 0))
    }

    mutating func add(_ timeline: ObjectTimeline) {
        for group in timeline.groups { add(group, timeline: timeline) }
        for component in timeline.calendar.components {
            switch component.name {
            case "VFREEBUSY": addFreeBusy(component, timeline: timeline)
            case "VAVAILABILITY":
                unboundedStart = true
                unboundedEnd = true
            default: break
            }
        }
    }

    private mutating func include(_ start: Instant, _ end: Instant) {
        earliest = min(earliest ?? start, start)
        latest = max(latest ?? end, end, start)
    }

    private mutating func add(_ group: ObjectTimeline.RecurrenceGroup, timeline: ObjectTimeline) {
        floating = floating || group.components.contains { usesFloatingTime($0, timeline: timeline) }
        guard group.components.contains(where: { $0.property("DTSTART") != nil }) else {
            for component in group.components where component.name == "VTODO" { addTodoWithoutStart(component, timeline: timeline) }
            return
        }
        let master = group.components.first { $0.property("RECURRENCE-ID") == nil }
        let endless = master.map(isEndless) ?? false
        let limit = endless ? 16 : ObjectSpan.instanceLimit
        let instances = timeline.instances(of: group, window: TimeRange.farPast..<TimeRange.farFuture, limit: limit)
        if endless || instances.count >= limit { unboundedEnd = true }
        for instance in instances { include(instance.start, instance.end) }
    }

    /// The VTODO rows of RFC 4791 §9.9 without DTSTART.
    private mutating func addTodoWithoutStart(_ todo: Component, timeline: ObjectTimeline) {
        if let due = timeline.instant(of: todo.property("DUE")) {
            include(due, due)
            return
        }
        let completed = timeline.instant(of: todo.property("COMPLETED"))
        let created = timeline.instant(of: todo.property("CREATED"))
        switch (completed, created) {
        case (let completed?, let created?): include(min(completed, created), max(completed, created))
        case (let completed?, nil): include(completed, completed)
        case (nil, let created?):
            include(created, created)
            unboundedEnd = true
        case (nil, nil):
            unboundedStart = true
            unboundedEnd = true
        }
    }

    private mutating func addFreeBusy(_ component: Component, timeline: ObjectTimeline) {
        if let start = timeline.instant(of: component.property("DTSTART")), let end = timeline.instant(of: component.property("DTEND")) {
            include(start, end)
            return
        }
        for period in TimeRangeRules.freeBusyPeriods(of: component, timeline: timeline) { include(period.start, period.end) }
    }

    /// An RRULE with neither COUNT nor UNTIL recurs forever.
    private func isEndless(_ master: Component) -> Bool {
        master.properties(named: "RRULE").contains { property in
            guard let rule = try? property.recurrenceRule(lenient: true), rule.isGregorian else { return false }
            return rule.count == nil && rule.until == nil
        }
    }

    /// DATEs, floating DATE-TIMEs and TZIDs nobody knows are read in the query's zone.
    private func usesFloatingTime(_ component: Component, timeline: ObjectTimeline) -> Bool {
        for name in ["DTSTART", "DTEND", "DUE", "RECURRENCE-ID"] {
            guard let value = try? component.property(name)?.dateOrDateTime() else { continue }
            switch value {
            case .date: return true
            case .dateTime(let dateTime):
                switch dateTime.form {
                case .floating: return true
                case .zoned(let tzid): if timeline.resolver.rules(for: tzid) == nil { return true }
                case .utc: break
                }
            }
        }
        return false
    }
}
