import Availability
import Foundation
import ICalendar

/// The booker's month: days with free slots are links (their accessible name says the weekday,
/// date and how many times), the others plain text; and the chosen day's slots, all in the
/// booker's zone, which is printed beside every time.
struct SlotCalendar: Sendable {
    struct Week: Sendable { var days: [Day] }

    struct Day: Sendable {
        var inMonth: Bool
        var number: Int
        var date: String
        var href: String?
        var label: String
        var selected: Bool
    }

    struct SlotLink: Sendable {
        var start: String
        var time: String
        var label: String
    }

    var title: String
    var weekdayHeaders: [String]
    var weeks: [Week]
    var previousHref: String?
    var nextHref: String
    var slots: [SlotLink]
    var dayHeading: String?

    /// - Parameters:
    ///   - slots: the month's slots (UTC instants), to be shown in `zone`.
    ///   - link: the query string (without `?`) that shows a given month and day.
    init(
        year: Int, month: Int, selected: CalendarDate?, slots: [Slot], zone: ZoneRules, today: CalendarDate, format: TextFormat,
        link: (String, String?) -> String
    ) {
        let t = format.catalog
        var byDate: [CalendarDate: [Slot]] = [:]
        for slot in slots { byDate[zone.local(for: slot.start).date, default: []].append(slot) }
        let monthText = String(format: "%04d-%02d", year, month)
        var cells: [Day] = []
        for date in MonthGrid.dates(year: year, month: month) {
            let free = byDate[date]?.count ?? 0
            let base = format.longDate(date)
            let label = free == 0 ? t.format("booker_day_none", ["date": base]) : t.format("booker_day_count", ["date": base, "count": String(free)])
            cells.append(
                Day(
                    inMonth: date.month == month, number: date.day, date: date.isoString,
                    href: free > 0 && date.month == month ? "?" + link(monthText, date.isoString) : nil, label: label, selected: date == selected))
        }
        title = format.monthTitle(year: year, month: month)
        weekdayHeaders = Weekdays.keys.map { t["day_short_" + $0] }
        weeks = stride(from: 0, to: cells.count, by: 7).map { Week(days: Array(cells[$0..<$0 + 7])) }
        let previous = MonthGrid.previous(year: year, month: month)
        let next = MonthGrid.next(year: year, month: month)
        // Months before the current one have nothing to book.
        previousHref =
            (previous.0 * 12 + previous.1) >= (today.year * 12 + today.month)
            ? "?" + link(String(format: "%04d-%02d", previous.0, previous.1), nil) : nil
        nextHref = "?" + link(String(format: "%04d-%02d", next.0, next.1), nil)
        let zoneName = zone.identifier
        self.slots = (selected.flatMap { byDate[$0] } ?? []).map { slot in
            let local = zone.local(for: slot.start)
            let time = format.time(hour: local.hour, minute: local.minute)
            return SlotLink(
                start: slot.start.description, time: time,
                label: t.format("booker_slot_label", ["time": time, "zone": zoneName, "date": format.longDate(local.date)]))
        }
        dayHeading = selected.map { t.format("booker_times_on", ["date": format.longDate($0), "zone": zoneName]) }
    }
}
