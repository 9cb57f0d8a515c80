import ICalendar

/// Busy time prepared for slot checks: padded, merged and sorted for binary search, plus
/// counts of the event type's own bookings per local day and week.
struct BusyIndex {
    /// Disjoint, sorted spans of padded busy time.
    let spans: [Range<Int64>]
    /// Bookings of the event type per local day number, and per week (day number of its Monday).
    let perDay: [Int: Int]
    let perWeek: [Int: Int]

    /// Bookings of the event type are padded by its buffers (PRODUCT.md: buffers apply around
    /// existing bookings and the new one); other busy time is taken as given.
    init(_ busy: [BusyInterval], limits: CompiledLimits, zone: ZoneRules) {
        var raw: [Range<Int64>] = []
        raw.reserveCapacity(busy.count)
        var perDay: [Int: Int] = [:]
        var perWeek: [Int: Int] = [:]
        for interval in busy where interval.end >= interval.start {
            var start = interval.start.secondsSince1970
            var end = interval.end.secondsSince1970
            if interval.sameEventType && interval.source == .booking {
                start -= limits.before
                end += limits.after
                let date = zone.local(for: interval.start).date
                perDay[date.dayNumber, default: 0] += 1
                perWeek[BusyIndex.weekKey(date), default: 0] += 1
            }
            if end > start { raw.append(start..<end) }
        }
        raw.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int64>] = []
        merged.reserveCapacity(raw.count)
        for span in raw {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        spans = merged
        self.perDay = perDay
        self.perWeek = perWeek
    }

    /// Weeks start on Monday, counted in the schedule's zone.
    static func weekKey(_ date: CalendarDate) -> Int { date.dayNumber - (date.weekday.rawValue - 1) }

    /// Does `[start, end)` meet any busy span? Zero-length busy marks nothing.
    func meets(_ start: Int64, _ end: Int64) -> Bool {
        // First span whose end is after `start`.
        var low = 0
        var high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].upperBound <= start { low = mid + 1 } else { high = mid }
        }
        return low < spans.count && spans[low].lowerBound < end
    }
}
