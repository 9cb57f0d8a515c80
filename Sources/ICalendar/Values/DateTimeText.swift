/// Fixed-width ASCII renderings of dates and times, written byte by byte. These strings are
/// made for every slot of a booking page and every object of a calendar listing, where joining
/// zero-padded pieces cost more than the rest of the answer.
enum DateTimeText {
    /// Writes into a buffer of `count` bytes; years outside 0…9999 take the slow path.
    struct Writer {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var index = 0

        mutating func digits(_ value: Int, _ width: Int) {
            var rest = value
            var position = index + width - 1
            while position >= index {
                buffer[position] = UInt8(48 + rest % 10)
                rest /= 10
                position -= 1
            }
            index += width
        }

        mutating func byte(_ value: Unicode.Scalar) {
            buffer[index] = UInt8(value.value)
            index += 1
        }
    }

    static func make(_ count: Int, _ write: (inout Writer) -> Void) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            var writer = Writer(buffer: buffer)
            write(&writer)
            return writer.index
        }
    }

    /// `YYYYMMDD` or `YYYY-MM-DD`, then with a time `THHMMSS` or `THH:MM:SS`, then `Z` if asked.
    static func render(_ date: CalendarDate, time: (hour: Int, minute: Int, second: Int)?, extended: Bool, utc: Bool) -> String {
        let twoDigits = 0...99
        let fast =
            (0...9999).contains(date.year) && twoDigits.contains(date.month) && twoDigits.contains(date.day)
            && time.map { twoDigits.contains($0.hour) && twoDigits.contains($0.minute) && twoDigits.contains($0.second) } ?? true
        guard fast else {
            let separator = extended ? "-" : ""
            var text = pad(date.year, 4) + separator + pad(date.month, 2) + separator + pad(date.day, 2)
            if let time {
                let colon = extended ? ":" : ""
                text += "T" + pad(time.hour, 2) + colon + pad(time.minute, 2) + colon + pad(time.second, 2)
            }
            return text + (utc ? "Z" : "")
        }
        let count = (extended ? 10 : 8) + (time == nil ? 0 : (extended ? 9 : 7)) + (utc ? 1 : 0)
        return make(count) { writer in
            writer.digits(date.year, 4)
            if extended { writer.byte("-") }
            writer.digits(date.month, 2)
            if extended { writer.byte("-") }
            writer.digits(date.day, 2)
            if let time {
                writer.byte("T")
                writer.digits(time.hour, 2)
                if extended { writer.byte(":") }
                writer.digits(time.minute, 2)
                if extended { writer.byte(":") }
                writer.digits(time.second, 2)
            }
            if utc { writer.byte("Z") }
        }
    }
}
