import DAVXML
public import ICalendar

/// A `<C:time-range>` (RFC 4791 §9.9): inclusive start, exclusive end, either one open.
public struct TimeRange: Hashable, Sendable {
    /// nil means -infinity.
    public var start: Instant?
    /// nil means +infinity.
    public var end: Instant?

    public init(start: Instant?, end: Instant?) {
        self.start = start
        self.end = end
    }

    /// A closed window, as expand, limit-recurrence-set and free-busy-query require.
    public init(_ window: Range<Instant>) {
        self.init(start: window.lowerBound, end: window.upperBound)
    }

    /// `start <= t`, true when the range is open at the start.
    func startsAtOrBefore(_ t: Instant) -> Bool { start.map { $0 <= t } ?? true }
    /// `start < t`.
    func startsBefore(_ t: Instant) -> Bool { start.map { $0 < t } ?? true }
    /// `end > t`, true when the range is open at the end.
    func endsAfter(_ t: Instant) -> Bool { end.map { $0 > t } ?? true }
    /// `end >= t`.
    func endsAtOrAfter(_ t: Instant) -> Bool { end.map { $0 >= t } ?? true }

    /// `(start <= t) AND (end > t)`: the test RFC 4791 §9.9 applies to a single date-time
    /// (DTSTAMP, a VALARM trigger, a zero-length event).
    public func contains(_ t: Instant) -> Bool { startsAtOrBefore(t) && endsAfter(t) }

    /// `(start < end') AND (end > start')` for a span of positive length.
    public func overlaps(start spanStart: Instant, end spanEnd: Instant) -> Bool {
        startsBefore(spanEnd) && endsAfter(spanStart)
    }

    /// A finite window for the instance expander: open ends become the far past or future,
    /// and both ends are widened by `margin` seconds so that instances touching a bound are
    /// returned and the RFC 4791 §9.9 tables can decide on them exactly.
    func expansionWindow(margin: Int64 = 1) -> Range<Instant> {
        let lower = start?.adding(seconds: -margin) ?? TimeRange.farPast
        let upper = end?.adding(seconds: margin) ?? TimeRange.farFuture
        return lower..<max(lower, upper)
    }

    /// Bounds standing in for -infinity and +infinity (years 1 and 9999).
    static let farPast = Instant(utc: LocalDateTime(year: 1, month: 1, day: 1))
    static let farFuture = Instant(utc: LocalDateTime(year: 9999, month: 12, day: 31))
}

extension TimeRange {
    /// Reads `start`/`end` attributes: each an RFC 5545 "date with UTC time"
    /// (`YYYYMMDDTHHMMSSZ`), at least one present, and `start < end` when both are.
    /// - Parameters:
    ///   - requireBoth: expand, limit-recurrence-set, limit-freebusy-set and free-busy-query
    ///     need a closed range (RFC 4791 §9.6.5–9.6.7, §7.10).
    ///   - failure: how to report a bad range (`invalidFilter` inside a filter,
    ///     `invalidTimeRange` elsewhere).
    init(
        element: XMLElement, requireBoth: Bool, failure: (String) -> CalDAVQueryError
    ) throws(CalDAVQueryError) {
        let name = element.name.local
        func instant(_ attribute: String) throws(CalDAVQueryError) -> Instant? {
            guard let text = element.attribute(attribute) else { return nil }
            guard let value = TimeRange.parseUTC(text) else {
                throw failure("\(name) \(attribute)=\"\(text)\" is not a UTC date-time (YYYYMMDDTHHMMSSZ)")
            }
            return value
        }
        let start = try instant("start")
        let end = try instant("end")
        if requireBoth {
            guard start != nil, end != nil else { throw failure("\(name) needs both start and end") }
        } else {
            guard start != nil || end != nil else { throw failure("\(name) needs a start or an end") }
        }
        if let start, let end, !(start < end) {
            throw failure("\(name) end must be later than start")
        }
        self.init(start: start, end: end)
    }

    /// The closed window of a range read with `requireBoth`.
    var closedWindow: Range<Instant> {
        (start ?? TimeRange.farPast)..<(end ?? TimeRange.farFuture)
    }

    /// Parses exactly `YYYYMMDDTHHMMSSZ`.
    static func parseUTC(_ text: String) -> Instant? {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.utf8.count == 16 else { return nil }
        let property = Property(name: "X-TIME-RANGE", value: trimmed)
        guard case .dateTime(let value)? = try? property.dateOrDateTime(), value.form == .utc else { return nil }
        return Instant(utc: value.local)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    public func trimmingASCIIWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !Self.isASCIIWhitespace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !Self.isASCIIWhitespace($0) })!
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }

    public static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
}
