/// UTC offsets of one time zone over time, and the RFC 5545 mapping from wall time to instants.
///
/// Both IANA zones and VTIMEZONE-defined zones reduce to the same thing: an offset before
/// the first known transition and a sorted list of transitions. Lookups are binary searches,
/// so expanding thousands of recurrences never calls back into ICU.
///
/// ## Topics
/// - Sources: ``ZoneRules/iana(_:)``, ``VTimeZoneRules``, ``TimeZoneResolver``
/// - Mapping: ``instant(for:)``, ``offset(at:)``, ``local(for:)``
public final class ZoneRules: Sendable, CustomStringConvertible {
    /// One change of offset: from `instant` on, the offset is `offsetAfter`.
    public struct Transition: Hashable, Sendable {
        public var instant: Int64
        public var offsetAfter: Int

        public init(instant: Int64, offsetAfter: Int) {
            self.instant = instant
            self.offsetAfter = offsetAfter
        }
    }

    /// The zone's identifier (IANA name or the VTIMEZONE's TZID).
    public let identifier: String
    /// Offset in force before the first transition.
    public let initialOffset: Int
    /// Transitions sorted by instant.
    public let transitions: [Transition]
    /// Offset in force after the last stored transition, when the zone keeps changing past
    /// the table (handled by `tail`).
    let tail: (@Sendable (Int64) -> Int)?

    public init(identifier: String, initialOffset: Int, transitions: [Transition], tail: (@Sendable (Int64) -> Int)? = nil) {
        self.identifier = identifier
        self.initialOffset = initialOffset
        self.transitions = transitions.sorted { $0.instant < $1.instant }
        self.tail = tail
    }

    /// A zone with a single constant offset (UTC, `Etc/GMT+3`, a VTIMEZONE with one observance).
    public static func fixed(identifier: String, offset: Int) -> ZoneRules {
        ZoneRules(identifier: identifier, initialOffset: offset, transitions: [])
    }

    public var description: String { identifier }

    /// Seconds east of UTC in force at `instant`.
    public func offset(at instant: Instant) -> Int { offset(atSeconds: instant.secondsSince1970) }

    func offset(atSeconds t: Int64) -> Int {
        if let last = transitions.last, t >= last.instant, let tail { return tail(t) }
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid].instant <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : transitions[low - 1].offsetAfter
    }

    /// The wall-clock reading of `instant` in this zone.
    public func local(for instant: Instant) -> LocalDateTime {
        LocalDateTime(naiveSeconds: instant.secondsSince1970 + Int64(offset(at: instant)))
    }

    /// The instant a wall-clock time means here (RFC 5545 §3.3.5): a time that occurs twice
    /// means the first (earlier) one; a time skipped by a gap is read with the offset from
    /// before the gap, which moves it forward by the gap's length.
    public func instant(for local: LocalDateTime) -> Instant {
        let naive = local.naiveSeconds
        // Offsets are under a day, so the offsets a day either side bracket every candidate.
        let early = offset(atSeconds: naive - 86_400)
        let late = offset(atSeconds: naive + 86_400)
        if early == late, offset(atSeconds: naive - Int64(early)) == early {
            return Instant(secondsSince1970: naive - Int64(early))
        }
        var best: Int64?
        for candidate in candidateOffsets(around: naive) {
            let utc = naive - Int64(candidate)
            if offset(atSeconds: utc) == candidate, best.map({ utc < $0 }) ?? true { best = utc }
        }
        if let best { return Instant(secondsSince1970: best) }
        // In a gap: use the offset in force just before the transition that made the gap.
        let before = offsetBeforeGap(containing: naive)
        return Instant(secondsSince1970: naive - Int64(before))
    }

    /// Every offset in force within a day of the naive time.
    private func candidateOffsets(around naive: Int64) -> [Int] {
        var result = [offset(atSeconds: naive - 86_400)]
        for transition in transitions where transition.instant > naive - 2 * 86_400 && transition.instant < naive + 2 * 86_400 {
            if !result.contains(transition.offsetAfter) { result.append(transition.offsetAfter) }
        }
        let late = offset(atSeconds: naive + 86_400)
        if !result.contains(late) { result.append(late) }
        return result
    }

    /// The offset in force before the latest transition at or before `naive` read with that
    /// transition's new offset — i.e. the transition that skipped over this wall time.
    private func offsetBeforeGap(containing naive: Int64) -> Int {
        var previous = offset(atSeconds: naive - 86_400)
        var time = naive - 86_400
        while time < naive + 86_400 {
            let next = nextTransition(after: time)
            guard let next, next.instant < naive + 86_400 else { break }
            // A gap transition at T skips local [T + before, T + after).
            if naive >= next.instant + Int64(previous), naive < next.instant + Int64(next.offsetAfter) { return previous }
            previous = next.offsetAfter
            time = next.instant
        }
        return offset(atSeconds: naive - 86_400)
    }

    private func nextTransition(after t: Int64) -> Transition? {
        if let last = transitions.last, t >= last.instant, let tail {
            // Beyond the table: find the change by bisection over the next two days.
            let base = tail(t)
            var high = t + 2 * 86_400
            guard tail(high) != base else { return nil }
            var low = t
            while high - low > 1 {
                let mid = (low + high) / 2
                if tail(mid) == base { low = mid } else { high = mid }
            }
            return Transition(instant: high, offsetAfter: tail(high))
        }
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid].instant <= t { low = mid + 1 } else { high = mid }
        }
        return low < transitions.count ? transitions[low] : nil
    }
}
