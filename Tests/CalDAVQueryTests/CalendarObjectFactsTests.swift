import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

/// PUT validation (RFC 4791 §4.1, §5.3.2.1) and the indexed span of an object.
struct CalendarObjectFactsTests {
    static func facts(_ body: String) throws -> CalendarObjectFacts {
        try CalendarObjectFacts.read(Support.text(body))
    }

    static func date(_ utc: String) -> Date { Support.utc(utc).date }

    @Test("a plain event: UID, type, its span padded by a second, and its own start and end")
    func plainEvent() throws {
        let facts = try Self.facts(
            """
            BEGIN:VEVENT
            UID: booking-42@horario
            DTSTAMP:20240101T000000Z
            DTSTART;TZID=Europe/Lisbon:20240710T090000
            DTEND;TZID=Europe/Lisbon:20240710T100000
            END:VEVENT
            """)
        #expect(facts.uid == "booking-42@horario")
        #expect(facts.componentType == "VEVENT")
        #expect(facts.eventStart == Self.date("20240710T080000Z"))
        #expect(facts.eventEnd == Self.date("20240710T090000Z"))
        #expect(facts.firstStart == Self.date("20240710T075959Z"))
        #expect(facts.lastEnd == Self.date("20240710T090001Z"))
        #expect(facts.calendar.components(named: "VEVENT").count == 1)
    }

    @Test("an endless rule has no last end; a finite one ends with its last instance, overrides included")
    func recurrenceSpans() throws {
        let endless = try Self.facts(
            """
            BEGIN:VEVENT
            UID:standup
            DTSTART:20240101T090000Z
            DURATION:PT15M
            RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR
            END:VEVENT
            """)
        #expect(endless.firstStart == Self.date("20240101T085959Z"))
        #expect(endless.lastEnd == nil)
        #expect(endless.eventStart == Self.date("20240101T090000Z"))
        #expect(endless.eventEnd == Self.date("20240101T091500Z"))
        let finite = try Self.facts(
            """
            BEGIN:VEVENT
            UID:course
            DTSTART:20240101T090000Z
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=5
            END:VEVENT
            BEGIN:VEVENT
            UID:course
            RECURRENCE-ID:20240103T090000Z
            DTSTART:20240220T090000Z
            DURATION:PT2H
            END:VEVENT
            """)
        #expect(finite.firstStart == Self.date("20240101T085959Z"))
        #expect(finite.lastEnd == Self.date("20240220T110001Z"))
        let until = try Self.facts(
            """
            BEGIN:VEVENT
            UID:until
            DTSTART;TZID=America/New_York:20240101T090000
            DTEND;TZID=America/New_York:20240101T100000
            RRULE:FREQ=MONTHLY;UNTIL=20240601T000000Z
            END:VEVENT
            """)
        // The last instance is 1 May 09:00 EDT.
        #expect(until.lastEnd == Self.date("20240501T140001Z"))
    }

    @Test("all-day and floating times are widened by 14 hours each side; so are TZIDs nobody knows")
    func floatingSpans() throws {
        let allDay = try Self.facts("BEGIN:VEVENT\nUID:d\nDTSTART;VALUE=DATE:20240710\nEND:VEVENT")
        #expect(allDay.firstStart == Self.date("20240709T095959Z"))
        #expect(allDay.lastEnd == Self.date("20240711T140001Z"))
        let floating = try Self.facts("BEGIN:VEVENT\nUID:f\nDTSTART:20240710T090000\nDURATION:PT1H\nEND:VEVENT")
        #expect(floating.firstStart == Self.date("20240709T185959Z"))
        #expect(floating.lastEnd == Self.date("20240711T000001Z"))
        let unknown = try Self.facts("BEGIN:VEVENT\nUID:u\nDTSTART;TZID=Custom/Nowhere:20240710T090000\nDURATION:PT1H\nEND:VEVENT")
        #expect(unknown.firstStart == floating.firstStart)
        #expect(unknown.lastEnd == floating.lastEnd)
    }

    @Test("to-dos: DUE only spans DUE; one with no date at all matches every range, so its span is open")
    func todoSpans() throws {
        let due = try Self.facts("BEGIN:VTODO\nUID:t\nDUE:20240710T170000Z\nEND:VTODO")
        #expect(due.componentType == "VTODO")
        #expect(due.firstStart == Self.date("20240710T165959Z"))
        #expect(due.lastEnd == Self.date("20240710T170001Z"))
        #expect(due.eventStart == nil)
        let open = try Self.facts("BEGIN:VTODO\nUID:t\nSUMMARY:someday\nEND:VTODO")
        #expect(open.firstStart == nil)
        #expect(open.lastEnd == nil)
        let created = try Self.facts("BEGIN:VTODO\nUID:t\nCREATED:20240101T000000Z\nEND:VTODO")
        #expect(created.firstStart == Self.date("20231231T235959Z"))
        #expect(created.lastEnd == nil)
    }

