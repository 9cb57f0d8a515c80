public import ICalendar

/// Why an instant is, or is not, a bookable slot start — what users of every booking tool
/// ask for when a slot they expected is missing.
public struct SlotExplanation: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The local date has no hours at that time (weekly hours).
        case outsideWeeklyHours(date: CalendarDate)
        /// An `unavailable` override removes the local date.
        case dateUnavailable(date: CalendarDate, reason: String?)
        /// A `custom` override replaced the date's hours and this time is not in them.
        case outsideOverrideHours(date: CalendarDate, reason: String?)
        /// Inside hours, but not a start on the slot grid of its range.
        case notOnSlotGrid(previous: Instant, next: Instant)
        /// The slot would run past the end of the available range.
        case runsPastHours(rangeEnd: Instant)
        /// The slot itself overlaps busy time.
        case busy(label: String?, source: BusyInterval.Source, start: Instant, end: Instant)
        /// Only the buffers around the slot, or around a booking of this type, meet busy time.
        case insideBuffer(label: String?, source: BusyInterval.Source)
        case beforeMinimumNotice(earliest: Instant)
        case beyondBookingWindow(date: CalendarDate)
        case dayLimitReached(date: CalendarDate, bookings: Int, max: Int)
        case weekLimitReached(weekStarting: CalendarDate, bookings: Int, max: Int)
        case scheduleInactive

        public var description: String {
            switch self {
            case .outsideWeeklyHours(let date): return "outside weekly hours on \(date.isoString)"
            case .dateUnavailable(let date, let reason): return "\(date.isoString) is unavailable" + (reason.map { " (\($0))" } ?? "")
            case .outsideOverrideHours(let date, let reason):
                return "outside the custom hours of \(date.isoString)" + (reason.map { " (\($0))" } ?? "")
            case .notOnSlotGrid(let previous, let next): return "not a slot start (nearest: \(previous) and \(next))"
            case .runsPastHours(let end): return "would end after the available hours end at \(end)"
            case .busy(let label, let source, let start, let end):
                return "busy with \(label ?? source.rawValue) from \(start) to \(end)"
            case .insideBuffer(let label, let source): return "inside the buffer around \(label ?? source.rawValue)"
            case .beforeMinimumNotice(let earliest): return "before the minimum notice (earliest \(earliest))"
            case .beyondBookingWindow(let date): return "\(date.isoString) is beyond the booking window"
            case .dayLimitReached(let date, let count, let max): return "day limit reached on \(date.isoString) (\(count) of \(max))"
            case .weekLimitReached(let monday, let count, let max):
                return "week limit reached for the week of \(monday.isoString) (\(count) of \(max))"
            case .scheduleInactive: return "the schedule is inactive"
            }
        }
    }

    public var instant: Instant
    /// Empty when the instant is a bookable slot start.
    public var reasons: [Reason]
    public var isBookable: Bool { reasons.isEmpty }

    public var description: String {
        isBookable ? "\(instant) is bookable" : "\(instant) is not bookable: " + reasons.map(\.description).joined(separator: "; ")
    }
}

extension CompiledSchedule {
    /// Every rule that stops a slot starting at `instant`, or none when it is bookable. Agrees
    /// with ``slots(for:busy:window:now:)`` by construction: both use the same range grid and checks.
    public func explain(_ instant: Instant, limits: CompiledLimits, busy: [BusyInterval], now: Instant) -> SlotExplanation {
        var reasons: [SlotExplanation.Reason] = []
        if !schedule.isActive { reasons.append(.scheduleInactive) }
        let t = instant.secondsSince1970
        let date = zone.local(for: instant).date
        let probe = instant..<instant.adding(seconds: 1)
        if let range = availableRanges(meeting: probe).first(where: { $0.start <= instant && instant < $0.end }) {
            let offset = t - range.start.secondsSince1970
            if offset % limits.step != 0 {
                let previous = range.start.secondsSince1970 + offset / limits.step * limits.step
                reasons.append(.notOnSlotGrid(previous: Instant(secondsSince1970: previous), next: Instant(secondsSince1970: previous + limits.step)))
            }
            if t + limits.duration > range.end.secondsSince1970 { reasons.append(.runsPastHours(rangeEnd: range.end)) }
        } else {
            switch hours(on: date).source {
            case .weekly: reasons.append(.outsideWeeklyHours(date: date))
            case .unavailableOverride(let reason): reasons.append(.dateUnavailable(date: date, reason: reason))
            case .customOverride(let reason): reasons.append(.outsideOverrideHours(date: date, reason: reason))
            }
        }
        let earliest = now.secondsSince1970 + limits.notice
        if t < earliest { reasons.append(.beforeMinimumNotice(earliest: Instant(secondsSince1970: earliest))) }
        reasons += busyReasons(start: t, limits: limits, busy: busy)
        let today = zone.local(for: now).date
        if !limits.allows(date, today: today) { reasons.append(.beyondBookingWindow(date: date)) }
        let index = BusyIndex(busy, limits: limits, zone: zone)
        if let max = limits.limits.maxBookingsPerDay, index.perDay[date.dayNumber, default: 0] >= max {
            reasons.append(.dayLimitReached(date: date, bookings: index.perDay[date.dayNumber, default: 0], max: max))
        }
        let week = BusyIndex.weekKey(date)
        if let max = limits.limits.maxBookingsPerWeek, index.perWeek[week, default: 0] >= max {
            reasons.append(.weekLimitReached(weekStarting: CalendarDate(dayNumber: week), bookings: index.perWeek[week, default: 0], max: max))
        }
        return SlotExplanation(instant: instant, reasons: reasons)
    }

    /// Busy time the slot overlaps, and busy time only its buffers (or a booking's) meet.
    private func busyReasons(start t: Int64, limits: CompiledLimits, busy: [BusyInterval]) -> [SlotExplanation.Reason] {
        var reasons: [SlotExplanation.Reason] = []
        let end = t + limits.duration
        for interval in busy where interval.end > interval.start {
            let s = interval.start.secondsSince1970
            let e = interval.end.secondsSince1970
            if s < end && e > t {
                reasons.append(.busy(label: interval.label, source: interval.source, start: interval.start, end: interval.end))
                continue
            }
            let padded = interval.sameEventType && interval.source == .booking
            let ps = padded ? s - limits.before : s
            let pe = padded ? e + limits.after : e
            if ps < end + limits.after && pe > t - limits.before {
                reasons.append(.insideBuffer(label: interval.label, source: interval.source))
            }
        }
        return reasons
    }
}
