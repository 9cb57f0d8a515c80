import Availability

/// A schedule's weekly hours in a line per run of days with the same ranges, as Cal.com's list
/// shows them: "Mon–Fri 9:00 AM–5:00 PM", "Tue, Thu 2:00 PM–6:00 PM".
enum WeeklySummary {
    static func lines(_ availability: [WeeklyHours], format: TextFormat) -> [String] {
        let t = format.catalog
        let byDay = Dictionary(availability.map { ($0.day.lowercased(), $0.slots) }, uniquingKeysWith: +)
        // Group days with identical, non-empty ranges; runs of consecutive days read "Mon–Fri".
        var groups: [(ranges: [TimeSlot], days: [Int])] = []
        for (index, key) in Weekdays.keys.enumerated() {
            guard let ranges = byDay[key], !ranges.isEmpty else { continue }
            if let position = groups.firstIndex(where: { $0.ranges == ranges }) {
                groups[position].days.append(index)
            } else {
                groups.append((ranges, [index]))
            }
        }
        guard !groups.isEmpty else { return [t["summary_no_hours"]] }
        return groups.map { group in
            let days = runs(group.days).map { run in
                let first = t["day_short_" + Weekdays.keys[run.first!]]
                guard run.count > 1 else { return first }
                let last = t["day_short_" + Weekdays.keys[run.last!]]
                return run.count == 2 ? "\(first), \(last)" : "\(first)–\(last)"
            }
            let hours = group.ranges.map { "\(format.time($0.startTime))–\(format.time($0.endTime))" }
            return days.joined(separator: ", ") + " " + hours.joined(separator: ", ")
        }
    }

    /// Consecutive weekday indexes grouped: [0,1,2,4] → [[0,1,2],[4]].
    private static func runs(_ days: [Int]) -> [[Int]] {
        var result: [[Int]] = []
        for day in days {
            if let last = result.last?.last, last + 1 == day { result[result.count - 1].append(day) } else { result.append([day]) }
        }
        return result
    }
}
