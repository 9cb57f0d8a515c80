import Testing

@testable import ICalendar

/// What caches bound themselves by: the memory a parsed tree holds, counted from its contents.
struct MemoryFootprintTests {
    static func event(description: String) throws -> Component {
        let text =
            [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//EN", "BEGIN:VEVENT", "UID:footprint-1@example.org", "DTSTAMP:20250101T000000Z",
                "DTSTART;TZID=America/Sao_Paulo:20250110T090000", "DTEND;TZID=America/Sao_Paulo:20250110T100000", "SUMMARY:Consultation",
                "DESCRIPTION:\(description)", "END:VEVENT", "END:VCALENDAR",
            ].joined(separator: "\r\n") + "\r\n"
        return try ICalendarParser.parse(text).calendar
    }

    @Test("a tree's footprint counts its nodes and long strings, and exceeds the text it came from")
    func footprint() throws {
        let small = try Self.event(description: "short")
        let large = try Self.event(description: String(repeating: "x", count: 10_000))
        // Two components, nine properties, two parameters: more than their strides alone.
        #expect(small.memoryFootprint > 2 * MemoryLayout<Component>.stride + 9 * MemoryLayout<Property>.stride)
        // A 10,000-byte value is one heap string of about that size.
        let grown = large.memoryFootprint - small.memoryFootprint
        #expect(grown >= 10_000 && grown < 10_100, "\(grown)")
        // Short strings live inline and cost nothing beyond their owner's stride.
        #expect(Component.heapBytes("DTSTART") == 0)
        #expect(Component.heapBytes(String(repeating: "a", count: 16)) == 64)
    }
}
