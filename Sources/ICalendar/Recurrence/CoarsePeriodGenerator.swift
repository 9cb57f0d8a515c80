/// Expands YEARLY, MONTHLY, WEEKLY and DAILY rules one period at a time.
///
/// A period's candidates are its matching days × the rule's times of day, both sorted, so
/// the product is sorted too; BYSETPOS picks from that product by index without building
/// it (a YEARLY rule with every BYHOUR/BYMINUTE/BYSECOND would have millions).
struct CoarsePeriodGenerator: Sendable {
    private let plan: ExpansionPlan
    private let times: [TimeOfDay]
    private var periodIndex: Int
    private var loaded = false
    private var years: YearCache
    private var days: [CalendarDate] = []
    private var selection: [Int]?
    private var cursor = 0
    private var emptyRun = 0
    private let maxEmptyRun: Int
    private let lastDay: Int?

    /// Starts at the period that contains `from` (INTERVAL-aligned with DTSTART's period) and
    /// stops after the period that contains `through`.
    init(plan: ExpansionPlan, from: LocalDateTime?, through: LocalDateTime?) {
        self.plan = plan
        var times: [TimeOfDay] = []
        for hour in plan.hours {
            for minute in plan.minutes {
                for second in plan.seconds { times.append(TimeOfDay(hour: hour, minute: minute, second: second)) }
            }
        }
        self.times = times
        years = YearCache(weekStart: plan.weekStart)
        lastDay = through?.date.dayNumber
        periodIndex = 0
        if plan.count == nil, let from, from > plan.dtstart {
            let units = Self.unitsBetween(plan.dtstart, from, plan: plan)
            periodIndex = max(0, floorDiv(units, plan.interval) * plan.interval)
        }
        // Every calendar pattern repeats after 400 Gregorian years, so that many periods in a
        // row without a candidate means the rule can never produce one (BYMONTHDAY=30;BYMONTH=2).
        let cycle: Int
        switch plan.frequency {
        case .yearly: cycle = 400
        case .monthly: cycle = 4800
        case .weekly: cycle = 20_871
        default: cycle = 146_097
        }
        maxEmptyRun = cycle / gcd(cycle, plan.interval) + 1
    }

    /// Periods (in FREQ units) from DTSTART's period to the one containing `date`.
    private static func unitsBetween(_ start: LocalDateTime, _ date: LocalDateTime, plan: ExpansionPlan) -> Int {
        switch plan.frequency {
        case .yearly: return date.date.year - start.date.year
        case .monthly: return (date.date.year * 12 + date.date.month) - (start.date.year * 12 + start.date.month)
        case .weekly:
            let weekStart = plan.weekStart
            return (weekStartDay(of: date.date.dayNumber, weekStart: weekStart) - weekStartDay(of: start.date.dayNumber, weekStart: weekStart)) / 7
        default: return date.date.dayNumber - start.date.dayNumber
        }
    }

    /// The next candidate at or after DTSTART, in ascending order; nil when the rule is exhausted.
    mutating func next() -> LocalDateTime? {
        while true {
            let available = selection?.count ?? days.count * times.count
            if cursor < available {
                let flat = selection?[cursor] ?? cursor
                cursor += 1
                let time = times[flat % times.count]
                let value = LocalDateTime(date: days[flat / times.count], hour: time.hour, minute: time.minute, second: time.second)
                if value < plan.dtstart { continue }
                return value
            }
            guard loadNextPeriod() else { return nil }
        }
    }

    private mutating func loadNextPeriod() -> Bool {
        if loaded { periodIndex += plan.interval }
        loaded = true
        cursor = 0
        selection = nil
        guard let first = firstDay(ofPeriod: periodIndex), first <= lastExpandableDay else { return false }
        if let lastDay, first > lastDay { return false }
        days = matchingDays(ofPeriod: periodIndex)
        if !plan.setPositions.isEmpty {
            selection = selectPositions(plan.setPositions, count: days.count * times.count)
        }
        if (selection?.count ?? days.count * times.count) == 0 {
            emptyRun += 1
            return emptyRun <= maxEmptyRun
        }
        emptyRun = 0
        return true
    }

    /// Day number of the period's first day; nil beyond the representable calendar.
    private func firstDay(ofPeriod index: Int) -> Int? {
        let d0 = plan.dtstart.date
        switch plan.frequency {
        case .yearly:
            guard d0.year + index <= 9999 else { return nil }
            return CalendarDate(year: d0.year + index, month: 1, day: 1).dayNumber
        case .monthly:
            let month = d0.year * 12 + d0.month - 1 + index
            guard month < 10_000 * 12 else { return nil }
            return CalendarDate(year: floorDiv(month, 12), month: month - floorDiv(month, 12) * 12 + 1, day: 1).dayNumber
        case .weekly: return weekStartDay(of: d0.dayNumber, weekStart: plan.weekStart) + 7 * index
        default: return d0.dayNumber + index
        }
    }

    private mutating func matchingDays(ofPeriod index: Int) -> [CalendarDate] {
        let d0 = plan.dtstart.date
        var result: [CalendarDate] = []
        switch plan.frequency {
        case .yearly:
            let year = d0.year + index
            for month in 1...12 where plan.months.map({ $0 & (UInt16(1) << UInt16(month)) != 0 }) ?? true {
                appendMatches(year: year, month: month, to: &result)
            }
        case .monthly:
            let month = d0.year * 12 + d0.month - 1 + index
            appendMatches(year: floorDiv(month, 12), month: month - floorDiv(month, 12) * 12 + 1, to: &result)
        default:
            let first = firstDay(ofPeriod: index)!
            for dayNumber in first..<first + (plan.frequency == .weekly ? 7 : 1) {
                let date = CalendarDate(dayNumber: dayNumber)
                if plan.matches(date, dayNumber: dayNumber, in: years.info(for: date.year)) { result.append(date) }
            }
        }
        return result
    }

    private mutating func appendMatches(year: Int, month: Int, to result: inout [CalendarDate]) {
        let info = years.info(for: year)
        var dayNumber = CalendarDate(year: year, month: month, day: 1).dayNumber
        for day in 1...CalendarDate.daysIn(month: month, year: year) {
            let date = CalendarDate(year: year, month: month, day: day)
            if plan.matches(date, dayNumber: dayNumber, in: info) { result.append(date) }
            dayNumber += 1
        }
    }
}

/// The last day an expansion reaches: RFC 5545 years have four digits, so later instances
/// could not even be written down. It also keeps huge INTERVALs from overflowing.
let lastExpandableDay = CalendarDate(year: 9999, month: 12, day: 31).dayNumber

/// A wall-clock time of day; second 60 is a leap second (RFC 5545 allows BYSECOND=60).
struct TimeOfDay: Hashable, Sendable {
    let hour: Int
    let minute: Int
    let second: Int
}

/// BYSETPOS: the 0-based indexes, ascending and unique, that positions select from `count`
/// sorted candidates (1 is the first, −1 the last; out-of-range positions select nothing).
func selectPositions(_ positions: [Int], count: Int) -> [Int] {
    var picked = Set<Int>()
    for position in positions {
        let index = position > 0 ? position - 1 : count + position
        if index >= 0, index < count { picked.insert(index) }
    }
    return picked.sorted()
}

func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
