public import ICalendar

/// A merged span of available time `[start, end)` on the UTC time line.
public struct AvailableRange: Hashable, Sendable {
    public var start: Instant
    public var end: Instant

    public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }
}

extension CompiledSchedule {
    /// How many days beyond the window a range is followed when it runs across midnight. A
    /// range continuous for a whole week is split at local Monday 00:00 (see below), so two
    /// weeks back always reach its start.
    static let continuationDays = 15

    /// The schedule's available time that meets `window`, merged (overlapping or touching ranges
    /// become one, also across midnight).
    ///
    /// Ranges are not cut at the window: slots start at the start of each range, so the grid
    /// must not depend on where a query begins. Weekly hours and overrides are wall-clock
    /// times of each local date in the schedule's zone; a wall time in a DST gap moves forward
    /// by the gap and an ambiguous one means its first occurrence (RFC 5545 §3.3.5).
    public func availableRanges(meeting window: Range<Instant>) -> [AvailableRange] {
        guard window.lowerBound < window.upperBound else { return [] }
        var first = zone.local(for: window.lowerBound).date.adding(days: -1)
        var last = zone.local(for: window.upperBound).date
        // Follow ranges that run across midnight so their real start and end are known.
        var steps = 0
        while steps < Self.continuationDays, startsAtMidnight(first), endsAtMidnight(first.adding(days: -1)) {
            first = first.adding(days: -1)
            steps += 1
        }
        steps = 0
        while steps < Self.continuationDays, endsAtMidnight(last), startsAtMidnight(last.adding(days: 1)) {
            last = last.adding(days: 1)
            steps += 1
        }
        // Convert every written range to real time first, then sort and merge: a range that starts
        // in a DST gap moves forward and may land after (or inside) a neighbour, and must lose nothing.
        var spans: [(start: Instant, end: Instant, monday: Bool)] = []
        var day = first
        while day <= last {
            for minutes in writtenRanges(on: day) {
                let start = instant(on: day, minute: minutes.lowerBound)
                let end = instant(on: day, minute: minutes.upperBound)
                guard end > start else { continue }  // a range wholly inside a DST gap
                spans.append((start, end, minutes.lowerBound == 0 && day.weekday == .monday))
            }
            day = day.adding(days: 1)
        }
        spans.sort { $0.start < $1.start }
        var result: [AvailableRange] = []
        for span in spans {
            if let previous = result.last, span.start <= previous.end,
                !Self.splitsWeek(previous, at: span.start, isMondayMidnight: span.monday, in: self)
            {
                result[result.count - 1].end = max(previous.end, span.end)
            } else {
                result.append(AvailableRange(start: span.start, end: span.end))
            }
        }
        return result.filter { $0.end > window.lowerBound && $0.start < window.upperBound }
    }

    /// Round-the-clock hours would merge into one endless range whose slot grid depended on
    /// how far back a query looked. A range that has run for a whole week is therefore split
    /// at local Monday 00:00, which keeps every grid the same for every window.
    static func splitsWeek(_ previous: AvailableRange, at start: Instant, isMondayMidnight: Bool, in schedule: CompiledSchedule) -> Bool {
        guard isMondayMidnight else { return false }
        let monday = schedule.zone.local(for: start).date
        return previous.start <= schedule.instant(on: monday.adding(days: -7), minute: 0)
    }

    /// The instant of a wall-clock minute of a local date (minute 1440 is the next midnight).
    func instant(on date: CalendarDate, minute: Int) -> Instant {
        let local = LocalDateTime(date: date).adding(seconds: Int64(minute) * 60)
        return zone.instant(for: local)
    }

    private func startsAtMidnight(_ date: CalendarDate) -> Bool { hours(on: date).ranges.contains { $0.lowerBound == 0 } }

    private func endsAtMidnight(_ date: CalendarDate) -> Bool { hours(on: date).ranges.contains { $0.upperBound == 1440 } }
}
