extension RecurrenceRule {
    /// The most instances the rule can produce on one day: the frequency's periods in a day
    /// (for sub-daily rules, also capped by the times BYHOUR/BYMINUTE/BYSECOND allow) times the
    /// times of day each period expands to. An upper bound (BYSETPOS may select fewer), which a
    /// store compares against its density limit to refuse rules that would make one answer
    /// compute millions of instances.
    public var maxInstancesPerDay: Int {
        let hours = byHour.isEmpty ? nil : Set(byHour).count
        let minutes = byMinute.isEmpty ? nil : Set(byMinute).count
        let seconds = bySecond.isEmpty ? nil : Set(bySecond).count
        let interval = max(1, self.interval)
        func periods(_ perDay: Int) -> Int { (perDay + interval - 1) / interval }
        switch frequency {
        case .secondly:
            return min(periods(86_400), (hours ?? 24) * (minutes ?? 60) * (seconds ?? 60))
        case .minutely:
            return min(periods(1_440), (hours ?? 24) * (minutes ?? 60)) * (seconds ?? 1)
        case .hourly:
            return min(periods(24), hours ?? 24) * (minutes ?? 1) * (seconds ?? 1)
        case .daily, .weekly, .monthly, .yearly:
            return (hours ?? 1) * (minutes ?? 1) * (seconds ?? 1)
        }
    }

    /// Whether reaching a window needs walking every instance from DTSTART (COUNT without a
    /// fixed period); such rules' COUNT bounds the work of every expansion of them.
    public func countIsWalked(dtstart: LocalDateTime) -> Bool {
        count != nil && fixedPeriodStep(dtstart: dtstart) == nil
    }
}
