/// A rule with the DTSTART-derived defaults of RFC 5545 §3.3.10 filled in, in the
/// bitmask form the expansion loops test cheaply.
///
/// Building it once per expansion keeps the per-day work to a few bit tests.
struct ExpansionPlan: Sendable {
    let frequency: RecurrenceRule.Frequency
    let interval: Int
    let count: Int?
    let dtstart: LocalDateTime
    let weekStart: Weekday

    /// Bit `m` set for each allowed month; nil when BYMONTH is absent.
    let months: UInt16?
    /// Bits 1…31 for positive and for negative (counted from the month end) month days.
    let monthDays: SignedMask?
    let yearDays: SignedMask?
    let weekNumbers: SignedMask?
    /// Bit `weekday.rawValue` for BYDAY items that apply to every such weekday.
    let plainWeekdays: UInt8
    /// BYDAY items with an ordinal, only kept for MONTHLY and YEARLY.
    let ordinalWeekdays: [RecurrenceRule.WeekdayNum]
    let hasDayFilter: Bool
    /// Whether BYDAY ordinals count within the month (MONTHLY, or YEARLY with BYMONTH).
    let ordinalsCountInMonth: Bool

    /// Times of day in ascending order: the expansion lists for the periods they expand,
    /// and for sub-daily frequencies the limits tested on the period's own fields.
    let hours: [Int]
    let minutes: [Int]
    let seconds: [Int]
    let hourMask: UInt64?
    let minuteMask: UInt64?
    let secondMask: UInt64?
    /// BYSETPOS; empty when absent.
    let setPositions: [Int]

    init(rule: RecurrenceRule, dtstart: LocalDateTime) {
        frequency = rule.frequency
        interval = max(1, rule.interval)
        count = rule.count
        self.dtstart = dtstart
        weekStart = rule.weekStart
        var byMonth = rule.byMonth
        var byMonthDay = rule.byMonthDay
        var byDay = rule.byDay
        let freq = rule.frequency
        let noDaySelectors = rule.byMonthDay.isEmpty && rule.byDay.isEmpty && rule.byYearDay.isEmpty
        // §3.3.10: what the rule leaves out comes from DTSTART.
        switch freq {
        case .yearly where noDaySelectors && rule.byWeekNo.isEmpty:
            if byMonth.isEmpty { byMonth = [dtstart.date.month] }
            byMonthDay = [dtstart.date.day]
        case .yearly where noDaySelectors:
            byDay = [.init(dtstart.date.weekday)]
        case .monthly where noDaySelectors:
            byMonthDay = [dtstart.date.day]
        case .weekly where rule.byDay.isEmpty:
            byDay = [.init(dtstart.date.weekday)]
        default:
            break
        }
        months = byMonth.isEmpty ? nil : byMonth.reduce(UInt16(0)) { $0 | UInt16(1) << UInt16($1) }
        monthDays = SignedMask(byMonthDay)
        yearDays = SignedMask(rule.byYearDay)
        weekNumbers = freq == .yearly ? SignedMask(rule.byWeekNo) : nil
        // Ordinals only mean something in MONTHLY/YEARLY periods; elsewhere (which RFC 5545
        // forbids) the weekday alone is used.
        let ordinalsAllowed = freq == .monthly || freq == .yearly
        plainWeekdays = byDay.filter { $0.ordinal == nil || !ordinalsAllowed }.reduce(UInt8(0)) { $0 | UInt8(1) << $1.weekday.rawValue }
        ordinalWeekdays = ordinalsAllowed ? byDay.filter { $0.ordinal != nil } : []
        hasDayFilter = !byDay.isEmpty
        ordinalsCountInMonth = freq == .monthly || (freq == .yearly && !byMonth.isEmpty)

        let coarse = !freq.isSubDaily
        hours = Self.sorted(rule.byHour, default: coarse ? dtstart.hour : nil, full: 0...23)
        minutes = Self.sorted(rule.byMinute, default: coarse || freq == .hourly ? dtstart.minute : nil, full: 0...59)
        seconds = Self.sorted(rule.bySecond, default: freq != .secondly ? dtstart.second : nil, full: 0...60)
        hourMask = rule.byHour.isEmpty ? nil : Self.mask(rule.byHour)
        minuteMask = rule.byMinute.isEmpty ? nil : Self.mask(rule.byMinute)
        secondMask = rule.bySecond.isEmpty ? nil : Self.mask(rule.bySecond)
        setPositions = rule.bySetPos
    }

