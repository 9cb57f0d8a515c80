import Testing

@testable import ICalendar

struct ParserTests {
    static func parse(_ lines: [String], mode: ParseMode = .strict) throws -> ParsedCalendar {
        try ICalendarParser.parse(lines.joined(separator: "\r\n") + "\r\n", mode: mode)
    }

    static let minimal = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:1", "DTSTART:20240101T090000Z"]

    @Test("folded lines unfold: CRLF plus space or tab continues the line")
    func unfolding() throws {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Hello\r\n  wor\r\n\tld\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let event = try ICalendarParser.parse(text).calendar.components[0]
        #expect(event.property("SUMMARY")?.value == "Hello world")
    }

    @Test("bare LF, lone CR and a UTF-8 BOM are accepted")
    func lineEndingsAndBOM() throws {
        let text = "\u{FEFF}BEGIN:VCALENDAR\nBEGIN:VEVENT\rSUMMARY:a\n b\nEND:VEVENT\nEND:VCALENDAR"
        let event = try ICalendarParser.parse(text).calendar.components[0]
        #expect(event.property("SUMMARY")?.value == "ab")
    }

    @Test("a fold inside a multi-byte UTF-8 character is joined back into the character")
    func foldInsideUTF8() throws {
        let bytes: [UInt8] = Array("BEGIN:VEVENT\r\nSUMMARY:caf".utf8) + [0xC3, 13, 10, 32, 0xA9] + Array("\r\nEND:VEVENT\r\n".utf8)
        let parsed = try ICalendarParser.parse(bytes: bytes)
        #expect(parsed.components[0].property("SUMMARY")?.text == "café")
    }

    @Test("parameters: quoted values with colons, multiple values, RFC 6868 caret escapes")
    func parameters() throws {
        let parsed = try Self.parse([
            "BEGIN:VEVENT",
            #"ATTENDEE;MEMBER="mailto:a@x.org","mailto:b@x.org";CN="Doe; ^'Jim^' ^^ ^nx":mailto:jim@x.org"#,
            "END:VEVENT",
        ])
        let attendee = try #require(parsed.components[0].property("ATTENDEE"))
        #expect(attendee.parameters[0].values == ["mailto:a@x.org", "mailto:b@x.org"])
        #expect(attendee.parameter("CN") == "Doe; \"Jim\" ^ \nx")
        #expect(attendee.value == "mailto:jim@x.org")
    }

    @Test("TEXT escapes decode and encode symmetrically")
    func textEscaping() {
        #expect(TextValue.unescape(#"a\,b\;c\\d\ne\Nf"#) == "a,b;c\\d\ne\nf")
        #expect(TextValue.escape("a,b;c\\d\ne") == #"a\,b\;c\\d\ne"#)
        #expect(TextValue.splitList(#"one,two\,three"#) == ["one", "two,three"])
    }

    @Test("names are case-insensitive and stored upper-case; unknown and X- names are kept")
    func unknownNamesKept() throws {
        let parsed = try Self.parse(["begin:vcalendar", "x-wr-calname:Mine", "BEGIN:X-THING", "FOO;BAR=baz:qux", "END:X-THING", "end:VCALENDAR"])
        let calendar = parsed.calendar
        #expect(calendar.property("X-WR-CALNAME")?.value == "Mine")
        #expect(calendar.components[0].name == "X-THING")
        #expect(calendar.components[0].property("FOO")?.parameter("bar") == "baz")
    }

    @Test("errors carry the line and say what is wrong")
    func locatedErrors() {
        #expect(throws: ICalendarError.syntax(line: 3, message: "content line has no ':' (\"NOCOLON\")")) {
            try Self.parse(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "NOCOLON", "END:VEVENT", "END:VCALENDAR"])
        }
        #expect(throws: ICalendarError.structure(line: 3, message: "END:VTODO does not match BEGIN:VEVENT at line 2")) {
            try Self.parse(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VTODO", "END:VCALENDAR"])
        }
        #expect(throws: ICalendarError.structure(line: 1, message: "BEGIN:VCALENDAR is never closed")) {
            try Self.parse(["BEGIN:VCALENDAR", "VERSION:2.0"])
        }
        #expect(throws: ICalendarError.invalidValue(line: 6, property: "DTSTART", message: "\"2024-01-01\" is not a DATE or DATE-TIME")) {
            try Self.parse([
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "BEGIN:VEVENT", "UID:1", "DTSTART:2024-01-01", "END:VEVENT", "END:VCALENDAR",
            ])
        }
        #expect(throws: ICalendarError.structure(line: 1, message: "no component found (expected BEGIN:VCALENDAR)")) {
            try ICalendarParser.parse("")
        }
    }

    @Test("lenient mode repairs what real exports get wrong and reports each repair")
    func lenientRepairs() throws {
        let lines = [
            "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:1", "DTSTART:20240101", "X-APPLE-RADIUS=49.9", #"RRULE:FREQ=DAILY\;COUNT=3"#,
            "",
            "END:VEVENT",
        ]
        #expect(throws: ICalendarError.self) { try Self.parse(lines, mode: .strict) }
        let parsed = try Self.parse(lines, mode: .lenient)
        let event = parsed.calendar.components[0]
        #expect(try event.property("DTSTART")?.dateOrDateTime() == .date(CalendarDate(year: 2024, month: 1, day: 1)))
        let messages = parsed.warnings.map(\.message)
        #expect(messages.contains { $0.contains("no ':'") })
        #expect(messages.contains { $0.contains("DATE value without VALUE=DATE") })
        #expect(messages.contains { $0.contains("RRULE repaired") })
        #expect(messages.contains { $0.contains("never closed") })
        #expect(parsed.warnings.allSatisfy { $0.line > 0 })
    }

    @Test("invalid UTF-8 is an error in strict mode and replaced in lenient mode")
    func invalidUTF8() throws {
        let bytes = Array("BEGIN:VEVENT\r\nSUMMARY:".utf8) + [0xFF, 0xFE] + Array("\r\nEND:VEVENT\r\n".utf8)
        #expect(throws: ICalendarError.syntax(line: 2, message: "invalid UTF-8")) { try ICalendarParser.parse(bytes: bytes) }
        let parsed = try ICalendarParser.parse(bytes: bytes, mode: .lenient)
        #expect(parsed.components[0].property("SUMMARY")?.value.contains("\u{FFFD}") == true)
    }
}
