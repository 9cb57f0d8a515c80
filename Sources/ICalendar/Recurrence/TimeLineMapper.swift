/// Places DTSTART-kind wall times and RDATE/EXDATE/UNTIL values on a set's time line.
///
/// Values of another kind than DTSTART (which RFC 5545 forbids but real data contains) are
/// read leniently: a floating value in a zoned set is in DTSTART's zone; a UTC or zoned
/// value in a floating set is read by its wall clock; a DATE-TIME in an all-day set by its
/// date. A TZID the resolver does not know falls back to DTSTART's zone.
struct TimeLineMapper: Sendable {
    let timeLine: RecurrenceSet.TimeLine
    /// DTSTART's zone; nil for UTC, floating and all-day sets.
    let zone: ZoneRules?
    /// DTSTART's TZID: values with the same TZID always use `zone`.
    let tzid: String?
    let resolver: TimeZoneResolver?
    /// DTSTART's time of day, given to DATE RDATEs in a DATE-TIME set.
    let timeOfDay: Int

    /// The position of a wall time read like DTSTART (in its zone, as UTC, or naive).
    func position(local: LocalDateTime) -> Int64 {
        switch timeLine {
        case .instant: return zone?.instant(for: local).secondsSince1970 ?? local.naiveSeconds
        case .floating: return local.naiveSeconds
        case .date: return Int64(local.date.dayNumber) * 86_400
        }
    }

    /// Whether `local` was moved by a DST gap (then later wall times can map to earlier instants).
    func isShifted(_ local: LocalDateTime, position: Int64) -> Bool {
        guard let zone else { return false }
        return zone.local(for: Instant(secondsSince1970: position)) != local
    }

    /// The wall time of a position, for turning window bounds into expansion bounds.
    func local(position: Int64) -> LocalDateTime {
        if let zone { return zone.local(for: Instant(secondsSince1970: position)) }
        return LocalDateTime(naiveSeconds: position)
    }

    /// The wall time and position of an explicit DATE or DATE-TIME value.
    func place(_ value: DateOrDateTime) -> (local: LocalDateTime, position: Int64) {
        switch value {
        case .date(let date):
            let local = timeLine == .date ? LocalDateTime(date: date) : LocalDateTime(naiveSeconds: Int64(date.dayNumber) * 86_400 + Int64(timeOfDay))
            return (local, position(local: local))
        case .dateTime(let dateTime):
            guard timeLine == .instant else { return (dateTime.local, position(local: dateTime.local)) }
            switch dateTime.form {
            case .utc:
                let instant = Instant(utc: dateTime.local)
                return (zone?.local(for: instant) ?? dateTime.local, instant.secondsSince1970)
            case .floating:
                return (dateTime.local, position(local: dateTime.local))
            case .zoned(let tzid):
                guard tzid != self.tzid, let other = resolver?.rules(for: tzid), other !== zone else {
                    return (dateTime.local, position(local: dateTime.local))
                }
                let instant = other.instant(for: dateTime.local)
                return (zone?.local(for: instant) ?? instant.utc, instant.secondsSince1970)
            }
        }
    }

    /// The last position UNTIL allows. A DATE UNTIL with a DATE-TIME DTSTART (RFC 5545 wants
    /// matching types) is read as the end of that day in DTSTART's zone, which keeps every
    /// instance dated that day, as clients that write it intend. A DATE-TIME UNTIL with an
    /// all-day DTSTART keeps instances through its date.
    func untilPosition(_ until: DateOrDateTime) -> Int64 {
        switch (until, timeLine) {
        case (.date(let date), .date): return Int64(date.dayNumber) * 86_400
        case (.dateTime(let value), .date): return Int64(value.local.date.dayNumber) * 86_400
        case (.date(let date), _): return position(local: LocalDateTime(date: date.adding(days: 1))) - 1
        case (.dateTime, _): return place(until).position
        }
    }
}
