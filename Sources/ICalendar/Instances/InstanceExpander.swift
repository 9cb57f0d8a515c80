/// Expands a calendar object — a master component and its RECURRENCE-ID overrides, all with
/// one UID — into the instances that meet a window (RFC 4791 §9.9, RFC 5545 §3.8.5).
///
/// This is the building block of CalDAV time-range queries, `expand`, and free/busy. The
/// work is proportional to the window, not to the age of the series.
public enum InstanceExpander {
    /// Instances of every object in `calendar` (grouped by UID) that meet `window`, sorted by
    /// start. VTIMEZONEs in the calendar define non-IANA TZIDs; floating and DATE values are
    /// read in `floatingZone` (the calendar's `calendar-timezone` for CalDAV).
    public static func instances(
        in calendar: Component, window: Range<Instant>, floatingZone: ZoneRules = .utc, kinds: Set<String> = ["VEVENT", "VTODO", "VJOURNAL"],
        limit: Int = 100_000
    ) -> [Instance] {
        let resolver = TimeZoneResolver(calendar: calendar)
        var groups: [String: [Component]] = [:]
        var order: [String] = []
        for component in calendar.components where kinds.contains(component.name) {
            let uid = component.property("UID")?.value ?? "#\(order.count)"
            if groups[uid] == nil { order.append(uid) }
            groups[uid, default: []].append(component)
        }
        var result: [Instance] = []
        for uid in order {
            let remaining = limit - result.count
            guard remaining > 0 else { break }
            result += instances(of: groups[uid]!, resolver: resolver, window: window, floatingZone: floatingZone, limit: remaining)
        }
        result.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        return result
    }

    /// Instances of one object: `components` holds the master (no RECURRENCE-ID, at most
    /// one) and any overrides. Overrides without a master are instances on their own.
    public static func instances(
        of components: [Component], resolver: TimeZoneResolver, window: Range<Instant>, floatingZone: ZoneRules = .utc, limit: Int = 100_000
    ) -> [Instance] {
        let context = Context(resolver: resolver, floatingZone: floatingZone)
        let masterIndex = components.firstIndex { $0.property("RECURRENCE-ID") == nil }
        let overrides = components.indices.compactMap { index -> Override? in
            context.override(components[index], index: index)
        }
        guard let masterIndex, let master = context.timing(of: components[masterIndex]) else {
            return overrides.compactMap { $0.instance(uid: components[$0.index].property("UID")?.value ?? "") }.filter { $0.overlaps(window) }
        }
        let uid = components[masterIndex].property("UID")?.value ?? ""
        let component = components[masterIndex]
        let isRecurring = component.property("RRULE") != nil || component.property("RDATE") != nil
        guard isRecurring else {
            let end = master.end(from: master.start, startValue: master.startValue, context: context)
            let instance = Instance(
                uid: uid, start: master.start, end: end, recurrenceID: nil, componentIndex: masterIndex, isOverride: false,
                isAllDay: master.startValue.isDate)
            return instance.overlaps(window) ? [instance] : []
        }
        // Occurrences that start up to the longest duration before the window can still meet it;
        // THISANDFUTURE overrides can move later occurrences by their shift.
        let lookBehind = max(master.longestSpan, overrides.map(\.span).max() ?? 0) + overrides.map { abs($0.shift) }.reduce(0, max) + 1
        let lookAhead = overrides.map { abs($0.shift) }.reduce(0, max)
        let expansionWindow = window.lowerBound.adding(seconds: -lookBehind)..<window.upperBound.adding(seconds: lookAhead)
        let occurrences = Self.occurrences(of: component, timing: master, context: context, window: expansionWindow, limit: limit * 2 + 16)
        var overrideByID: [Int64: Override] = [:]
        for item in overrides { overrideByID[item.recurrenceInstant.secondsSince1970] = item }
        let futureOverrides = overrides.filter(\.thisAndFuture).sorted { $0.recurrenceInstant < $1.recurrenceInstant }
        var result: [Instance] = []
        var consumed = Set<Int64>()
        for occurrence in occurrences {
            let key = occurrence.instant.secondsSince1970
            if let item = overrideByID[key] {
                consumed.insert(key)
                if let instance = item.instance(uid: uid), instance.overlaps(window) { result.append(instance) }
                continue
            }
            var start = occurrence.instant
            var end = occurrence.periodEnd ?? master.end(from: start, startValue: occurrence.value, context: context)
            var index = masterIndex
            var isOverride = false
            if let future = futureOverrides.last(where: { $0.recurrenceInstant < occurrence.instant }) {
                start = start.adding(seconds: future.shift)
                end = start.adding(seconds: future.span)
                index = future.index
                isOverride = true
            }
            let instance = Instance(
                uid: uid, start: start, end: end, recurrenceID: occurrence.value, componentIndex: index, isOverride: isOverride,
                isAllDay: occurrence.value.isDate)
            if instance.overlaps(window) { result.append(instance) }
            if result.count >= limit { break }
        }
        // Overrides whose RECURRENCE-ID is not a generated occurrence still describe an instance.
        for item in overrides where !consumed.contains(item.recurrenceInstant.secondsSince1970) {
            if let instance = item.instance(uid: uid), instance.overlaps(window) { result.append(instance) }
        }
        result.sort { $0.start < $1.start }
        return Array(result.prefix(limit))
    }
}
