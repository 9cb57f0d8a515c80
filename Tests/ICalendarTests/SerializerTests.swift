import Testing

@testable import ICalendar

struct SerializerTests {
    @Test("lines are folded at 75 octets, never inside a UTF-8 sequence, with CRLF")
    func foldingRespectsUTF8() throws {
        let summary = String(repeating: "é", count: 100) + String(repeating: "x", count: 100)
        let component = Component(name: "VEVENT", properties: [.text("SUMMARY", summary)])
        let text = ICalendarSerializer.serialize(component)
        #expect(!text.contains("\n\n"))
        let lines = text.split(separator: "\r\n")
        for line in lines {
            #expect(line.utf8.count <= 75)
            #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil)
        }
        let reparsed = try ICalendarParser.parse(text)
        #expect(reparsed.components[0].property("SUMMARY")?.text == summary)
    }

    @Test("parameter values are quoted when they hold : ; or , and caret-escaped per RFC 6868")
    func parameterQuoting() {
        let property = Property(
            name: "ATTENDEE", parameters: [Parameter(name: "CN", value: "Doe, \"J\"\nx"), Parameter(name: "ROLE", value: "CHAIR")],
            value: "mailto:j@x.org")
        #expect(ICalendarSerializer.contentLine(property) == "ATTENDEE;CN=\"Doe, ^'J^'^nx\";ROLE=CHAIR:mailto:j@x.org")
    }

    @Test("parse, serialize, parse gives an equal model")
    func roundTrip() throws {
        let text = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//x//EN\r
            BEGIN:VEVENT\r
            UID:a@b\r
            DTSTART;TZID=Europe/Berlin:20240331T020000\r
            SUMMARY:Team\\, weekly\\; \\nmeeting\r
            ATTENDEE;CN="Smith, J";PARTSTAT=ACCEPTED:mailto:j@x.org\r
            X-CUSTOM;X-P=1,2:value\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let first = try ICalendarParser.parse(text)
        let second = try ICalendarParser.parse(ICalendarSerializer.serialize(first.components))
        #expect(first.components == second.components)
        #expect(ICalendarSerializer.serialize(second.components) == text)
    }
}