    private static func sorted(_ values: [Int], default value: Int?, full: ClosedRange<Int>) -> [Int] {
        if !values.isEmpty { return Array(Set(values)).sorted() }
        if let value { return [value] }
        return Array(full)
    }

    private static func mask(_ values: [Int]) -> UInt64 { values.reduce(UInt64(0)) { $0 | UInt64(1) << UInt64($1) } }

    /// Whether `day` passes every BYxxx date part (months, month days, year days, week
    /// numbers, weekdays) in the context of its calendar year.
    func matches(_ day: CalendarDate, dayNumber: Int, in year: YearInfo) -> Bool {
        if let months, months & (UInt16(1) << UInt16(day.month)) == 0 { return false }
        let monthLength = CalendarDate.daysIn(month: day.month, year: day.year)
        if let monthDays, !monthDays.contains(day.day, length: monthLength) { return false }
        let dayOfYear = dayNumber - year.firstDay + 1
        if let yearDays, !yearDays.contains(dayOfYear, length: year.length) { return false }
        if let weekNumbers {
            let week = year.week(of: dayNumber)
            if !weekNumbers.contains(week.number, length: week.weeksInYear) { return false }
        }
        guard hasDayFilter else { return true }
        let weekday = weekdayOf(dayNumber: dayNumber)
        if plainWeekdays & (UInt8(1) << weekday.rawValue) != 0 { return true }
        for item in ordinalWeekdays where item.weekday == weekday {
            let (index, length) = ordinalsCountInMonth ? (day.day, monthLength) : (dayOfYear, year.length)
            let fromStart = (index - 1) / 7 + 1
            let fromEnd = -((length - index) / 7 + 1)
            if item.ordinal == fromStart || item.ordinal == fromEnd { return true }
        }
        return false
    }
}

/// Which of 1…N and −N…−1 are allowed, as two bit sets; −1 is the last element.
struct SignedMask: Sendable {
    let positive: [UInt64]
    let negative: [UInt64]

    init?(_ values: [Int]) {
        guard !values.isEmpty else { return nil }
        var positive = [UInt64](repeating: 0, count: 6)
        var negative = [UInt64](repeating: 0, count: 6)
        for value in values where value != 0 && abs(value) < 384 {
            let n = abs(value)
            if value > 0 { positive[n >> 6] |= UInt64(1) << UInt64(n & 63) } else { negative[n >> 6] |= UInt64(1) << UInt64(n & 63) }
        }
        self.positive = positive
        self.negative = negative
    }

    /// Whether element `index` (1-based) of a sequence of `length` is selected.
    /// Indexes outside 1…383 (which a malformed rule or zone can produce) are never selected.
    func contains(_ index: Int, length: Int) -> Bool {
        guard index >= 1, index < 384 else { return false }
        if positive[index >> 6] & (UInt64(1) << UInt64(index & 63)) != 0 { return true }
        let fromEnd = length - index + 1
        return fromEnd >= 1 && fromEnd < 384 && negative[fromEnd >> 6] & (UInt64(1) << UInt64(fromEnd & 63)) != 0
    }
}

/// ISO weekday of a day number (1970-01-01 was a Thursday).
func weekdayOf(dayNumber: Int) -> Weekday {
    Weekday(rawValue: ((dayNumber % 7) + 7 + 3) % 7 + 1)!
}

/// Floor division, for day and period arithmetic before 1970.
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// The first day of the week (starting on `weekStart`) that contains `dayNumber`.
func weekStartDay(of dayNumber: Int, weekStart: Weekday) -> Int {
    let weekday = weekdayOf(dayNumber: dayNumber).rawValue
    return dayNumber - (weekday - weekStart.rawValue + 7) % 7
}
