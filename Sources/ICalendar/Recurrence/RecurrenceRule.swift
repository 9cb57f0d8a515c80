/// An RFC 5545 RECUR value (§3.3.10): the pattern an RRULE or EXRULE describes.
///
/// The rule is kept as written (parts left out stay empty) so it can be serialized back
/// without inventing values; defaults that come from DTSTART are applied only when the
/// rule is expanded, because they depend on the DTSTART it is paired with.
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    /// The FREQ part: the size of one recurrence period.
    public enum Frequency: String, Hashable, Sendable, CaseIterable {
        case secondly = "SECONDLY"
        case minutely = "MINUTELY"
        case hourly = "HOURLY"
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
        case yearly = "YEARLY"

        /// True for HOURLY, MINUTELY and SECONDLY, whose periods are shorter than a day and
        /// for which BYHOUR/BYMINUTE/BYSECOND limit rather than expand.
        public var isSubDaily: Bool { self == .hourly || self == .minutely || self == .secondly }
    }

    /// One BYDAY item: a weekday, optionally with an ordinal (`-1SU`, `2MO`).
    public struct WeekdayNum: Hashable, Sendable, CustomStringConvertible {
        /// ±1…53; nil means every such weekday in the period.
        public var ordinal: Int?
        public var weekday: Weekday

        public init(_ weekday: Weekday, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }

        public var description: String { (ordinal.map { String($0) } ?? "") + weekday.code }
    }

    /// A rule part this type does not interpret (RFC 7529 RSCALE/SKIP, X- names, or a
    /// misspelling accepted leniently), kept so that re-serializing loses nothing.
    public struct ExtensionPart: Hashable, Sendable {
        /// Upper-cased part name.
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name.uppercased()
            self.value = value
        }
    }

    /// FREQ, required: sets the period that INTERVAL counts and BYxxx parts expand or limit.
    public var frequency: Frequency
    /// Periods between recurrences; 1 when not written.
    public var interval: Int
    /// COUNT: the number of instances, DTSTART included.
    public var count: Int?
    /// UNTIL: the inclusive bound; a DATE or a (normally UTC) DATE-TIME.
    public var until: DateOrDateTime?
    /// BYxxx parts as written (empty when absent); negative values count from the end of
    /// the month, year or period. Kept unsorted and with duplicates so text round-trips.
    public var bySecond: [Int]
    public var byMinute: [Int]
    public var byHour: [Int]
    public var byDay: [WeekdayNum]
    public var byMonthDay: [Int]
    public var byYearDay: [Int]
    public var byWeekNo: [Int]
    public var byMonth: [Int]
    /// BYSETPOS: picks instances by position within each period's full candidate set.
    public var bySetPos: [Int]
    /// WKST as written; nil means the default, Monday.
    public var wkst: Weekday?
    /// Parts not interpreted here, in the order they appeared.
    public var extensionParts: [ExtensionPart]

    /// A rule built in code; parts default to absent, as `description` would omit them.
    public init(
        frequency: Frequency, interval: Int = 1, count: Int? = nil, until: DateOrDateTime? = nil,
        bySecond: [Int] = [], byMinute: [Int] = [], byHour: [Int] = [], byDay: [WeekdayNum] = [],
        byMonthDay: [Int] = [], byYearDay: [Int] = [], byWeekNo: [Int] = [], byMonth: [Int] = [],
        bySetPos: [Int] = [], wkst: Weekday? = nil, extensionParts: [ExtensionPart] = []
    ) {
        self.frequency = frequency
        self.interval = interval
        self.count = count
        self.until = until
        self.bySecond = bySecond
        self.byMinute = byMinute
        self.byHour = byHour
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.byYearDay = byYearDay
        self.byWeekNo = byWeekNo
        self.byMonth = byMonth
        self.bySetPos = bySetPos
        self.wkst = wkst
        self.extensionParts = extensionParts
    }

    /// The week start that applies: WKST, or Monday when it was left out.
    public var weekStart: Weekday { wkst ?? .monday }

    /// False for rules in a non-Gregorian calendar system (RFC 7529 RSCALE), which this
    /// engine does not expand: readers then treat the component as non-recurring.
    public var isGregorian: Bool {
        guard let scale = extensionParts.first(where: { $0.name == "RSCALE" }) else { return true }
        return scale.value.uppercased() == "GREGORIAN"
    }

    /// Canonical text: FREQ first, then the RFC 5545 grammar order, then extension parts.
    /// INTERVAL=1 is omitted since it is the default.
    public var description: String {
        var parts = ["FREQ=" + frequency.rawValue]
        if let until { parts.append("UNTIL=" + until.description) }
        if let count { parts.append("COUNT=\(count)") }
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        func list(_ name: String, _ values: [Int]) {
            if !values.isEmpty { parts.append(name + "=" + values.map { String($0) }.joined(separator: ",")) }
        }
        list("BYSECOND", bySecond)
        list("BYMINUTE", byMinute)
        list("BYHOUR", byHour)
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.description).joined(separator: ",")) }
        list("BYMONTHDAY", byMonthDay)
        list("BYYEARDAY", byYearDay)
        list("BYWEEKNO", byWeekNo)
        list("BYMONTH", byMonth)
        list("BYSETPOS", bySetPos)
        if let wkst { parts.append("WKST=" + wkst.code) }
        for part in extensionParts { parts.append(part.name + "=" + part.value) }
        return parts.joined(separator: ";")
    }
}
