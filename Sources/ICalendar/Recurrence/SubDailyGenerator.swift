/// Expands HOURLY, MINUTELY and SECONDLY rules, walking day by day.
///
/// Periods start at DTSTART (truncated to the hour or minute) and step INTERVAL units on the
/// naive time line. Days that fail the date parts are skipped whole, and within a day only
/// the periods allowed by BYHOUR/BYMINUTE/BYSECOND (which *limit* these frequencies) are
/// visited, through whichever is shorter: the list of allowed times or the INTERVAL grid.
/// That keeps a SECONDLY rule with BYHOUR=9 from testing 86,400 periods per day.
struct SubDailyGenerator: Sendable {
    private static let secondsPerDay: Int64 = 86_400
    /// 400 Gregorian years, after which every calendar pattern repeats.
    private static let cycle: Int64 = 146_097 * 86_400

    private let plan: ExpansionPlan
    private let step: Int64
    private let anchor: Int64
    /// Offsets within a period (e.g. minute×60+second for HOURLY), ascending.
    private let withinPeriod: [Int64]
    /// Allowed period offsets within a day, when iterating them beats the INTERVAL grid.
    private let allowedOffsets: [Int64]?
    private let feasible: Bool
    private let guardSpan: Int64
    private let lastDay: Int?
    private var years: YearCache

    private var day: Int
    private var dayStart: Int64
    private var gridNext: Int64
    private var allowedIndex = 0
    private var minPeriodStart: Int64
    private var lastProductive: Int64
    private var candidates: [Int64] = []
    private var candidateCursor = 0
    private var started = false

    init(plan: ExpansionPlan, from: LocalDateTime?, through: LocalDateTime?) {
        self.plan = plan
        let unit: Int64 = plan.frequency == .hourly ? 3600 : plan.frequency == .minutely ? 60 : 1
        let (interval, overflow) = Int64(plan.interval).multipliedReportingOverflow(by: unit)
        step = overflow ? Int64.max / 4 : interval
        let start = plan.dtstart.naiveSeconds
        anchor = start - (start - floorDiv64(start, unit) * unit)
        var within: [Int64] = [0]
        if plan.frequency == .hourly {
            within = plan.minutes.flatMap { m in plan.seconds.map { Int64(m * 60 + $0) } }
        } else if plan.frequency == .minutely {
            within = plan.seconds.map { Int64($0) }
        }
        withinPeriod = within
        let allowedHours = plan.hourMask == nil ? Array(0...23) : plan.hours
        let allowedMinutes = plan.frequency == .hourly ? [0] : (plan.minuteMask == nil ? Array(0...59) : plan.minutes)
        // Period starts are naive times, which have no leap second: BYSECOND=60 never matches one.
        let allowedSeconds = plan.frequency != .secondly ? [0] : (plan.secondMask == nil ? Array(0...59) : plan.seconds.filter { $0 < 60 })
        let allowedCount = allowedHours.count * allowedMinutes.count * allowedSeconds.count
        let limited = allowedCount < 24 * 60 * 60 / Int(unit)
        var offsets: [Int64] = []
        if limited {
            for h in allowedHours {
                for m in allowedMinutes { for s in allowedSeconds { offsets.append(Int64(h * 3600 + m * 60 + s)) } }
            }
        }
        // A period can start at day offset t only if t ≡ anchor (mod gcd(step, 1 day)); when
        // no allowed offset qualifies, the rule never produces anything after DTSTART.
        let g = gcd64(step, Self.secondsPerDay)
        let residue = floorMod64(anchor, g)
        feasible = !limited || offsets.contains { floorMod64($0, g) == residue }
        allowedOffsets = limited && Int64(allowedCount) <= Self.secondsPerDay / step ? offsets : nil
        let (product, lcmOverflow) = (Self.cycle / gcd64(Self.cycle, step)).multipliedReportingOverflow(by: step)
        guardSpan = (lcmOverflow ? 20 * Self.cycle : min(product, 20 * Self.cycle)) + min(step, Self.cycle)
        lastDay = through?.date.dayNumber
        years = YearCache(weekStart: plan.weekStart)

        var first = anchor
        if plan.count == nil, let from, from.naiveSeconds > anchor {
            first = anchor + floorDiv64(from.naiveSeconds - anchor, step) * step
        }
        minPeriodStart = first
        lastProductive = first
        day = Int(floorDiv64(first, Self.secondsPerDay))
        dayStart = Int64(day) * Self.secondsPerDay
        gridNext = first
    }

