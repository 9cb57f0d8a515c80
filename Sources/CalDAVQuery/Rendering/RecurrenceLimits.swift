import ICalendar

extension ObjectTimeline {
    /// `<C:limit-recurrence-set>` (RFC 4791 §9.6.6): the calendar with, besides every master
    /// and every other component, only the overridden components that affect `window` — by
    /// their own time, by the time of the instance they replace, or (THISANDFUTURE) by
    /// moving instances from before the window's end.
    func limitingRecurrenceSet(to window: Range<Instant>) -> Component {
        let range = TimeRange(window)
        var result = calendar
        result.components = []
        for (index, component) in calendar.components.enumerated() {
            guard component.property("RECURRENCE-ID") != nil, let (group, position) = group(containing: index), group.isRecurring,
                !overrideAffects(group: group, position: position, range: range)
            else {
                result.components.append(component)
                continue
            }
        }
        return result
    }

    private func overrideAffects(group: RecurrenceGroup, position: Int, range: TimeRange) -> Bool {
        let override = group.components[position]
        guard let idProperty = override.property("RECURRENCE-ID"), let idValue = try? idProperty.dateOrDateTime() else { return true }
        let replaced = instant(idValue)
        if idProperty.parameter("RANGE")?.uppercased() == "THISANDFUTURE", range.endsAfter(replaced) {
            return true
        }
        // Its own time: the override read alone is exactly the instance it describes.
        let own = InstanceExpander.instances(
            of: [override], resolver: resolver, window: range.expansionWindow(), floatingZone: floatingZone, limit: 1)
        if own.contains(where: { TimeRangeRules.instance($0, of: override, overlaps: range, timeline: self) }) { return true }
        // The original time: the replaced occurrence with the master's length.
        guard let master = group.components.first(where: { $0.property("RECURRENCE-ID") == nil }) else { return false }
        let length = masterLength(master)
        let original = Instance(
            uid: "", start: replaced, end: replaced.adding(seconds: length), recurrenceID: idValue, componentIndex: 0, isOverride: false,
            isAllDay: idValue.isDate)
        return TimeRangeRules.instance(original, of: master, overlaps: range, timeline: self)
    }

    /// The length of the master's first instance.
    private func masterLength(_ master: Component) -> Int64 {
        let first = InstanceExpander.instances(
            of: [master], resolver: resolver, window: TimeRange.farPast..<TimeRange.farFuture, floatingZone: floatingZone, limit: 1
        ).first
        return first.map { $0.end.secondsSince1970 - $0.start.secondsSince1970 } ?? 0
    }

    /// `<C:limit-freebusy-set>` (RFC 4791 §9.6.7): FREEBUSY values of VFREEBUSY components
    /// reduced to the periods meeting `window`; a property left with none is dropped.
    func limitingFreeBusy(to window: Range<Instant>) -> Component {
        let range = TimeRange(window)
        var result = calendar
        for index in result.components.indices where result.components[index].name == "VFREEBUSY" {
            var busy = result.components[index]
            busy.properties = busy.properties.compactMap { property in
                guard property.name == "FREEBUSY" else { return property }
                let kept = property.value.split(separator: ",").filter { part in
                    guard let period = PeriodValue(part, tzid: nil),
                        let span = TimeRangeRules.span(of: period, timeline: self)
                    else { return false }
                    return range.overlaps(start: span.start, end: span.end)
                }
                guard !kept.isEmpty else { return nil }
                var limited = property
                limited.value = kept.joined(separator: ",")
                return limited
            }
            result.components[index] = busy
        }
        return result
    }
}
