public import ICalendar

extension CompiledSchedule {
    /// The free/busy of this schedule over `window` (PRODUCT.md "Free/busy of a schedule",
    /// RFC 7953 §4): BUSY for every busy interval, BUSY-UNAVAILABLE for time outside the
    /// schedule's hours, and nothing (free) for open hours.
    ///
    /// Busy intervals of every source count, whatever schedule a booking was made on: one
    /// person cannot be in two places. Where a busy interval lies outside the hours, BUSY wins,
    /// as in ``FreeBusyPeriod/merge(_:)``. The periods are computed on sorted ranges, not minute
    /// by minute: a year with 3,000 bookings takes about 0.2 ms in a release build.
    /// - Parameters:
    ///   - window: the span asked about; periods are clipped to it and it becomes DTSTART/DTEND.
    ///   - busy: busy intervals in any order; they may overlap and may reach outside the window.
    ///   - dtstamp: when the answer was made (the caller's clock, so tests stay deterministic).
    ///   - uid: the VFREEBUSY's UID, when the reply needs one (scheduling replies do).
    public func freeBusy(window: Range<Instant>, busy: [BusyInterval], dtstamp: Instant, uid: String? = nil) -> VFreeBusy {
        let busyRanges = Self.union(busy.map { ($0.start, $0.end) }, clippedTo: window)
        let unavailable = Self.subtract(unavailableRanges(in: window), busyRanges)
        var periods: [FreeBusyPeriod] = []
        periods.reserveCapacity(busyRanges.count + unavailable.count)
        var b = 0
        var u = 0
        // Both lists are sorted and disjoint from each other, so a two-way merge keeps order.
        while b < busyRanges.count || u < unavailable.count {
            if u == unavailable.count || (b < busyRanges.count && busyRanges[b].start < unavailable[u].start) {
                periods.append(FreeBusyPeriod(start: busyRanges[b].start, end: busyRanges[b].end, type: .busy))
                b += 1
            } else {
                periods.append(FreeBusyPeriod(start: unavailable[u].start, end: unavailable[u].end, type: .busyUnavailable))
                u += 1
            }
        }
        // The periods are already clipped, merged and typed, so skip the initializer's generic
        // sweep (it would sort them all again).
        var result = VFreeBusy(start: window.lowerBound, end: window.upperBound, dtstamp: dtstamp, periods: [], uid: uid)
        result.periods = periods
        return result
    }

    /// Time in `window` outside the schedule's hours, as BUSY-UNAVAILABLE periods clipped to
    /// the window; an inactive schedule has no hours, so it is the whole window.
    public func unavailablePeriods(in window: Range<Instant>) -> [FreeBusyPeriod] {
        unavailableRanges(in: window).map { FreeBusyPeriod(start: $0.start, end: $0.end, type: .busyUnavailable) }
    }

    /// The window minus the available ranges, sorted and disjoint.
    func unavailableRanges(in window: Range<Instant>) -> [(start: Instant, end: Instant)] {
        guard window.lowerBound < window.upperBound else { return [] }
        guard schedule.isActive else { return [(window.lowerBound, window.upperBound)] }
        var result: [(start: Instant, end: Instant)] = []
        var cursor = window.lowerBound
        for range in availableRanges(meeting: window) {
            if range.start > cursor { result.append((cursor, min(range.start, window.upperBound))) }
            cursor = max(cursor, range.end)
            if cursor >= window.upperBound { break }
        }
        if cursor < window.upperBound { result.append((cursor, window.upperBound)) }
        return result
    }

    /// Sorted union of half-open ranges, clipped to `window`; overlapping and touching ranges
    /// become one, empty ones vanish.
    static func union(_ ranges: [(start: Instant, end: Instant)], clippedTo window: Range<Instant>) -> [(start: Instant, end: Instant)] {
        var clipped = ranges.compactMap { range -> (start: Instant, end: Instant)? in
            let start = max(range.start, window.lowerBound)
            let end = min(range.end, window.upperBound)
            return end > start ? (start, end) : nil
        }
        clipped.sort { $0.start < $1.start }
        var result: [(start: Instant, end: Instant)] = []
        result.reserveCapacity(clipped.count)
        for range in clipped {
            if let last = result.last, range.start <= last.end {
                result[result.count - 1].end = max(last.end, range.end)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// `ranges` minus `holes`; both sorted and internally disjoint. Linear in their sizes.
    static func subtract(_ ranges: [(start: Instant, end: Instant)], _ holes: [(start: Instant, end: Instant)]) -> [(start: Instant, end: Instant)] {
        var result: [(start: Instant, end: Instant)] = []
        var h = 0
        for range in ranges {
            var start = range.start
            // Holes ending before this range can't touch it or any later one.
            while h < holes.count, holes[h].end <= start { h += 1 }
            var k = h
            while k < holes.count, holes[k].start < range.end {
                if holes[k].start > start { result.append((start, holes[k].start)) }
                start = max(start, holes[k].end)
                k += 1
            }
            if start < range.end { result.append((start, range.end)) }
        }
        return result
    }
}
