extension RecurrenceSet {
    /// Wall-clock instances of one rule from `start` through `horizon`, at most `limit`.
    ///
    /// For VTIMEZONE observances (RFC 5545 §3.6.5), whose onsets are local times and whose
    /// UTC UNTIL is only meaningful with the observance's TZOFFSETFROM: a UTC UNTIL is moved
    /// to local time with `utcOffsetForUntil` before comparing; a DATE UNTIL keeps its whole day.
    public static func localOccurrences(
        of rule: RecurrenceRule, from start: LocalDateTime, until horizon: LocalDateTime, utcOffsetForUntil offset: Int, limit: Int
    ) -> [LocalDateTime] {
        var bound = horizon
        switch rule.until {
        case .dateTime(let value)?:
            bound = min(bound, value.form == .utc ? value.local.adding(seconds: Int64(offset)) : value.local)
        case .date(let date)?:
            bound = min(bound, LocalDateTime(date: date.adding(days: 1)).adding(seconds: -1))
        case nil:
            break
        }
        guard limit > 0, start <= bound else { return start <= horizon && limit > 0 ? [start] : [] }
        return Array(rule.occurrences(dtstart: start, through: bound).prefix(limit))
    }
}
