/// A wall-clock date and time with no zone attached: the naive time recurrence rules step on.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var date: CalendarDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(date: CalendarDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.init(date: CalendarDate(year: year, month: month, day: day), hour: hour, minute: minute, second: second)
    }

    /// Builds from seconds since 1970-01-01T00:00:00 on the naive time line.
    public init(naiveSeconds: Int64) {
        let days = Int((naiveSeconds >= 0 ? naiveSeconds : naiveSeconds - 86_399) / 86_400)
        let rest = Int(naiveSeconds - Int64(days) * 86_400)
        self.init(date: CalendarDate(dayNumber: days), hour: rest / 3600, minute: rest / 60 % 60, second: rest % 60)
    }

    /// Seconds since 1970-01-01T00:00:00 reading this wall time as if it were UTC.
    public var naiveSeconds: Int64 {
        Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public var secondsOfDay: Int { hour * 3600 + minute * 60 + second }

    public func adding(seconds: Int64) -> LocalDateTime { LocalDateTime(naiveSeconds: naiveSeconds + seconds) }

    public var isValid: Bool {
        date.isValid && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.naiveSeconds < rhs.naiveSeconds }

    /// `YYYYMMDDTHHMMSS`, the RFC 5545 local DATE-TIME form.
    public var description: String { DateTimeText.render(date, time: (hour, minute, second), extended: false, utc: false) }

    /// `YYYY-MM-DDTHH:MM:SS`, ISO 8601 extended, no offset.
    public var isoString: String { DateTimeText.render(date, time: (hour, minute, second), extended: true, utc: false) }
}

extension LocalDateTime {
    /// This time as UTC: `YYYY-MM-DDTHH:MM:SSZ` (extended) or `YYYYMMDDTHHMMSSZ`.
    func renderedUTC(extended: Bool) -> String {
        DateTimeText.render(date, time: (hour, minute, second), extended: extended, utc: true)
    }
}