    @Test("stored free/busy spans DTSTART to DTEND")
    func freeBusySpan() throws {
        let facts = try Self.facts(
            "BEGIN:VFREEBUSY\nUID:fb\nDTSTAMP:20240101T000000Z\nDTSTART:20240101T000000Z\nDTEND:20240108T000000Z\nFREEBUSY:20240102T100000Z/PT1H\nEND:VFREEBUSY"
        )
        #expect(facts.componentType == "VFREEBUSY")
        #expect(facts.firstStart == Self.date("20231231T235959Z"))
        #expect(facts.lastEnd == Self.date("20240108T000001Z"))
    }

    static let refusalCases: [(text: String, error: CalDAVQueryError)] = [
        ("hello", .invalidCalendarData("not iCalendar: line 1: no component found (expected BEGIN:VCALENDAR)")),
        ("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20240101T000000Z\r\nEND:VEVENT\r\n", .invalidCalendarData("the body is not a VCALENDAR")),
        (
            Support.text("BEGIN:VEVENT\nUID:x\nDTSTART:20240101T000000Z\nEND:VEVENT")
                + Support.text("BEGIN:VEVENT\nUID:y\nDTSTART:20240101T000000Z\nEND:VEVENT"),
            .invalidObjectResource("a calendar object holds one VCALENDAR, found 2")
        ),
        (
            Support.text(
                "BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE"),
            .invalidObjectResource("the VCALENDAR holds no calendar component")
        ),
        (
            Support.text("BEGIN:VEVENT\nUID:x\nDTSTART:20240101T000000Z\nEND:VEVENT\nBEGIN:VTODO\nUID:x\nEND:VTODO"),
            .invalidObjectResource("a calendar object holds one component type, found VEVENT and VTODO")
        ),
        (
            Support.text(
                "BEGIN:VEVENT\nUID:x\nDTSTART:20240101T000000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:y\nRECURRENCE-ID:20240101T000000Z\nDTSTART:20240101T000000Z\nEND:VEVENT"
            ),
            .invalidObjectResource("all components need the same UID, found \"x\" and \"y\"")
        ),
        (Support.text("BEGIN:VEVENT\nDTSTART:20240101T000000Z\nEND:VEVENT"), .invalidObjectResource("VEVENT has no UID")),
        (
            Support.text("METHOD:REQUEST\nBEGIN:VEVENT\nUID:x\nDTSTART:20240101T000000Z\nEND:VEVENT"),
            .invalidObjectResource("a calendar object resource must not have METHOD (RFC 4791 §4.1)")
        ),
        (Support.text("BEGIN:VEVENT\nUID:x\nSUMMARY:when?\nEND:VEVENT"), .invalidCalendarData("VEVENT x has no DTSTART")),
        (
            Support.text("BEGIN:VEVENT\nUID:x\nDTSTART:tomorrow\nEND:VEVENT"),
            .invalidCalendarData("line 6: DTSTART: \"tomorrow\" is not a DATE or DATE-TIME")
        ),
        (Support.text("BEGIN:VPOLL\nUID:x\nEND:VPOLL"), .unsupportedComponent("VPOLL is not a component calendars hold")),
    ]

    @Test("objects RFC 4791 refuses, each with its precondition", arguments: 0..<refusalCases.count)
    func refusals(index: Int) {
        let (text, expected) = Self.refusalCases[index]
        let error = Support.error { try CalendarObjectFacts.read(text) }
        #expect(error == expected)
    }

    @Test("what clients send that is not strictly valid is still stored: lenient parsing, unknown TZIDs, X- components")
    func leniency() throws {
        // LF line ends, a DATE without VALUE=DATE, an unknown TZID, an X- component beside the event.
        let text =
            "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:l\nDTSTART:20240710\nDTEND;TZID=Nowhere/Special:20240711T000000\nEND:VEVENT\nBEGIN:X-APPLE-STUFF\nUID:other\nEND:X-APPLE-STUFF\nEND:VCALENDAR\n"
        let facts = try CalendarObjectFacts.read(text)
        #expect(facts.uid == "l")
        #expect(facts.componentType == "VEVENT")
        #expect(facts.firstStart != nil)
    }
}
