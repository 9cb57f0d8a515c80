/// The instances of a recurring component (RFC 5545 §3.8.5): DTSTART, the RRULE
/// expansions and RDATEs, minus EXDATEs and EXRULE expansions.
///
/// Rules follow RFC 5545 as the project reads it (see the rrule oracle README): rules expand
/// on wall-clock time; DTSTART is always the first instance and counts toward COUNT; a wall
/// time in a DST gap moves forward by the gap (offset from before the gap) and an ambiguous
/// one means its first occurrence (§3.3.5); UNTIL is inclusive and compared as an instant;
/// EXDATE applies after COUNT; instances with equal positions collapse into one.
///
/// The zone comes in as a parameter rather than being looked up from the TZID, so zones
/// from VTIMEZONE components work the same as IANA ones.
public struct RecurrenceSet: Sendable {
    /// What an `Occurrence.position` measures.
    public enum TimeLine: Hashable, Sendable {
        /// UTC seconds: DTSTART is zoned or UTC.
        case instant
        /// Naive wall-clock seconds: DTSTART is a floating DATE-TIME.
        case floating
        /// Naive seconds of each day's midnight: DTSTART is a DATE.
        case date
    }

    /// The first instance; its kind (DATE, floating, UTC, zoned) decides the time line.
    public let dtstart: DateOrDateTime
    /// RRULEs; several are allowed (RFC 5545 says SHOULD NOT, but real data has them).
    public let rrules: [RecurrenceRule]
    /// EXRULEs (RFC 2445, deprecated by RFC 5545): their pattern matches are removed. DTSTART is
    /// not implicitly one of their instances, or every EXRULE would remove DTSTART.
    public let exrules: [RecurrenceRule]
    /// RDATEs, added after the rules; an RDATE equal to an instance collapses into it.
    public let rdates: [RecurrenceDate]
    /// EXDATEs, matched on position; a DATE EXDATE in a DATE-TIME set removes its whole day.
    public let exdates: [DateOrDateTime]
    /// DTSTART's zone, when DTSTART has a TZID.
    public let zone: ZoneRules?
    /// What occurrence positions measure, from DTSTART's kind.
    public let timeLine: TimeLine
    let mapper: TimeLineMapper

    /// - Parameters:
    ///   - zone: the rules for DTSTART's TZID; required when DTSTART has one.
    ///   - resolver: resolves TZIDs on RDATE/EXDATE values that differ from DTSTART's; values
    ///     whose TZID it does not know (or all of them, without a resolver) use `zone`.
    /// - Throws: `ICalendarError.unknownTimeZone` when DTSTART is zoned and `zone` is nil.
    public init(
        dtstart: DateOrDateTime, rrules: [RecurrenceRule] = [], exrules: [RecurrenceRule] = [], rdates: [RecurrenceDate] = [],
        exdates: [DateOrDateTime] = [], zone: ZoneRules? = nil, resolver: TimeZoneResolver? = nil
    ) throws(ICalendarError) {
        let timeLine: TimeLine
        switch dtstart {
        case .date: timeLine = .date
        case .dateTime(let value):
            switch value.form {
            case .floating: timeLine = .floating
            case .utc: timeLine = .instant
            case .zoned(let tzid):
                guard zone != nil else { throw .unknownTimeZone(line: 0, tzid: tzid) }
                timeLine = .instant
            }
        }
        self.dtstart = dtstart
        self.rrules = rrules
        self.exrules = exrules
        self.rdates = rdates
        self.exdates = exdates
        self.zone = dtstart.tzid == nil ? nil : zone
        self.timeLine = timeLine
        mapper = TimeLineMapper(timeLine: timeLine, zone: self.zone, tzid: dtstart.tzid, resolver: resolver, timeOfDay: dtstart.local.secondsOfDay)
    }

    /// The position a wall time of DTSTART's kind has on this set's time line, for turning
    /// local window bounds into positions.
    public func position(of local: LocalDateTime) -> Int64 { mapper.position(local: local) }

    /// Instances whose start position lies in `window`, sorted and unique.
    public func occurrences(inPositions window: Range<Int64>) -> [Occurrence] {
        Array(sequence(from: window.lowerBound, to: window.upperBound))
    }

    /// Instances starting in `window`. For floating and all-day sets the instants' UTC wall
    /// readings are used as local times; callers with a viewer's zone should convert the
    /// bounds and use `occurrences(inLocal:)`.
    public func occurrences(in window: Range<Instant>) -> [Occurrence] {
        occurrences(inPositions: window.lowerBound.secondsSince1970..<window.upperBound.secondsSince1970)
    }

    /// Instances starting in `window`, whose bounds are wall times read like DTSTART.
    public func occurrences(inLocal window: Range<LocalDateTime>) -> [Occurrence] {
        let lower = mapper.position(local: window.lowerBound)
        return occurrences(inPositions: lower..<max(lower, mapper.position(local: window.upperBound)))
    }

    /// The first `limit` instances.
    public func occurrences(limit: Int) -> [Occurrence] { Array(sequence().prefix(limit)) }

    /// All instances with a position in `[lowerBound, upperBound)`, lazily and in order. Rules
    /// without COUNT start expanding at the lower bound, so an infinite rule costs only the
    /// instances actually read.
    public func sequence(from lowerBound: Int64? = nil, to upperBound: Int64? = nil) -> Occurrences {
        Occurrences(set: self, lowerBound: lowerBound, upperBound: upperBound)
    }

    /// A lazy, sorted, duplicate-free sequence of a set's instances; see `RecurrenceSet.sequence(from:to:)`.
    public struct Occurrences: Sequence, Sendable {
        let set: RecurrenceSet
        let lowerBound: Int64?
        let upperBound: Int64?

        /// Starts a fresh expansion; each iterator is independent.
        public func makeIterator() -> OccurrenceIterator {
            OccurrenceIterator(set: set, lowerBound: lowerBound, upperBound: upperBound)
        }
    }
}
