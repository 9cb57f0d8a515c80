public import ICalendar

/// Busy time of calendar objects for the free-busy-query REPORT (RFC 4791 §7.10).
///
/// Counted: VEVENT instances that are opaque (TRANSP absent or OPAQUE) and not CANCELLED —
/// BUSY, or BUSY-TENTATIVE for STATUS:TENTATIVE — and the FREEBUSY periods of VFREEBUSY
/// components with their FBTYPE (FREE ones are not busy). Periods are clipped to the window
/// and merged per type. The caller passes only objects its index says may meet the window.
public struct FreeBusyCalculator: Sendable {
    public var window: Range<Instant>
    /// Zone for floating and all-day times: the calendar's `calendar-timezone`, else UTC
    /// (RFC 4791 §7.3).
    public var floatingZone: ZoneRules

    /// The most instances one object contributes to one answer. Stored objects make at most
    /// 1,440 a day (``CalendarObjectRules``), so this covers 62 days of the densest; data
    /// stored before that limit is answered conservatively beyond it.
    public static let maxInstancesPerObject = 100_000

    public init(window: Range<Instant>, floatingZone: ZoneRules = .utc) {
        self.window = window
        self.floatingZone = floatingZone
    }

    /// The busy periods of one object, clipped to the window, not merged. `memo`, kept with
    /// the parsed object between calls, saves expanding its recurrences again.
    public func busyPeriods(in calendar: Component, memo: InstanceMemo? = nil) -> [FreeBusyPeriod] {
        let timeline = ObjectTimeline(calendar: calendar, floatingZone: floatingZone, memo: memo)
        let range = TimeRange(window)
        var result: [FreeBusyPeriod] = []
        for group in timeline.groups where group.components.first?.name == "VEVENT" {
            let instances = timeline.instances(of: group, window: range.expansionWindow(), limit: Self.maxInstancesPerObject)
            for instance in instances {
                let event = group.components[instance.componentIndex]
                guard let type = FreeBusyCalculator.busyType(of: event),
                    TimeRangeRules.event(instance, component: event, range: range)
                else { continue }
                append(start: instance.start, end: instance.end, type: type, to: &result)
            }
            // Past the bound the rest of the window is unknown: busy, so that a slot listing
            // (a wide window) never offers a time the booking re-check (a narrow one) refuses.
            if instances.count >= Self.maxInstancesPerObject, let last = instances.last {
                append(start: last.start, end: window.upperBound, type: .busy, to: &result)
            }
        }
        for component in calendar.components where component.name == "VFREEBUSY" {
            for period in TimeRangeRules.freeBusyPeriods(of: component, timeline: timeline) where period.type != .free {
                append(start: period.start, end: period.end, type: period.type, to: &result)
            }
        }
        return result
    }

    /// The busy periods of many objects, plus `extra` ones (BUSY-UNAVAILABLE time outside a
    /// schedule's hours, say), clipped to the window and merged.
    public func busyPeriods(in calendars: [Component], extra: [FreeBusyPeriod] = []) -> [FreeBusyPeriod] {
        busyPeriods(in: calendars.map { ($0, nil) }, extra: extra)
    }

    /// ``busyPeriods(in:extra:)`` for parsed objects with their memos.
    public func busyPeriods(in calendars: [(calendar: Component, memo: InstanceMemo?)], extra: [FreeBusyPeriod] = []) -> [FreeBusyPeriod] {
        var periods = extra
        for (calendar, memo) in calendars { periods += busyPeriods(in: calendar, memo: memo) }
        return FreeBusyPeriod.merge(periods.compactMap(clipped))
    }

    /// The VFREEBUSY of a free-busy-query answer: DTSTAMP, DTSTART and DTEND of the window,
    /// FREEBUSY per type.
    public func freeBusy(calendars: [Component], extra: [FreeBusyPeriod] = [], dtstamp: Instant) -> VFreeBusy {
        var result = VFreeBusy(start: window.lowerBound, end: window.upperBound, dtstamp: dtstamp, periods: [])
        result.periods = busyPeriods(in: calendars, extra: extra)
        return result
    }

    /// The iCalendar text of a free-busy-query answer (RFC 4791 §7.10.1): one VCALENDAR with
    /// one VFREEBUSY, which has no FREEBUSY property when nothing is busy.
    public static func reportText(_ freeBusy: VFreeBusy, productID: String = "-//Horario//CalDAV//EN") -> String {
        let calendar = Component(
            name: "VCALENDAR",
            properties: [Property(name: "VERSION", value: "2.0"), Property(name: "PRODID", value: productID)],
            components: [freeBusy.component])
        return ICalendarSerializer.serialize(calendar)
    }

    /// The free/busy type of an event's instances (RFC 4791 §7.10 table); nil when the event
    /// takes no time: TRANSP:TRANSPARENT or STATUS:CANCELLED.
    static func busyType(of event: Component) -> FreeBusyType? {
        if event.property("TRANSP")?.value.trimmingASCIIWhitespace().uppercased() == "TRANSPARENT" { return nil }
        switch event.property("STATUS")?.value.trimmingASCIIWhitespace().uppercased() {
        case "CANCELLED": return nil
        case "TENTATIVE": return .busyTentative
        default: return .busy
        }
    }

    private func clipped(_ period: FreeBusyPeriod) -> FreeBusyPeriod? {
        let start = max(period.start, window.lowerBound)
        let end = min(period.end, window.upperBound)
        return end > start ? FreeBusyPeriod(start: start, end: end, type: period.type) : nil
    }

    private func append(start: Instant, end: Instant, type: FreeBusyType, to result: inout [FreeBusyPeriod]) {
        if let period = clipped(FreeBusyPeriod(start: start, end: end, type: type)) { result.append(period) }
    }
}
