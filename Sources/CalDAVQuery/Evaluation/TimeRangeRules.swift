import ICalendar

/// The overlap tables of RFC 4791 §9.9, one function per component type.
///
/// Recurring components are tested per instance: the expander gives each instance its
/// effective start and end (DTEND, DURATION or DUE carried over, overrides applied), and
/// the row of the table is chosen from the properties of the component describing it.
extension ObjectTimeline {
    /// Whether the top-level component at `index` overlaps `range` by the table of its type.
    func overlaps(topLevelIndex index: Int, range: TimeRange) -> Bool {
        let component = calendar.components[index]
        switch component.name {
        case "VEVENT", "VJOURNAL":
            guard component.property("DTSTART") != nil else { return false }
        case "VTODO":
            guard component.property("DTSTART") != nil else { return TimeRangeRules.todoWithoutStart(component, range: range, timeline: self) }
        case "VFREEBUSY":
            return TimeRangeRules.freeBusy(component, range: range, timeline: self)
        default:
            return false
        }
        return anyInstance(describedBy: index, window: range.expansionWindow()) { instance, component in
            TimeRangeRules.instance(instance, of: component, overlaps: range, timeline: self)
        }
    }
}

enum TimeRangeRules {
    /// One instance of a VEVENT, VTODO or VJOURNAL, by the table of its type.
    static func instance(_ instance: Instance, of component: Component, overlaps range: TimeRange, timeline: ObjectTimeline) -> Bool {
        switch component.name {
        case "VEVENT": return event(instance, component: component, range: range)
        case "VTODO": return todo(instance, component: component, range: range, timeline: timeline)
        default:
            // VJOURNAL: a DATE lasts a day, a DATE-TIME is a point.
            return instance.end > instance.start ? range.overlaps(start: instance.start, end: instance.end) : range.contains(instance.start)
        }
    }

    /// VEVENT. With a positive span: `start < end' AND end > start'`. Zero-length: with DTEND
    /// `start < DTSTART AND end > DTSTART`, otherwise `start <= DTSTART AND end > DTSTART`.
    static func event(_ instance: Instance, component: Component, range: TimeRange) -> Bool {
        if instance.end > instance.start { return range.overlaps(start: instance.start, end: instance.end) }
        if component.property("DTEND") != nil { return range.startsBefore(instance.start) && range.endsAfter(instance.start) }
        return range.contains(instance.start)
    }

    /// VTODO with DTSTART; the instance end is DUE or DTSTART+DURATION.
    static func todo(_ instance: Instance, component: Component, range: TimeRange, timeline: ObjectTimeline) -> Bool {
        // An override may leave DTSTART out; it is then read on its own.
        guard component.property("DTSTART") != nil else { return todoWithoutStart(component, range: range, timeline: timeline) }
        let start = instance.start
        let end = instance.end
        if component.property("DUE") != nil {
            // (start < DUE OR start <= DTSTART) AND (end > DTSTART OR end >= DUE)
            return (range.startsBefore(end) || range.startsAtOrBefore(start)) && (range.endsAfter(start) || range.endsAtOrAfter(end))
        }
        if component.property("DURATION") != nil {
            // (start <= DTSTART+DURATION) AND (end > DTSTART OR end >= DTSTART+DURATION)
            return range.startsAtOrBefore(end) && (range.endsAfter(start) || range.endsAtOrAfter(end))
        }
        // (start <= DTSTART) AND (end > DTSTART)
        return range.contains(start)
    }

    /// VTODO without DTSTART: decided by DUE, then COMPLETED and CREATED; one with none of
    /// them matches every range.
    static func todoWithoutStart(_ component: Component, range: TimeRange, timeline: ObjectTimeline) -> Bool {
        if let due = timeline.instant(of: component.property("DUE")) {
            return range.startsBefore(due) && range.endsAtOrAfter(due)
        }
        let completed = timeline.instant(of: component.property("COMPLETED"))
        let created = timeline.instant(of: component.property("CREATED"))
        switch (completed, created) {
        case (let completed?, let created?):
            return (range.startsAtOrBefore(created) || range.startsAtOrBefore(completed))
                && (range.endsAtOrAfter(created) || range.endsAtOrAfter(completed))
        case (let completed?, nil):
            return range.startsAtOrBefore(completed) && range.endsAtOrAfter(completed)
        case (nil, let created?):
            return range.endsAfter(created)
        case (nil, nil):
            return true
        }
    }

    /// VFREEBUSY: DTSTART/DTEND when both are present (`start <= DTEND AND end > DTSTART`),
    /// else any FREEBUSY period of any type; DURATION is ignored.
    static func freeBusy(_ component: Component, range: TimeRange, timeline: ObjectTimeline) -> Bool {
        if let start = timeline.instant(of: component.property("DTSTART")), let end = timeline.instant(of: component.property("DTEND")) {
            return range.startsAtOrBefore(end) && range.endsAfter(start)
        }
        for period in freeBusyPeriods(of: component, timeline: timeline) where range.overlaps(start: period.start, end: period.end) {
            return true
        }
        return false
    }

    /// The FREEBUSY periods of a VFREEBUSY with their types, as instants.
    static func freeBusyPeriods(of component: Component, timeline: ObjectTimeline) -> [FreeBusyPeriod] {
        var result: [FreeBusyPeriod] = []
        for property in component.properties where property.name == "FREEBUSY" {
            let type = FreeBusyType(rawValue: property.parameter("FBTYPE")?.uppercased() ?? "BUSY") ?? .busy
            for period in (try? property.periods()) ?? [] {
                if let span = span(of: period, timeline: timeline) { result.append(FreeBusyPeriod(start: span.start, end: span.end, type: type)) }
            }
        }
        return result
    }

    /// A PERIOD as instants (FREEBUSY values are UTC; other forms are read like any value).
    static func span(of period: PeriodValue, timeline: ObjectTimeline) -> (start: Instant, end: Instant)? {
        let start = timeline.instant(.dateTime(period.start))
        let end: Instant
        switch period.end {
        case .explicit(let value): end = timeline.instant(.dateTime(value))
        case .duration(let duration): end = timeline.adding(duration, to: start, of: .dateTime(period.start))
        }
        return end >= start ? (start, end) : nil
    }
}
