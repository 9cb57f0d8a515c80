import ICalendar

/// Validated event-type limits in seconds, with the booking window as local dates.
public struct CompiledLimits: Sendable {
    public let limits: EventTypeLimits
    let duration: Int64
    let step: Int64
    let before: Int64
    let after: Int64
    let notice: Int64
    /// Inclusive local-date bounds of a fixed booking window.
    let range: ClosedRange<CalendarDate>?
    let rollingDays: Int?

    /// Validates; throws every problem with its path under `pathPrefix` (`eventType.duration`).
    public init(_ limits: EventTypeLimits, pathPrefix: String = "eventType") throws(AvailabilityError) {
        var issues: [ValidationIssue] = []
        func path(_ field: String) -> String { pathPrefix.isEmpty ? field : pathPrefix + "." + field }
        // A week of minutes bounds every length: longer values are typos, and would overflow nothing but help no one.
        let week = 7 * 24 * 60
        if limits.duration <= 0 || limits.duration > week {
            issues.append(ValidationIssue(path: path("duration"), message: "must be between 1 and \(week) minutes"))
        }
        if let interval = limits.slotInterval, interval <= 0 || interval > week {
            issues.append(ValidationIssue(path: path("slotInterval"), message: "must be between 1 and \(week) minutes"))
        }
        for (field, value) in [("beforeBuffer", limits.beforeBuffer), ("afterBuffer", limits.afterBuffer)] where value < 0 || value > week {
            issues.append(ValidationIssue(path: path(field), message: "must be between 0 and \(week) minutes"))
        }
        if limits.minimumNotice < 0 || limits.minimumNotice > 366 * 24 * 60 {
            issues.append(ValidationIssue(path: path("minimumNotice"), message: "must be between 0 and a year in minutes"))
        }
        for (field, value) in [("maxBookingsPerDay", limits.maxBookingsPerDay), ("maxBookingsPerWeek", limits.maxBookingsPerWeek)] {
            if let value, value < 0 { issues.append(ValidationIssue(path: path(field), message: "must not be negative")) }
        }
        var range: ClosedRange<CalendarDate>?
        var rollingDays: Int?
        switch limits.bookingWindow {
        case .rolling(let days)?:
            if days < 0 || days > 3660 {
                issues.append(ValidationIssue(path: path("bookingWindow.days"), message: "must be between 0 and 3660"))
            }
            rollingDays = days
        case .range(let startText, let endText)?:
            let start = ScheduleValidator.date(startText)
            let end = ScheduleValidator.date(endText)
            if start == nil {
                issues.append(ValidationIssue(path: path("bookingWindow.startDate"), message: "\"\(startText)\" is not a date (YYYY-MM-DD)"))
            }
            if end == nil {
                issues.append(ValidationIssue(path: path("bookingWindow.endDate"), message: "\"\(endText)\" is not a date (YYYY-MM-DD)"))
            }
            if let start, let end {
                if end < start {
                    issues.append(ValidationIssue(path: path("bookingWindow.endDate"), message: "must not be before startDate"))
                } else {
                    range = start...end
                }
            }
        case nil:
            break
        }
        guard issues.isEmpty else { throw .invalid(issues) }
        self.limits = limits
        duration = Int64(limits.duration) * 60
        step = Int64(limits.step) * 60
        before = Int64(limits.beforeBuffer) * 60
        after = Int64(limits.afterBuffer) * 60
        notice = Int64(limits.minimumNotice) * 60
        self.range = range
        self.rollingDays = rollingDays
    }

    /// Is a slot on this local date inside the booking window, given today's local date?
    func allows(_ date: CalendarDate, today: CalendarDate) -> Bool {
        if let rollingDays, date.dayNumber - today.dayNumber > rollingDays { return false }
        if let range, !range.contains(date) { return false }
        return true
    }
}
