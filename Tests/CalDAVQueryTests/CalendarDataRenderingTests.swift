import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

/// `<C:calendar-data>` output (RFC 4791 §9.6): stored text, expand, limit-recurrence-set,
/// limit-freebusy-set and partial retrieval. Outputs are parsed back with the strict parser.
struct CalendarDataRenderingTests {
    /// A daily 12:00 New York event on 2–6 January 2006; the 4th and the 6th moved to 14:00.
    static let series = """
        BEGIN:VTIMEZONE
        TZID:America/New_York
        BEGIN:STANDARD
        DTSTART:20071104T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:20070311T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:series@example.com
        DTSTAMP:20060206T001121Z
        DTSTART;TZID=America/New_York:20060102T120000
        DURATION:PT1H
        RRULE:FREQ=DAILY;COUNT=5
        SUMMARY:Event #2
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:soon
        TRIGGER:-PT10M
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        UID:series@example.com
        DTSTAMP:20060206T001121Z
        DTSTART;TZID=America/New_York:20060104T140000
        DURATION:PT1H
        RECURRENCE-ID;TZID=America/New_York:20060104T120000
        SUMMARY:Event #2 bis
        END:VEVENT
        BEGIN:VEVENT
        UID:series@example.com
        DTSTAMP:20060206T001121Z
        DTSTART;TZID=America/New_York:20060106T140000
        DURATION:PT1H
        RECURRENCE-ID;TZID=America/New_York:20060106T120000
        SUMMARY:Event #2 bis bis
        END:VEVENT
        """

    static func render(_ body: String, _ request: CalendarDataRequest, zone: ZoneRules = .utc) throws -> Component {
        let text = CalendarDataRenderer.render(storedText: Support.text(body), request: request, floatingZone: zone)
        return try ICalendarParser.parse(text, mode: .strict).calendar
    }

    static func values(_ components: [Component], _ name: String) -> [String] {
        components.compactMap { $0.property(name)?.value }
    }

    @Test("no request, or an empty calendar-data, returns the stored text byte for byte")
    func storedText() throws {
        let stored =
            "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:odd\nBEGIN:VEVENT\nUID:x\nDTSTART:20240101T000000Z\nX-Folded:a\n b\nEND:VEVENT\nEND:VCALENDAR\n"
        #expect(CalendarDataRenderer.render(storedText: stored, request: nil) == stored)
        #expect(CalendarDataRenderer.render(storedText: stored, request: CalendarDataRequest()) == stored)
        // Asking for all components and properties still re-serializes (the request shaped it).
        let everything = CalendarDataRequest(component: ComponentSelection(name: "VCALENDAR"))
        let rendered = CalendarDataRenderer.render(storedText: stored, request: everything)
        #expect(rendered.contains("\r\nX-FOLDED:ab\r\n"))
    }

    @Test("expand: one component per instance meeting the window, in UTC, with RECURRENCE-ID, no RRULE and no VTIMEZONE (RFC 4791 §7.8.3)")
    func expandSeries() throws {
        let request = CalendarDataRequest(expand: Support.window("20060103T000000Z", "20060105T000000Z"))
        let calendar = try Self.render(Self.series, request)
        #expect(calendar.components(named: "VTIMEZONE").isEmpty)
        let events = calendar.components(named: "VEVENT")
        #expect(Self.values(events, "DTSTART") == ["20060103T170000Z", "20060104T190000Z"])
        #expect(Self.values(events, "RECURRENCE-ID") == ["20060103T170000Z", "20060104T170000Z"])
        #expect(Self.values(events, "SUMMARY") == ["Event #2", "Event #2 bis"])
        #expect(Self.values(events, "DURATION") == ["PT1H", "PT1H"])
        #expect(events.allSatisfy { $0.property("RRULE") == nil && $0.property("DTSTART")?.parameter("TZID") == nil })
        #expect(events.allSatisfy { $0.property("RECURRENCE-ID")?.parameter("TZID") == nil })
        // The master's alarm stays with its instances.
        #expect(events[0].components(named: "VALARM").count == 1)
        #expect(calendar.property("PRODID")?.value == "-//Horario//tests//EN")
    }

