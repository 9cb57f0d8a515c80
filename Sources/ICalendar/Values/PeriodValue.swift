/// An RFC 5545 PERIOD (§3.3.9): a start and either an explicit end or a duration.
public struct PeriodValue: Hashable, Sendable, CustomStringConvertible {
    public enum End: Hashable, Sendable {
        case explicit(DateTimeValue)
        case duration(DurationValue)
    }

    public var start: DateTimeValue
    public var end: End

    public init(start: DateTimeValue, end: End) {
        self.start = start
        self.end = end
    }

    /// Parses `start/end` or `start/duration`; `tzid` applies to local date-times.
    public init?(_ text: Substring, tzid: String?) {
        guard let slash = text.firstIndex(of: "/"), let start = PeriodValue.dateTime(text[..<slash], tzid: tzid) else { return nil }
        let rest = text[text.index(after: slash)...]
        if let first = rest.first, first == "P" || first == "+" || first == "-" {
            guard let duration = DurationValue(rest) else { return nil }
            self.init(start: start, end: .duration(duration))
        } else {
            guard let end = PeriodValue.dateTime(rest, tzid: tzid) else { return nil }
            self.init(start: start, end: .explicit(end))
        }
    }

    /// A period bound; a DATE (`19970101/19970102`, seen in real data) reads as its midnight.
    private static func dateTime(_ text: Substring, tzid: String?) -> DateTimeValue? {
        switch DateOrDateTime.parse(text, tzid: tzid) {
        case .dateTime(let value): return value
        case .date(let date): return DateTimeValue(local: LocalDateTime(date: date), form: tzid.map { .zoned(tzid: $0) } ?? .floating)
        case nil: return nil
        }
    }

    public var description: String {
        switch end {
        case .explicit(let value): return start.description + "/" + value.description
        case .duration(let duration): return start.description + "/" + duration.description
        }
    }
}
