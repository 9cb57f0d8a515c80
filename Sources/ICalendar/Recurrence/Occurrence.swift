extension RecurrenceDate {
    /// Where the added instance starts (a PERIOD's start).
    public var start: DateOrDateTime {
        switch self {
        case .date(let date): return .date(date)
        case .dateTime(let value): return .dateTime(value)
        case .period(let period): return .dateTime(period.start)
        }
    }
}

/// One instance of a recurrence set.
///
/// `position` is what sets compare, sort and collapse on: UTC seconds (the instant) when the
/// set is anchored to the time line (zoned or UTC DTSTART), naive wall-clock seconds
/// (`LocalDateTime.naiveSeconds`) when it is floating or all-day. Keeping the nominal start
/// next to it matters because RECURRENCE-ID names the computed wall time, even when a DST
/// gap moved the actual instant.
public struct Occurrence: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Seconds on the set's time line; see the type's documentation.
    public var position: Int64
    /// The start as computed (rule instances) or as written (RDATE), in DTSTART's form for
    /// rule instances: a DATE, or a DATE-TIME with DTSTART's TZID, `Z` or floating form.
    public var start: DateOrDateTime
    /// The instant the start maps to, for anchored sets; nil for floating and all-day sets,
    /// which only get an instant once a viewer's zone is chosen.
    public var instant: Instant?
    /// The RDATE period that produced this instance, when it came from `RDATE;VALUE=PERIOD`.
    public var period: PeriodValue?

    public init(position: Int64, start: DateOrDateTime, instant: Instant? = nil, period: PeriodValue? = nil) {
        self.position = position
        self.start = start
        self.instant = instant
        self.period = period
    }

    public static func < (lhs: Occurrence, rhs: Occurrence) -> Bool { lhs.position < rhs.position }

    /// RFC 3339 UTC for anchored instances, `YYYY-MM-DDTHH:MM:SS` for floating ones and
    /// `YYYY-MM-DD` for all-day ones: the forms the recurrence oracle uses.
    public var description: String {
        if let instant { return instant.description }
        if start.isDate { return CalendarDate(dayNumber: Int(floorDiv64(position, 86_400))).isoString }
        return LocalDateTime(naiveSeconds: position).isoString
    }
}
