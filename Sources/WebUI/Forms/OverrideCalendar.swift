import Availability
import Foundation
import ICalendar

/// The month calendar of the Date Overrides section: one row per week, Monday first; each day
/// a checkbox (several days take one override at once) marked when an override exists. Dates
/// are the schedule's local dates as text end to end; no instant, so no zone can move one.
struct OverrideCalendar: Sendable {
    struct Week: Sendable { var days: [Day] }

    struct Day: Sendable {
        var inMonth: Bool
        var date: String
        var number: Int
        var label: String
        var isPast: Bool
        var isToday: Bool
        var mark: String?
        var markLabel: String?
    }

    var title: String
    var weekdayHeaders: [String]
    var weeks: [Week]
    var previousMonth: String
    var nextMonth: String

    init(year: Int, month: Int, today: CalendarDate, overrides: [DateOverride], format: TextFormat) {
        let t = format.catalog
        let byDate = Dictionary(overrides.map { ($0.date, $0) }, uniquingKeysWith: { _, last in last })
        var cells: [Day] = []
        for date in MonthGrid.dates(year: year, month: month) {
            let iso = date.isoString
            let existing = byDate[iso]
            let mark = existing?.type.rawValue
            cells.append(
                Day(
                    inMonth: date.month == month, date: iso, number: date.day, label: format.longDate(date), isPast: date < today,
                    isToday: date == today, mark: mark, markLabel: mark.map { t["override_mark_" + $0] }))
        }
        title = format.monthTitle(year: year, month: month)
        weekdayHeaders = Weekdays.keys.map { t["day_short_" + $0] }
        weeks = stride(from: 0, to: cells.count, by: 7).map { Week(days: Array(cells[$0..<$0 + 7])) }
        let previous = MonthGrid.previous(year: year, month: month)
        let next = MonthGrid.next(year: year, month: month)
        previousMonth = String(format: "%04d-%02d", previous.0, previous.1)
        nextMonth = String(format: "%04d-%02d", next.0, next.1)
    }

    /// `"2026-12"` → (2026, 12), or nil.
    static func month(_ text: String?) -> (year: Int, month: Int)? {
        guard let text, text.count == 7, let date = ScheduleValidator.date(text + "-01") else { return nil }
        return (date.year, date.month)
    }
}

extension Weekday {
    /// Monday 0 … Sunday 6.
    var mondayBasedIndex: Int { Weekdays.keys.firstIndex(of: Weekdays.key(self)) ?? 0 }
}
