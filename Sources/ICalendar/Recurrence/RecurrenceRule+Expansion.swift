extension RecurrenceRule {
    /// The rule's instances on the naive wall-clock time line, lazily and in ascending order.
    ///
    /// DTSTART comes first (RFC 5545 §3.8.5.3) and counts toward COUNT (§3.3.10) unless
    /// `includingDTStart` is false (EXRULE-style use, where only pattern matches count).
    /// UNTIL is *not* applied: comparing it needs the time zone (a UTC UNTIL against a zoned
    /// DTSTART), so `RecurrenceSet` applies it on instants; pass `through` to bound a naive use.
    ///
    /// - Parameters:
    ///   - from: yield only instances at or after this wall time. Without COUNT the expansion
    ///     starts directly at the period containing `from`, so infinite rules cost only the
    ///     window; so do COUNT rules of a fixed period (see `fixedPeriodStep(dtstart:)`). Other
    ///     COUNT rules walk from DTSTART to count (stores bound their COUNT).
    ///   - through: stop after this wall time (inclusive).
    public func occurrences(
        dtstart: LocalDateTime, from: LocalDateTime? = nil, through: LocalDateTime? = nil, includingDTStart: Bool = true
    ) -> RecurrenceIterator {
        RecurrenceIterator(rule: self, dtstart: dtstart, from: from, through: through, includingDTStart: includingDTStart)
    }
}

/// Lazily expands one rule from one DTSTART on the naive time line; see
/// `RecurrenceRule.occurrences(dtstart:from:through:includingDTStart:)`.
public struct RecurrenceIterator: IteratorProtocol, Sequence, Sendable {
    private let dtstart: LocalDateTime
    private let count: Int?
    private let from: LocalDateTime?
    private let through: LocalDateTime?
    private let includingDTStart: Bool
    // Two optionals rather than an enum: optional chaining mutates in place, where an enum
    // payload would be copied (with its arrays) on every step.
    private var coarse: CoarsePeriodGenerator?
    private var subDaily: SubDailyGenerator?
    /// For fixed-period rules with COUNT: the step and the index of the next instance.
    private var arithmetic: (step: Int64, next: Int)?
    private var pendingDTStart: Bool
    private var produced = 0
    private var finished = false

    init(rule: RecurrenceRule, dtstart: LocalDateTime, from: LocalDateTime?, through: LocalDateTime?, includingDTStart: Bool) {
        let plan = ExpansionPlan(rule: rule, dtstart: dtstart)
        self.dtstart = dtstart
        count = rule.count
        self.from = from
        self.through = through
        self.includingDTStart = includingDTStart
        pendingDTStart = includingDTStart
        if let count = rule.count, let step = rule.fixedPeriodStep(dtstart: dtstart) {
            // Instance k is DTSTART + k × step, and k counts toward COUNT: start at the first
            // k not before `from` (DTSTART, instance 0, is the pattern's own first instance).
            var first = 0
            if let from, from > dtstart {
                let distance = from.naiveSeconds - dtstart.naiveSeconds
                first = Int(Swift.min(Int64(count), (distance + step - 1) / step))
            }
            arithmetic = (step, first)
            produced = first
            pendingDTStart = false
        } else if rule.frequency.isSubDaily {
            subDaily = SubDailyGenerator(plan: plan, from: from, through: through)
        } else {
            coarse = CoarsePeriodGenerator(plan: plan, from: from, through: through)
        }
    }

    /// The next wall time, ascending; nil after COUNT, `through`, or when the rule cannot match again.
    public mutating func next() -> LocalDateTime? {
        while !finished {
            if let count, produced >= count { break }
            let candidate: LocalDateTime
            if let (step, index) = arithmetic {
                let (offset, overflow) = step.multipliedReportingOverflow(by: Int64(index))
                guard !overflow, offset < 400_000_000_000 else { break }
                arithmetic = (step, index + 1)
                candidate = dtstart.adding(seconds: offset)
            } else if pendingDTStart {
                pendingDTStart = false
                candidate = dtstart
            } else {
                guard let value = coarse?.next() ?? subDaily?.next() else { break }
                // DTSTART was already yielded as instance #1; the pattern may produce it again.
                if includingDTStart && value == dtstart { continue }
                candidate = value
            }
            if let through, candidate > through { break }
            produced += 1
            if let from, candidate < from { continue }
            return candidate
        }
        finished = true
        return nil
    }
}