    /// The next candidate at or after DTSTART, ascending; nil when the rule is exhausted.
    mutating func next() -> LocalDateTime? {
        guard feasible else { return nil }
        if !started {
            started = true
            if day > lastExpandableDay || (!prepareDay() && !advanceDay()) { return nil }
        }
        while true {
            if candidateCursor < candidates.count {
                let value = candidates[candidateCursor]
                candidateCursor += 1
                if value < plan.dtstart.naiveSeconds { continue }
                return LocalDateTime(naiveSeconds: value)
            }
            if let period = nextPeriodInDay() {
                candidates = withinPeriod.map { period + $0 }
                candidateCursor = 0
                if !plan.setPositions.isEmpty {
                    let all = candidates
                    candidates = selectPositions(plan.setPositions, count: all.count).map { all[$0] }
                }
                if !candidates.isEmpty { lastProductive = period }
                continue
            }
            guard advanceDay() else { return nil }
        }
    }

    /// The next period start in the current day that passes the BYHOUR/BYMINUTE/BYSECOND limits.
    private mutating func nextPeriodInDay() -> Int64? {
        let dayEnd = dayStart + Self.secondsPerDay
        if let allowedOffsets {
            while allowedIndex < allowedOffsets.count {
                let start = dayStart + allowedOffsets[allowedIndex]
                allowedIndex += 1
                if start >= minPeriodStart, floorMod64(start - anchor, step) == 0 { return start }
            }
            return nil
        }
        while gridNext < dayEnd {
            let start = gridNext
            gridNext += step
            if passesLimits(Int(start - dayStart)) { return start }
        }
        return nil
    }

    private func passesLimits(_ offset: Int) -> Bool {
        if let mask = plan.hourMask, mask & (1 << UInt64(offset / 3600)) == 0 { return false }
        if plan.frequency != .hourly, let mask = plan.minuteMask, mask & (1 << UInt64(offset / 60 % 60)) == 0 { return false }
        if plan.frequency == .secondly, let mask = plan.secondMask, mask & (1 << UInt64(offset % 60)) == 0 { return false }
        return true
    }

    /// Moves to the next day holding a period start that passes the date parts.
    private mutating func advanceDay() -> Bool {
        repeat {
            let nextStart = max(dayStart + Self.secondsPerDay, minPeriodStart)
            let (offset, overflow) = ceilDiv64(nextStart - anchor, step).multipliedReportingOverflow(by: step)
            guard !overflow, offset < Int64.max / 4 else { return false }
            let period = anchor + offset
            if period - lastProductive > guardSpan { return false }
            day = Int(floorDiv64(period, Self.secondsPerDay))
            dayStart = Int64(day) * Self.secondsPerDay
            gridNext = period
            if let lastDay, day > lastDay { return false }
            if day > lastExpandableDay { return false }
        } while !prepareDay()
        return true
    }

    /// Resets the in-day cursors; false when the current day fails the date parts.
    private mutating func prepareDay() -> Bool {
        allowedIndex = 0
        let date = CalendarDate(dayNumber: day)
        return plan.matches(date, dayNumber: day, in: years.info(for: date.year))
    }
}

func floorDiv64(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func ceilDiv64(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv64(-a, b) }

func floorMod64(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv64(a, b) * b }

func gcd64(_ a: Int64, _ b: Int64) -> Int64 {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
