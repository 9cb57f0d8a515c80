/// Facts about one calendar year that the date filters need: its first day and length,
/// and the week-year boundaries around it for BYWEEKNO.
///
/// RFC 5545 §3.3.10: week 1 is the first week (starting on WKST) with at least four days
/// in the year. A day near New Year can belong to the neighbouring week-year, and its week
/// number is counted there (2022-01-01 is week 52 of 2021 with WKST=MO).
struct YearInfo: Sendable {
    let year: Int
    let firstDay: Int
    let length: Int
    /// First day of week 1 of `year - 1`, `year`, `year + 1` and `year + 2`.
    private let weekOneStarts: [Int]

    init(year: Int, weekStart: Weekday) {
        self.year = year
        firstDay = CalendarDate(year: year, month: 1, day: 1).dayNumber
        length = CalendarDate.daysIn(year: year)
        weekOneStarts = (year - 1...year + 2).map { Self.weekOneStart(of: $0, weekStart: weekStart) }
    }

    private static func weekOneStart(of year: Int, weekStart: Weekday) -> Int {
        let january1 = CalendarDate(year: year, month: 1, day: 1).dayNumber
        let start = weekStartDay(of: january1, weekStart: weekStart)
        // The week holding January 1 is week 1 only if at least 4 of its days are in the year.
        return start + 7 - january1 >= 4 ? start : start + 7
    }

    /// The week number of `dayNumber` (a day in this calendar year) and how many weeks its
    /// week-year has, so negative BYWEEKNO values can be resolved.
    func week(of dayNumber: Int) -> (number: Int, weeksInYear: Int) {
        var index = 1
        if dayNumber >= weekOneStarts[2] {
            index = 2
        } else if dayNumber < weekOneStarts[1] {
            index = 0
        }
        let start = weekOneStarts[index]
        return ((dayNumber - start) / 7 + 1, (weekOneStarts[index + 1] - start) / 7)
    }
}

/// A one-entry cache: consecutive days almost always fall in the same year.
struct YearCache: Sendable {
    let weekStart: Weekday
    private var cached: YearInfo?

    init(weekStart: Weekday) { self.weekStart = weekStart }

    mutating func info(for year: Int) -> YearInfo {
        if let cached, cached.year == year { return cached }
        let info = YearInfo(year: year, weekStart: weekStart)
        cached = info
        return info
    }
}
