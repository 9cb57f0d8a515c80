public import Foundation

/// A point on the UTC time line, in whole seconds since 1970-01-01T00:00:00Z.
///
/// iCalendar has one-second resolution; an integer keeps comparisons exact and cheap.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    public init(_ date: Date) { self.secondsSince1970 = Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// The instant whose UTC wall time is `utc`.
    public init(utc: LocalDateTime) { self.secondsSince1970 = utc.naiveSeconds }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    /// The UTC wall-clock reading of this instant.
    public var utc: LocalDateTime { LocalDateTime(naiveSeconds: secondsSince1970) }

    public func adding(seconds: Int64) -> Instant { Instant(secondsSince1970: secondsSince1970 + seconds) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    /// RFC 3339 `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String { utc.renderedUTC(extended: true) }

    /// RFC 5545 UTC form `YYYYMMDDTHHMMSSZ`.
    public var icalString: String { utc.renderedUTC(extended: false) }

    /// Parses RFC 3339 `YYYY-MM-DDTHH:MM:SSZ` (or with a numeric offset).
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else {
            return nil
        }
        guard let y = digits(bytes, 0, 4), let mo = digits(bytes, 5, 2), let d = digits(bytes, 8, 2), let h = digits(bytes, 11, 2),
            let mi = digits(bytes, 14, 2), let s = digits(bytes, 17, 2)
        else { return nil }
        let local = LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        guard local.isValid else { return nil }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let before = rest.count
            while let c = rest.first, c >= 48, c <= 57 { rest = rest.dropFirst() }
            guard rest.count < before else { return nil }  // time-secfrac needs a digit
        }
        if rest.elementsEqual("Z".utf8) || rest.elementsEqual("z".utf8) {
            self.init(utc: local)
        } else if rest.count == 6, let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            let r = Array(rest)
            // time-numoffset (RFC 3339 §5.6): ±HH:MM with HH 00–23 and MM 00–59.
            guard r[3] == UInt8(ascii: ":"), let oh = digits(r, 1, 2), let om = digits(r, 4, 2), oh <= 23, om <= 59 else { return nil }
            let offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            self.init(secondsSince1970: local.naiveSeconds - Int64(offset))
        } else {
            return nil
        }
    }
}

/// Reads `count` ASCII digits at `start`, or nil.
func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
    guard start >= 0, start + count <= bytes.count else { return nil }
    var value = 0
    for i in start..<start + count {
        let c = bytes[i]
        guard c >= 48, c <= 57 else { return nil }
        value = value * 10 + Int(c - 48)
    }
    return value
}
