import Availability
import ICalendar

/// Small builders so each rule test reads as its rule.
enum Build {
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
    static let allDays = weekdays + ["saturday", "sunday"]

    static func schedule(_ zone: String, _ days: [String], _ ranges: [(String, String)], overrides: [DateOverride] = []) -> Schedule {
        Schedule(
            timezone: zone, availability: days.map { WeeklyHours(day: $0, slots: ranges.map { TimeSlot(startTime: $0.0, endTime: $0.1) }) },
            dateOverrides: overrides)
    }

    static func instant(_ text: String) -> Instant { Instant(rfc3339: text)! }

    static func window(_ from: String, _ to: String) -> Range<Instant> { instant(from)..<instant(to) }

    /// Slot starts as RFC 3339 strings.
    static func starts(
        _ schedule: Schedule, _ limits: EventTypeLimits, busy: [BusyInterval] = [], from: String, to: String, now: String = "2000-01-01T00:00:00Z"
    ) throws -> [String] {
        let compiled = try CompiledSchedule(schedule)
        return compiled.slots(for: try CompiledLimits(limits), busy: busy, window: window(from, to), now: instant(now)).map(\.start.description)
    }

    static func booking(_ start: String, _ end: String, sameType: Bool = true, label: String? = nil) -> BusyInterval {
        BusyInterval(start: instant(start), end: instant(end), source: .booking, sameEventType: sameType, label: label)
    }

    static func event(_ start: String, _ end: String, label: String? = nil) -> BusyInterval {
        BusyInterval(start: instant(start), end: instant(end), source: .event, label: label)
    }
}
