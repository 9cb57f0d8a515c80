import ICalendar

/// When a VALARM fires (RFC 5545 §3.6.6, §3.8.6.3), for the VALARM time-range test of
/// RFC 4791 §9.9: `(start <= trigger-time) AND (end > trigger-time)` for any trigger,
/// repetitions included, of any instance of the component holding the alarm.
struct AlarmTriggers {
    enum Anchor {
        case start
        case end
    }

    /// A TRIGGER;VALUE=DATE-TIME: fires once, whatever the recurrence.
    var absolute: [Instant] = []
    /// A relative TRIGGER: seconds from the start or end of each instance.
    var anchor: Anchor = .start
    var offsets: [Int64] = []

    /// Reads TRIGGER, REPEAT and DURATION; nil when the alarm has no readable trigger.
    init?(alarm: Component, timeline: ObjectTimeline) {
        guard let trigger = alarm.property("TRIGGER") else { return nil }
        var repeats: [Int64] = [0]
        if let count = try? alarm.property("REPEAT")?.integer(), count > 0, let step = try? alarm.property("DURATION")?.duration(),
            step.nominalSeconds > 0
        {
            // A thousand repetitions is far beyond any real alarm; the cap keeps bad data cheap.
            repeats += (1...min(count, 1000)).map { Int64($0) * step.nominalSeconds }
        }
        if trigger.valueType == "DATE-TIME" {
            guard let at = timeline.instant(of: trigger) else { return nil }
            absolute = repeats.map { at.adding(seconds: $0) }
            return
        }
        guard let offset = try? trigger.duration() else { return nil }
        anchor = trigger.parameter("RELATED")?.uppercased() == "END" ? .end : .start
        offsets = repeats.map { offset.nominalSeconds + $0 }
    }

    func fires(in range: TimeRange, instanceStart start: Instant, end: Instant) -> Bool {
        let base = anchor == .end ? end : start
        return offsets.contains { range.contains(base.adding(seconds: $0)) }
    }

    /// The window instances must meet for one of their relative triggers to fall in `range`.
    func instanceWindow(for range: TimeRange) -> Range<Instant> {
        let earliest = offsets.min() ?? 0
        let latest = offsets.max() ?? 0
        let widened = TimeRange(start: range.start?.adding(seconds: -latest), end: range.end?.adding(seconds: -earliest))
        return widened.expansionWindow()
    }
}

extension ObjectTimeline {
    /// Whether `alarm`, inside the top-level VEVENT or VTODO at `parentIndex`, fires in `range`.
    func alarmFires(_ alarm: Component, parentIndex: Int, range: TimeRange) -> Bool {
        guard let triggers = AlarmTriggers(alarm: alarm, timeline: self) else { return false }
        if !triggers.absolute.isEmpty { return triggers.absolute.contains { range.contains($0) } }
        let parent = calendar.components[parentIndex]
        guard parent.property("DTSTART") != nil else {
            // A VTODO with only DUE: both anchors are DUE (RFC 4791 §7.8.5 queries such an alarm).
            guard let due = instant(of: parent.property("DUE")) else { return false }
            return triggers.fires(in: range, instanceStart: due, end: due)
        }
        return anyInstance(describedBy: parentIndex, window: triggers.instanceWindow(for: range)) { instance, _ in
            triggers.fires(in: range, instanceStart: instance.start, end: instance.end)
        }
    }
}
