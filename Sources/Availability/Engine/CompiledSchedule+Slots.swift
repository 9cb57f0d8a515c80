public import ICalendar

/// A bookable slot `[start, end)`.
public struct Slot: Hashable, Sendable, Comparable {
    public var start: Instant
    public var end: Instant

    public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }

    public static func < (lhs: Slot, rhs: Slot) -> Bool { lhs.start < rhs.start }
}

extension CompiledSchedule {
    /// The slots an event type offers in `window` (fixtures/availability/README.md, rule 3).
    ///
    /// Slots start at the start of each merged available range and step by the slot interval;
    /// a slot is offered when it lies inside its range, its span padded by the buffers meets no
    /// busy time, it starts at or after `now` plus the minimum notice, its local date is inside
    /// the booking window, its start is inside `window`, and its local day and week are under
    /// the limits. Days and weeks are the schedule's, whatever the booker's zone.
    public func slots(for limits: CompiledLimits, busy: [BusyInterval], window: Range<Instant>, now: Instant) -> [Slot] {
        guard schedule.isActive else { return [] }
        let index = BusyIndex(busy, limits: limits, zone: zone)
        let earliest = now.secondsSince1970 + limits.notice
        let today = zone.local(for: now).date
        let windowStart = window.lowerBound.secondsSince1970
        let windowEnd = window.upperBound.secondsSince1970
        var result: [Slot] = []
        for range in availableRanges(meeting: window) {
            let rangeStart = range.start.secondsSince1970
            let rangeEnd = range.end.secondsSince1970
            // Jump to the first grid point at or after both the window start and the notice.
            let from = max(windowStart, earliest)
            var start = rangeStart
            if from > rangeStart { start = rangeStart + (from - rangeStart + limits.step - 1) / limits.step * limits.step }
            while start + limits.duration <= rangeEnd, start < windowEnd {
                if isOffered(start: start, limits: limits, index: index, today: today) {
                    result.append(Slot(start: Instant(secondsSince1970: start), end: Instant(secondsSince1970: start + limits.duration)))
                }
                start += limits.step
            }
        }
        return result
    }

    /// The per-slot rules other than hours, window and notice.
    func isOffered(start: Int64, limits: CompiledLimits, index: BusyIndex, today: CalendarDate) -> Bool {
        if index.meets(start - limits.before, start + limits.duration + limits.after) { return false }
        let date = zone.local(for: Instant(secondsSince1970: start)).date
        if !limits.allows(date, today: today) { return false }
        if let max = limits.limits.maxBookingsPerDay, index.perDay[date.dayNumber, default: 0] >= max { return false }
        if let max = limits.limits.maxBookingsPerWeek, index.perWeek[BusyIndex.weekKey(date), default: 0] >= max { return false }
        return true
    }
}
