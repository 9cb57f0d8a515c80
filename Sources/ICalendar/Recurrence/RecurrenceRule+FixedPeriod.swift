extension RecurrenceRule {
    /// The distance between consecutive instances on the naive time line when it never
    /// varies: SECONDLY to WEEKLY rules with no BYxxx part (a WEEKLY BYDAY of DTSTART's own
    /// weekday alone changes nothing) and no calendar-system extension. Instance *k* (from 0)
    /// is then DTSTART + *k* × step, so a window far from DTSTART is reached by arithmetic
    /// instead of walking every instance before it — what keeps `FREQ=SECONDLY;COUNT=…`
    /// from years ago as cheap as a rule without COUNT. nil for every other rule.
    func fixedPeriodStep(dtstart: LocalDateTime) -> Int64? {
        let unit: Int64
        switch frequency {
        case .secondly: unit = 1
        case .minutely: unit = 60
        case .hourly: unit = 3_600
        case .daily: unit = 86_400
        case .weekly: unit = 7 * 86_400
        case .monthly, .yearly: return nil
        }
        guard bySecond.isEmpty, byMinute.isEmpty, byHour.isEmpty, byMonthDay.isEmpty, byYearDay.isEmpty, byWeekNo.isEmpty, byMonth.isEmpty,
            bySetPos.isEmpty, extensionParts.allSatisfy({ $0.name.hasPrefix("X-") })
        else { return nil }
        if !byDay.isEmpty {
            guard frequency == .weekly, byDay.count == 1, byDay[0].ordinal == nil, byDay[0].weekday == dtstart.date.weekday else { return nil }
        }
        let (step, overflow) = Int64(max(1, interval)).multipliedReportingOverflow(by: unit)
        return overflow ? nil : step
    }
}
