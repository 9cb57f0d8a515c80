import ICalendar

/// The dates a month calendar shows: whole weeks, Monday first, from the week of the 1st to the
/// week of the last day — the grid of the override calendar, the booking page and the
/// appointments' month view.
enum MonthGrid {
    static func dates(year: Int, month: Int) -> [CalendarDate] {
        let first = CalendarDate(year: year, month: month, day: 1)
        let leading = first.weekday.mondayBasedIndex
        let count = leading + CalendarDate.daysIn(month: month, year: year)
        return (0..<((count + 6) / 7 * 7)).map { first.adding(days: $0 - leading) }
    }

    /// The neighbouring months as (year, month).
    static func previous(year: Int, month: Int) -> (year: Int, month: Int) { month == 1 ? (year - 1, 12) : (year, month - 1) }
    static func next(year: Int, month: Int) -> (year: Int, month: Int) { month == 12 ? (year + 1, 1) : (year, month + 1) }
}
