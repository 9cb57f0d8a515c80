/// A proleptic Gregorian calendar date with no time zone (RFC 5545 DATE).
///
/// Arithmetic runs on day numbers (days since 1970-01-01), which keeps recurrence
/// expansion free of Foundation's `Calendar` and its cost.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Builds a date from a day number (days since 1970-01-01; civil-from-days algorithm).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// Days since 1970-01-01 (days-from-civil algorithm).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Weekday {
        let n = dayNumber
        // 1970-01-01 was a Thursday (ISO 4).
        let iso = ((n % 7) + 7 + 3) % 7 + 1
        return Weekday(rawValue: iso)!
    }

    /// Day of the year, 1-based.
    public var dayOfYear: Int { dayNumber - CalendarDate(year: year, month: 1, day: 1).dayNumber + 1 }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    public var isValid: Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= CalendarDate.daysIn(month: month, year: year)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(year: Int) -> Int { isLeap(year) ? 366 : 365 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYYMMDD`, the RFC 5545 DATE form.
    public var description: String { DateTimeText.render(self, time: nil, extended: false, utc: false) }

    /// `YYYY-MM-DD`, the ISO 8601 extended form.
    public var isoString: String { DateTimeText.render(self, time: nil, extended: true, utc: false) }
}

/// ISO weekday numbering, Monday = 1.
public enum Weekday: Int, Hashable, Sendable, CaseIterable {
    case monday = 1
    case tuesday, wednesday, thursday, friday, saturday, sunday

    /// The two-letter RFC 5545 code (`MO`…`SU`).
    public var code: String {
        switch self {
        case .monday: return "MO"
        case .tuesday: return "TU"
        case .wednesday: return "WE"
        case .thursday: return "TH"
        case .friday: return "FR"
        case .saturday: return "SA"
        case .sunday: return "SU"
        }
    }

    public init?(code: String) {
        guard let day = Weekday.allCases.first(where: { $0.code == code.uppercased() }) else { return nil }
        self = day
    }
}

/// Zero-padded decimal, faster than `String(format:)` and locale-free.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let padding = digits.count < width ? String(repeating: "0", count: width - digits.count) : ""
    return (value < 0 ? "-" : "") + padding + digits
}
