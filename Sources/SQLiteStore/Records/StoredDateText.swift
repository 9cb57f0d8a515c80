import Foundation
import GRDB
import ICalendar

/// Dates as GRDB stores them (`2026-12-05 21:41:41.857`, UTC) read from their bytes: a
/// listing of 10,000 objects reads 20,000 of them, and SQLite's `julianday` or GRDB's
/// decoding cost more than the rest of the row.
enum StoredDateText {
    /// The date, to the millisecond as GRDB stores it; falls back to GRDB's decoding for any
    /// other form.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        if let milliseconds = milliseconds(bytes) { return Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
        return Date.fromDatabaseValue(String(decoding: bytes, as: UTF8.self).databaseValue)
    }

    /// Milliseconds since 1970 of `YYYY-MM-DD HH:MM:SS` with an optional fraction, else nil.
    static func milliseconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2), let hour = number(bytes, 11, 2),
            let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var milliseconds = 0
        if bytes.count > 19 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count > 20, let fraction = number(bytes, 20, bytes.count - 20) else { return nil }
            // Only the first three digits count (GRDB writes exactly three).
            var digits = bytes.count - 20
            milliseconds = fraction
            while digits > 3 {
                milliseconds /= 10
                digits -= 1
            }
            while digits < 3 {
                milliseconds *= 10
                digits += 1
            }
        }
        let days = CalendarDate(year: year, month: month, day: day).dayNumber
        let seconds = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        return seconds * 1000 + Int64(milliseconds)
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard count > 0, count <= 18 else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(bytes[index]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
