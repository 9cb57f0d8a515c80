extension InstanceExpander {
    /// One generated occurrence: where it starts, its RECURRENCE-ID value, and the explicit
    /// end an RDATE PERIOD gives it.
    struct GeneratedOccurrence {
        var instant: Instant
        var value: DateOrDateTime
        var periodEnd: Instant?
    }

    /// Builds the component's `RecurrenceSet` and reads the occurrences that start in
    /// `window`, converting floating and all-day positions with the floating zone.
    static func occurrences(of component: Component, timing: Timing, context: Context, window: Range<Instant>, limit: Int) -> [GeneratedOccurrence] {
        let rules = component.properties(named: "RRULE").compactMap { try? $0.recurrenceRule(lenient: true) }.filter(\.isGregorian)
        let exrules = component.properties(named: "EXRULE").compactMap { try? $0.recurrenceRule(lenient: true) }
        let rdates = component.properties(named: "RDATE").flatMap { (try? $0.recurrenceDates()) ?? [] }
        let exdates = component.properties(named: "EXDATE").flatMap { (try? $0.dateList()) ?? [] }
        let startZone = context.zone(for: timing.startValue)
        guard
            let set = try? RecurrenceSet(
                dtstart: timing.startValue, rrules: rules, exrules: exrules, rdates: rdates, exdates: exdates,
                zone: timing.startValue.tzid == nil ? nil : startZone, resolver: context.resolver)
        else { return [] }
        let positions: Range<Int64>
        switch set.timeLine {
        case .instant:
            positions = window.lowerBound.secondsSince1970..<window.upperBound.secondsSince1970
        case .floating, .date:
            // Naive positions: widen by a day on each side, the largest possible zone offset.
            let lower = startZone.local(for: window.lowerBound).naiveSeconds - 86_400
            let upper = startZone.local(for: window.upperBound).naiveSeconds + 86_400
            positions = lower..<max(lower, upper)
        }
        var result: [GeneratedOccurrence] = []
        for occurrence in set.sequence(from: positions.lowerBound, to: positions.upperBound) {
            let instant = occurrence.instant ?? context.instant(occurrence.start)
            var periodEnd: Instant?
            if let period = occurrence.period {
                switch period.end {
                case .explicit(let end): periodEnd = context.instant(.dateTime(end))
                case .duration(let duration): periodEnd = instant.adding(seconds: duration.nominalSeconds)
                }
            }
            result.append(GeneratedOccurrence(instant: instant, value: occurrence.start, periodEnd: periodEnd))
            if result.count >= limit { break }
        }
        return result
    }
}