    @Test("expand across a DST change writes each instance's own UTC times; EXDATE'd instances are gone")
    func expandAcrossDST() throws {
        let request = CalendarDataRequest(expand: Support.window("20240301T000000Z", "20240401T000000Z"))
        let calendar = try Self.render(RecurringTimeRangeTests.sundays, request)
        let events = calendar.components(named: "VEVENT")
        #expect(
            Self.values(events, "DTSTART") == ["20240303T140000Z", "20240310T130000Z", "20240324T190000Z", "20240331T130000Z"])
        #expect(
            Self.values(events, "DTEND") == ["20240303T150000Z", "20240310T140000Z", "20240324T200000Z", "20240331T140000Z"])
        #expect(
            Self.values(events, "RECURRENCE-ID") == ["20240303T140000Z", "20240310T130000Z", "20240324T130000Z", "20240331T130000Z"])
        #expect(events.allSatisfy { $0.property("EXDATE") == nil })
    }

    @Test("expand: a one-day DURATION that spans a DST change becomes the DTEND it really has")
    func expandNominalDuration() throws {
        let body = """
            BEGIN:VEVENT
            UID:nominal
            DTSTART;TZID=America/New_York:20240309T120000
            DURATION:P1D
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            """
        let calendar = try Self.render(body, CalendarDataRequest(expand: Support.window("20240309T000000Z", "20240312T000000Z")))
        let events = calendar.components(named: "VEVENT")
        #expect(Self.values(events, "DTSTART") == ["20240309T170000Z", "20240310T160000Z", "20240311T160000Z"])
        // The first day has 23 hours: 12:00 EST to 12:00 EDT.
        #expect(events[0].property("DURATION") == nil)
        #expect(events[0].property("DTEND")?.value == "20240310T160000Z")
        #expect(events[1].property("DURATION")?.value == "P1D")
    }

    @Test("expand keeps all-day instances as DATEs; a plain event gets UTC times and no RECURRENCE-ID")
    func expandDatesAndSingles() throws {
        let body = """
            BEGIN:VEVENT
            UID:holiday
            DTSTART;VALUE=DATE:20240101
            DTEND;VALUE=DATE:20240102
            RRULE:FREQ=MONTHLY;COUNT=3
            END:VEVENT
            """
        let days = try Self.render(body, CalendarDataRequest(expand: Support.window("20240115T000000Z", "20240315T000000Z")))
        let events = days.components(named: "VEVENT")
        #expect(Self.values(events, "DTSTART") == ["20240201", "20240301"])
        #expect(Self.values(events, "DTEND") == ["20240202", "20240302"])
        #expect(Self.values(events, "RECURRENCE-ID") == ["20240201", "20240301"])
        #expect(events.allSatisfy { $0.property("DTSTART")?.valueType == "DATE" && $0.property("RECURRENCE-ID")?.valueType == "DATE" })
        let single = """
            BEGIN:VEVENT
            UID:once
            DTSTART;TZID=Europe/Berlin:20240110T090000
            DTEND;TZID=Europe/Berlin:20240110T100000
            END:VEVENT
            """
        let expanded = try Self.render(single, CalendarDataRequest(expand: Support.window("20240110T000000Z", "20240111T000000Z")))
        let event = try #require(expanded.components(named: "VEVENT").first)
        #expect(event.property("DTSTART")?.value == "20240110T080000Z")
        #expect(event.property("DTEND")?.value == "20240110T090000Z")
        #expect(event.property("RECURRENCE-ID") == nil)
        // Outside the window nothing is left, but the VCALENDAR stays well formed.
        let outside = try Self.render(single, CalendarDataRequest(expand: Support.window("20240111T000000Z", "20240112T000000Z")))
        #expect(outside.components.isEmpty)
    }

    @Test("limit-recurrence-set keeps the master and the overrides affecting the window (RFC 4791 §7.8.2)")
    func limitRecurrenceSet() throws {
        let request = CalendarDataRequest(limitRecurrenceSet: Support.window("20060103T000000Z", "20060105T000000Z"))
        let calendar = try Self.render(Self.series, request)
        let events = calendar.components(named: "VEVENT")
        #expect(Self.values(events, "SUMMARY") == ["Event #2", "Event #2 bis"])
        #expect(calendar.components(named: "VTIMEZONE").count == 1)
        #expect(events[0].property("RRULE")?.value == "FREQ=DAILY;COUNT=5")
        // An override moved out of the window still affects it: its original time is inside.
        let movedAway = Self.series.replacingOccurrences(
            of: "DTSTART;TZID=America/New_York:20060104T140000", with: "DTSTART;TZID=America/New_York:20060110T140000")
        #expect(Self.values(try Self.render(movedAway, request).components(named: "VEVENT"), "SUMMARY") == ["Event #2", "Event #2 bis"])
        // A window after every override keeps only the master.
        let later = CalendarDataRequest(limitRecurrenceSet: Support.window("20060107T000000Z", "20060108T000000Z"))
        #expect(Self.values(try Self.render(Self.series, later).components(named: "VEVENT"), "SUMMARY") == ["Event #2"])
    }

    @Test("limit-recurrence-set keeps a THISANDFUTURE override that starts before the window's end")
    func limitKeepsThisAndFuture() throws {
        let body = """
            BEGIN:VEVENT
            UID:future
            DTSTART:20240101T100000Z
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=10
            END:VEVENT
            BEGIN:VEVENT
            UID:future
            RECURRENCE-ID;RANGE=THISANDFUTURE:20240103T100000Z
            DTSTART:20240103T140000Z
            DURATION:PT1H
            SUMMARY:later
            END:VEVENT
            """
        let after = CalendarDataRequest(limitRecurrenceSet: Support.window("20240108T000000Z", "20240109T000000Z"))
        #expect(try Self.render(body, after).components(named: "VEVENT").count == 2)
        let before = CalendarDataRequest(limitRecurrenceSet: Support.window("20240101T000000Z", "20240102T000000Z"))
        #expect(try Self.render(body, before).components(named: "VEVENT").count == 1)
    }

    @Test("limit-freebusy-set keeps only FREEBUSY periods meeting the window (RFC 4791 §7.8.4)")
    func limitFreeBusySet() throws {
        let body = """
            BEGIN:VFREEBUSY
            UID:fb
            DTSTAMP:20050530T123421Z
            DTSTART:20060101T100000Z
            DTEND:20060108T100000Z
            FREEBUSY:20060101T100000Z/PT1H,20060104T100000Z/PT1H
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20060102T100000Z/20060102T120000Z
            FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20060101T230000Z/PT2H,20060103T100000Z/PT1H
            END:VFREEBUSY
            """
        let calendar = try Self.render(body, CalendarDataRequest(limitFreeBusySet: Support.window("20060102T000000Z", "20060103T000000Z")))
        let busy = try #require(calendar.components(named: "VFREEBUSY").first)
        let lines = busy.properties(named: "FREEBUSY").map { ($0.parameter("FBTYPE") ?? "BUSY") + " " + $0.value }
        #expect(lines == ["BUSY-TENTATIVE 20060102T100000Z/20060102T120000Z", "BUSY-UNAVAILABLE 20060101T230000Z/PT2H"])
        #expect(busy.property("DTSTART")?.value == "20060101T100000Z")
    }

    @Test("partial retrieval returns exactly the asked properties and components (RFC 4791 §7.8.1)")
    func partialRetrieval() throws {
        let attendee = Self.series.replacingOccurrences(
            of: "SUMMARY:Event #2\n", with: "SUMMARY:Event #2\nATTENDEE;PARTSTAT=ACCEPTED:mailto:cyrus@example.com\n")
        let selection = ComponentSelection(
            name: "VCALENDAR", properties: .named([PropertyRequest(name: "VERSION")]),
            components: .named([
                ComponentSelection(
                    name: "VEVENT",
                    properties: .named([
                        PropertyRequest(name: "SUMMARY"), PropertyRequest(name: "UID"), PropertyRequest(name: "DTSTART"),
                        PropertyRequest(name: "ATTENDEE", noValue: true),
                    ]),
                    components: .named([])),
                ComponentSelection(name: "VTIMEZONE"),
            ]))
        let text = CalendarDataRenderer.render(storedText: Support.text(attendee), request: CalendarDataRequest(component: selection))
        #expect(text.contains("\r\nATTENDEE;PARTSTAT=ACCEPTED:\r\n"))
        let calendar = try ICalendarParser.parse(text, mode: .lenient).calendar
        #expect(calendar.properties.map(\.name) == ["VERSION"])
        #expect(calendar.components.map(\.name) == ["VTIMEZONE", "VEVENT", "VEVENT", "VEVENT"])
        let master = calendar.components[1]
        #expect(master.properties.map(\.name) == ["UID", "DTSTART", "SUMMARY", "ATTENDEE"])
        #expect(master.components.isEmpty)
        // The whole VTIMEZONE, observances included.
        #expect(calendar.components[0].components.count == 2)
    }

    @Test("expand and partial retrieval combine: instances first, then the selection")
    func expandThenSelect() throws {
        let request = CalendarDataRequest(
            component: ComponentSelection(
                name: "VCALENDAR", properties: .all,
                components: .named([
                    ComponentSelection(name: "VEVENT", properties: .named([PropertyRequest(name: "RECURRENCE-ID")]), components: .named([]))
                ])),
            expand: Support.window("20060105T000000Z", "20060107T000000Z"))
        let calendar = try Self.render(Self.series, request)
        #expect(calendar.components.map { $0.properties.map(\.value) } == [["20060105T170000Z"], ["20060106T170000Z"]])
    }
}
