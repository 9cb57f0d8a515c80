/// How a DATE-TIME is anchored to the time line (RFC 5545 §3.3.5 forms 1–3).
public enum DateTimeForm: Hashable, Sendable {
    /// Form 1: no zone; the same wall time wherever the reader is.
    case floating
    /// Form 2: UTC, written with a trailing `Z`.
    case utc
    /// Form 3: local time in the zone named by the `TZID` parameter.
    case zoned(tzid: String)
}

/// A DATE-TIME value: a wall-clock reading and how it maps to the time line.
public struct DateTimeValue: Hashable, Sendable, CustomStringConvertible {
    public var local: LocalDateTime
    public var form: DateTimeForm

    public init(local: LocalDateTime, form: DateTimeForm) {
        self.local = local
        self.form = form
    }

    /// The UTC DATE-TIME for an instant.
    public init(instant: Instant) {
        self.init(local: instant.utc, form: .utc)
    }

    /// The value as written on the wire (`…Z` for UTC), without the TZID parameter.
    public var description: String { local.description + (form == .utc ? "Z" : "") }

    public var tzid: String? {
        if case .zoned(let tzid) = form { return tzid }
        return nil
    }
}

/// A DATE or a DATE-TIME, as DTSTART, DTEND, RECURRENCE-ID, EXDATE and RDATE allow.
public enum DateOrDateTime: Hashable, Sendable, CustomStringConvertible {
    case date(CalendarDate)
    case dateTime(DateTimeValue)

    public var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    /// The wall-clock reading; a DATE reads as its midnight.
    public var local: LocalDateTime {
        switch self {
        case .date(let date): return LocalDateTime(date: date)
        case .dateTime(let value): return value.local
        }
    }

    public var tzid: String? {
        if case .dateTime(let value) = self { return value.tzid }
        return nil
    }

    public var description: String {
        switch self {
        case .date(let date): return date.description
        case .dateTime(let value): return value.description
        }
    }
}

extension DateOrDateTime {
    /// Parses `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`; `tzid` applies to the local form.
    static func parse(_ text: Substring, tzid: String?) -> DateOrDateTime? {
        let bytes = Array(text.utf8)
        if bytes.count == 8 {
            guard let date = parseDate(bytes) else { return nil }
            return .date(date)
        }
        guard bytes.count == 15 || bytes.count == 16, bytes[8] == UInt8(ascii: "T"), let date = parseDate(bytes),
            let h = digits(bytes, 9, 2), let m = digits(bytes, 11, 2), let s = digits(bytes, 13, 2)
        else { return nil }
        let local = LocalDateTime(date: date, hour: h, minute: m, second: s)
        guard local.isValid else { return nil }
        if bytes.count == 16 {
            guard bytes[15] == UInt8(ascii: "Z") || bytes[15] == UInt8(ascii: "z") else { return nil }
            return .dateTime(DateTimeValue(local: local, form: .utc))
        }
        return .dateTime(DateTimeValue(local: local, form: tzid.map { .zoned(tzid: $0) } ?? .floating))
    }

    private static func parseDate(_ bytes: [UInt8]) -> CalendarDate? {
        guard let y = digits(bytes, 0, 4), let m = digits(bytes, 4, 2), let d = digits(bytes, 6, 2) else { return nil }
        let date = CalendarDate(year: y, month: m, day: d)
        return date.isValid ? date : nil
    }
}
