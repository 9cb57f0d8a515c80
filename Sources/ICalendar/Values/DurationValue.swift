/// An RFC 5545 DURATION (§3.3.6): nominal days and weeks plus exact seconds.
///
/// Days and weeks are nominal: `P1D` lands on the same wall time the next day even across
/// a DST change, while `PT24H` is exactly 86,400 seconds. Keeping them apart is what makes
/// that distinction possible.
public struct DurationValue: Hashable, Sendable, CustomStringConvertible {
    /// Nominal days (weeks folded in as 7 days each), signed.
    public var days: Int
    /// Exact seconds, signed.
    public var seconds: Int

    public init(days: Int = 0, seconds: Int = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// The span in seconds if every day had 86,400 seconds.
    public var nominalSeconds: Int64 { Int64(days) * 86_400 + Int64(seconds) }

    public var isNegative: Bool { days < 0 || seconds < 0 }

    /// Parses `[+-]P…` (weeks, or days and/or a time part). Accepts the common `PT-2H`
    /// sign misplacement only when `lenient`.
    public init?(_ text: Substring, lenient: Bool = false) {
        var bytes = Array(text.utf8)
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else { return nil }
        var index = 1
        var inTime = false
        var days = 0
        var seconds = 0
        var sawComponent = false
        var sawWeeks = false
        var innerNegative = false
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                index += 1
                guard index < bytes.count else { return nil }
                continue
            }
            if lenient, c == UInt8(ascii: "-"), !sawComponent, !negative {
                innerNegative = true
                index += 1
                continue
            }
            var number = 0
            var count = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                number = number * 10 + Int(bytes[index] - 48)
                count += 1
                index += 1
                // Ten digits of seconds is over 300 years: anything longer is garbage that would overflow.
                guard count <= 9 else { return nil }
            }
            guard count > 0, index < bytes.count else { return nil }
            let unit = bytes[index]
            index += 1
            sawComponent = true
            switch (unit, inTime) {
            case (UInt8(ascii: "W"), false):
                guard !sawWeeks, days == 0 else { return nil }
                days += number * 7
                sawWeeks = true
            case (UInt8(ascii: "D"), false) where sawWeeks && !lenient: return nil
            case (UInt8(ascii: "D"), false): days += number
            case (UInt8(ascii: "H"), true): seconds += number * 3600
            case (UInt8(ascii: "M"), true): seconds += number * 60
            case (UInt8(ascii: "S"), true): seconds += number
            default: return nil
            }
        }
        // dur-week stands alone in RFC 5545; `P1W2D` is only read leniently.
        guard sawComponent, !sawWeeks || lenient || (days % 7 == 0 && seconds == 0 && !inTime) else { return nil }
        let sign = (negative != innerNegative) ? -1 : 1
        self.init(days: days * sign, seconds: seconds * sign)
    }

    /// Canonical RFC 5545 text: weeks when whole weeks and nothing else, else `PnDTnHnMnS`.
    public var description: String {
        let negative = isNegative
        let d = abs(days)
        let s = abs(seconds)
        var text = negative ? "-P" : "P"
        if s == 0, d > 0, d % 7 == 0 { return text + "\(d / 7)W" }
        if d > 0 { text += "\(d)D" }
        if s > 0 || d == 0 {
            text += "T"
            if s / 3600 > 0 { text += "\(s / 3600)H" }
            if s / 60 % 60 > 0 { text += "\(s / 60 % 60)M" }
            if s % 60 > 0 || s == 0 { text += "\(s % 60)S" }
        }
        return text
    }
}
