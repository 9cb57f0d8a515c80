public import ICalendar

/// A validated schedule in the form the engine computes with: the zone's rules, minute ranges
/// per weekday, and overrides by local date.
public struct CompiledSchedule: Sendable {
    /// Why a local date has the hours it has, for explanations.
    public enum DaySource: Hashable, Sendable {
        case weekly
        case customOverride(reason: String?)
        case unavailableOverride(reason: String?)
    }

    public let schedule: Schedule
    public let zone: ZoneRules
    /// Minute ranges per ISO weekday (1 = Monday), sorted and merged.
    let weekly: [Int: [Range<Int>]]
    let overrides: [CalendarDate: (source: DaySource, ranges: [Range<Int>])]
    /// The ranges as written, unmerged, per weekday and per overridden date. Only real time can
    /// merge them: a range that starts in a DST gap moves forward, possibly past a neighbour.
    let writtenWeekly: [Int: [Range<Int>]]
    let writtenOverrides: [CalendarDate: [Range<Int>]]

    /// Validates and compiles; throws every problem found, each with its field path.
    public init(_ schedule: Schedule) throws(AvailabilityError) {
        var issues: [ValidationIssue] = []
        let zone = ScheduleValidator.zone(schedule.timezone, path: "timezone", issues: &issues)
        var weekly: [Int: [Range<Int>]] = [:]
        var seenDays: [String: Int] = [:]
        for (index, hours) in schedule.availability.enumerated() {
            let path = "availability[\(index)]"
            guard let weekday = ScheduleValidator.weekday(hours.day) else {
                issues.append(ValidationIssue(path: path + ".day", message: "\"\(hours.day)\" is not a weekday (monday … sunday)"))
                continue
            }
            if let first = seenDays[hours.day.lowercased()] {
                issues.append(ValidationIssue(path: path + ".day", message: "\(hours.day) already appears at availability[\(first)]"))
            }
            seenDays[hours.day.lowercased()] = index
            weekly[weekday.rawValue, default: []] += ScheduleValidator.ranges(hours.slots, path: path + ".slots", issues: &issues)
        }
        var overrides: [CalendarDate: (source: DaySource, ranges: [Range<Int>])] = [:]
        var writtenOverrides: [CalendarDate: [Range<Int>]] = [:]
        for (index, item) in schedule.dateOverrides.enumerated() {
            let path = "dateOverrides[\(index)]"
            guard let date = ScheduleValidator.date(item.date) else {
                issues.append(ValidationIssue(path: path + ".date", message: "\"\(item.date)\" is not a date (YYYY-MM-DD)"))
                continue
            }
            if overrides[date] != nil {
                issues.append(ValidationIssue(path: path + ".date", message: "\(item.date) is overridden more than once"))
            }
            switch item.type {
            case .unavailable:
                overrides[date] = (.unavailableOverride(reason: item.reason), [])
                writtenOverrides[date] = []
            case .custom:
                guard let slots = item.slots, !slots.isEmpty else {
                    issues.append(ValidationIssue(path: path + ".slots", message: "a custom override needs at least one slot"))
                    continue
                }
                let written = ScheduleValidator.ranges(slots, path: path + ".slots", issues: &issues)
                overrides[date] = (.customOverride(reason: item.reason), Self.merge(written))
                writtenOverrides[date] = written
            }
        }
        issues += ScheduleValidator.locationIssues(schedule.location, path: "location")
        guard issues.isEmpty, let zone else { throw .invalid(issues) }
        self.schedule = schedule
        self.zone = zone
        self.weekly = weekly.mapValues(Self.merge)
        self.writtenWeekly = weekly
        self.writtenOverrides = writtenOverrides
        self.overrides = overrides
    }

    /// The minute ranges of a local date and why.
    public func hours(on date: CalendarDate) -> (source: DaySource, ranges: [Range<Int>]) {
        if let override = overrides[date] { return override }
        return (.weekly, weekly[date.weekday.rawValue] ?? [])
    }

    /// The ranges of a local date as written (unmerged), for conversion to real time.
    func writtenRanges(on date: CalendarDate) -> [Range<Int>] {
        if let written = writtenOverrides[date] { return written }
        return writtenWeekly[date.weekday.rawValue] ?? []
    }

    /// Sorted, merged (overlapping or touching) ranges.
    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
