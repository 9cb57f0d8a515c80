/// Minutes since local midnight, parsed from the spec's `"HH:MM"` (with `"24:00"` as the end
/// of the day). Seconds play no part in schedules.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// Parses exactly two digits, a colon and two digits; `24:00` only when `allowEndOfDay`.
    public init?(_ text: String, allowEndOfDay: Bool = false) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), bytes.allSatisfy({ $0 == UInt8(ascii: ":") || ($0 >= 48 && $0 <= 57) }) else {
            return nil
        }
        let hour = Int(bytes[0] - 48) * 10 + Int(bytes[1] - 48)
        let minute = Int(bytes[3] - 48) * 10 + Int(bytes[4] - 48)
        guard minute < 60, hour < 24 || (allowEndOfDay && hour == 24 && minute == 0) else { return nil }
        minutes = hour * 60 + minute
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public var description: String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
