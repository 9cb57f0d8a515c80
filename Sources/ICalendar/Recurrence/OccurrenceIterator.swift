/// Merges a set's rule streams and RDATEs in position order, collapses equal positions and
/// drops EXDATE/EXRULE matches; see `RecurrenceSet.sequence(from:to:)`.
public struct OccurrenceIterator: IteratorProtocol, Sendable {
    private struct Explicit: Sendable {
        let occurrence: Occurrence
        let day: Int
    }

    private var streams: [RuleStream]
    private var heads: [RuleStream.Item?]
    private var exclusionStreams: [RuleStream]
    private var exclusionHeads: [RuleStream.Item?]
    private let explicit: [Explicit]
    private var explicitIndex = 0
    private let excluded: Set<Int64>
    /// Days excluded by DATE EXDATEs in a DATE-TIME set (every instance that day goes).
    private let excludedDays: Set<Int>
    private let lowerBound: Int64?
    private let upperBound: Int64?
    private let timeLine: RecurrenceSet.TimeLine
    private let form: DateTimeForm?
    private var last: Int64?

    init(set: RecurrenceSet, lowerBound: Int64?, upperBound: Int64?) {
        let mapper = set.mapper
        let d0 = set.dtstart.local
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        timeLine = set.timeLine
        if case .dateTime(let value) = set.dtstart { form = value.form } else { form = nil }

        // Bounds far outside years 0…9999 (Int64.max as "no end") must not overflow the wall-time math.
        let extreme: Int64 = 400_000_000_000
        var from = lowerBound.map { mapper.local(position: min(max($0, -extreme), extreme)) }
        var through = upperBound.map { mapper.local(position: min(max($0, -extreme), extreme)) }
        if let zone = set.zone {
            // A wall time just before the window can be pushed into it by a DST gap (at most a
            // day long), and one just after can precede its end in an overlap.
            let day: Int64 = 86_400
            if let lowerBound,
                zone.offset(at: Instant(secondsSince1970: lowerBound)) != zone.offset(at: Instant(secondsSince1970: lowerBound - 2 * day))
            {
                from = from?.adding(seconds: -2 * day)
            }
            through = through?.adding(seconds: 2 * day)
        }
        func stream(_ rule: RecurrenceRule, includingDTStart: Bool) -> RuleStream {
            let iterator = rule.occurrences(dtstart: d0, from: from, through: through, includingDTStart: includingDTStart)
            return RuleStream(iterator: iterator, mapper: mapper, dtstart: d0, until: rule.until, exemptingDTStart: includingDTStart)
        }
        streams = set.rrules.map { stream($0, includingDTStart: true) }
        heads = Array(repeating: nil, count: streams.count)
        exclusionStreams = set.exrules.map { stream($0, includingDTStart: false) }
        exclusionHeads = Array(repeating: nil, count: exclusionStreams.count)
        for index in streams.indices { heads[index] = streams[index].next() }
        for index in exclusionStreams.indices { exclusionHeads[index] = exclusionStreams[index].next() }

        var explicit: [Explicit] = []
        var values: [(DateOrDateTime, RecurrenceDate?)] = set.rdates.map { ($0.start, $0) }
        // Without a rule, DTSTART is still the set's first instance.
        if set.rrules.isEmpty { values.insert((set.dtstart, nil), at: 0) }
        for (start, rdate) in values {
            let (local, position) = mapper.place(start)
            let shown: DateOrDateTime = set.timeLine == .date ? .date(local.date) : start
            let instant = set.timeLine == .instant ? Instant(secondsSince1970: position) : nil
            var period: PeriodValue?
            if case .period(let value)? = rdate { period = value }
            let occurrence = Occurrence(position: position, start: shown, instant: instant, period: period)
            explicit.append(Explicit(occurrence: occurrence, day: local.date.dayNumber))
        }
        self.explicit = explicit.enumerated().sorted { ($0.element.occurrence.position, $0.offset) < ($1.element.occurrence.position, $1.offset) }
            .map(\.element)

        var excluded = Set<Int64>()
        var excludedDays = Set<Int>()
        for value in set.exdates {
            if case .date(let date) = value, set.timeLine != .date {
                excludedDays.insert(date.dayNumber)
            } else {
                excluded.insert(mapper.place(value).position)
            }
        }
        self.excluded = excluded
        self.excludedDays = excludedDays
    }

    /// The next instance by position; nil past the upper bound or when every source is exhausted.
    public mutating func next() -> Occurrence? {
        while let (occurrence, day) = nextCandidate() {
            if let upperBound, occurrence.position >= upperBound { return nil }
            if occurrence.position == last { continue }
            last = occurrence.position
            if let lowerBound, occurrence.position < lowerBound { continue }
            if excluded.contains(occurrence.position) || excludedDays.contains(day) || matchesExclusionRule(occurrence.position) {
                continue
            }
            return occurrence
        }
        return nil
    }

    /// The smallest pending candidate across rule streams and explicit dates; rules win ties
    /// so a rule instance keeps its computed start when an RDATE repeats it.
    private mutating func nextCandidate() -> (Occurrence, Int)? {
        var best: Int?
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            if best.map({ head.position < heads[$0]!.position }) ?? true { best = index }
        }
        if explicitIndex < explicit.count {
            let candidate = explicit[explicitIndex]
            if best.map({ candidate.occurrence.position < heads[$0]!.position }) ?? true {
                explicitIndex += 1
                return (candidate.occurrence, candidate.day)
            }
        }
        guard let best, let item = heads[best] else { return nil }
        heads[best] = streams[best].next()
        return (ruleOccurrence(item), item.local.date.dayNumber)
    }

    private func ruleOccurrence(_ item: RuleStream.Item) -> Occurrence {
        let start: DateOrDateTime
        if let form {
            start = .dateTime(DateTimeValue(local: item.local, form: form))
        } else {
            start = .date(item.local.date)
        }
        let instant = timeLine == .instant ? Instant(secondsSince1970: item.position) : nil
        return Occurrence(position: item.position, start: start, instant: instant)
    }

    private mutating func matchesExclusionRule(_ position: Int64) -> Bool {
        var matched = false
        for index in exclusionStreams.indices {
            while let head = exclusionHeads[index], head.position < position {
                exclusionHeads[index] = exclusionStreams[index].next()
            }
            if exclusionHeads[index]?.position == position { matched = true }
        }
        return matched
    }
}
