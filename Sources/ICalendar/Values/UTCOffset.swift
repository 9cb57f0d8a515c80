/// An RFC 5545 UTC-OFFSET (§3.3.14): `±HHMM[SS]`, stored as signed seconds.
public struct UTCOffset: Hashable, Sendable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// Parses `+HHMM`, `-HHMM` or with seconds. Offsets of 24 hours or more are refused:
    /// no zone has one, and they only come from corrupt data. A missing sign (`0100`, from
    /// old Apple iCal) reads as `+`.
    public init?(_ text: Substring) {
        var bytes = Array(text.utf8)
        if bytes.count == 4 || bytes.count == 6, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) { bytes.insert(UInt8(ascii: "+"), at: 0) }
        guard bytes.count == 5 || bytes.count == 7, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
            let h = digits(bytes, 1, 2), let m = digits(bytes, 3, 2), h < 24, m < 60
        else { return nil }
        var s = 0
        if bytes.count == 7 {
            guard let sec = digits(bytes, 5, 2), sec < 60 else { return nil }
            s = sec
        }
        let total = h * 3600 + m * 60 + s
        self.init(seconds: bytes[0] == UInt8(ascii: "-") ? -total : total)
    }

    public var description: String {
        let a = abs(seconds)
        var text = (seconds < 0 ? "-" : "+") + pad(a / 3600, 2) + pad(a / 60 % 60, 2)
        if a % 60 != 0 { text += pad(a % 60, 2) }
        return text
    }
}
