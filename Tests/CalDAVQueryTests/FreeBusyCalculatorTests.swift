import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

/// free-busy-query (RFC 4791 §7.10): which events are busy, FBTYPE per TRANSP and STATUS,
/// stored VFREEBUSY, clipping and merging.
struct FreeBusyCalculatorTests {
    static let window = Support.window("20060104T140000Z", "20060105T220000Z")

    static func event(_ uid: String, _ start: String, _ end: String, _ extra: String = "") -> String {
        "BEGIN:VEVENT\nUID:\(uid)\nDTSTART:\(start)\nDTEND:\(end)\n\(extra)\nEND:VEVENT"
    }

    static func periods(_ periods: [FreeBusyPeriod]) -> [String] {
        periods.map { "\($0.type.rawValue) \($0.start.icalString)/\($0.end.icalString)" }
    }

    @Test("opaque events are BUSY, tentative ones BUSY-TENTATIVE; transparent and cancelled ones take no time")
    func transparencyAndStatus() throws {
        let calendars = try [
            Support.calendar(Self.event("a", "20060104T150000Z", "20060104T160000Z", "STATUS:TENTATIVE")),
            Support.calendar(Self.event("b", "20060104T190000Z", "20060104T200000Z", "TRANSP:OPAQUE")),
            Support.calendar(Self.event("c", "20060104T210000Z", "20060104T220000Z", "TRANSP:TRANSPARENT")),
            Support.calendar(Self.event("d", "20060105T100000Z", "20060105T110000Z", "STATUS:CANCELLED")),
            Support.calendar(Self.event("e", "20060105T120000Z", "20060105T130000Z", "STATUS:X-SOMETHING")),
        ]
        let busy = FreeBusyCalculator(window: Self.window).busyPeriods(in: calendars)
        #expect(
            Self.periods(busy) == [
                "BUSY-TENTATIVE 20060104T150000Z/20060104T160000Z", "BUSY 20060104T190000Z/20060104T200000Z",
                "BUSY 20060105T120000Z/20060105T130000Z",
            ])
    }

    @Test("periods are clipped to the window and overlapping or touching ones merge; BUSY wins over BUSY-TENTATIVE")
    func clippingAndMerging() throws {
        let calendars = try [
            Support.calendar(Self.event("early", "20060104T120000Z", "20060104T143000Z")),
            Support.calendar(Self.event("x", "20060104T160000Z", "20060104T170000Z")),
            Support.calendar(Self.event("y", "20060104T163000Z", "20060104T180000Z")),
            Support.calendar(Self.event("z", "20060104T180000Z", "20060104T183000Z")),
            Support.calendar(Self.event("t", "20060104T182000Z", "20060104T190000Z", "STATUS:TENTATIVE")),
            Support.calendar(Self.event("late", "20060105T213000Z", "20060106T000000Z")),
        ]
        let busy = FreeBusyCalculator(window: Self.window).busyPeriods(in: calendars)
        #expect(
            Self.periods(busy) == [
                "BUSY 20060104T140000Z/20060104T143000Z", "BUSY 20060104T160000Z/20060104T183000Z",
                "BUSY-TENTATIVE 20060104T183000Z/20060104T190000Z", "BUSY 20060105T213000Z/20060105T220000Z",
            ])
    }

    @Test("recurring events count every instance in the window, overrides with their own status")
    func recurringEvents() throws {
        let calendar = try Support.calendar(
            """
            BEGIN:VEVENT
            UID:daily
            DTSTART;TZID=America/New_York:20060102T120000
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=5
            END:VEVENT
            BEGIN:VEVENT
            UID:daily
            RECURRENCE-ID;TZID=America/New_York:20060105T120000
            DTSTART;TZID=America/New_York:20060105T150000
            DURATION:PT1H
            STATUS:TENTATIVE
            END:VEVENT
            """)
        let busy = FreeBusyCalculator(window: Self.window).busyPeriods(in: [calendar])
        #expect(Self.periods(busy) == ["BUSY 20060104T170000Z/20060104T180000Z", "BUSY-TENTATIVE 20060105T200000Z/20060105T210000Z"])
    }

    @Test("all-day events are busy for the day in the calendar's zone")
    func allDayEvents() throws {
        let calendar = try Support.calendar("BEGIN:VEVENT\nUID:off\nDTSTART;VALUE=DATE:20060105\nEND:VEVENT")
        let window = Support.window("20060104T000000Z", "20060107T000000Z")
        #expect(Self.periods(FreeBusyCalculator(window: window).busyPeriods(in: [calendar])) == ["BUSY 20060105T000000Z/20060106T000000Z"])
        #expect(
            Self.periods(FreeBusyCalculator(window: window, floatingZone: Support.newYork).busyPeriods(in: [calendar]))
                == ["BUSY 20060105T050000Z/20060106T050000Z"])
    }

    @Test("stored VFREEBUSY periods count with their FBTYPE; FREE ones do not")
    func storedFreeBusy() throws {
        let calendar = try Support.calendar(
            """
            BEGIN:VFREEBUSY
            UID:fb
            DTSTART:20060101T000000Z
            DTEND:20060108T000000Z
            FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20060104T150000Z/PT1H
            FREEBUSY;FBTYPE=FREE:20060104T170000Z/PT1H
            FREEBUSY:20060105T090000Z/20060105T100000Z
            END:VFREEBUSY
            """)
        let busy = FreeBusyCalculator(window: Self.window).busyPeriods(in: [calendar])
        #expect(Self.periods(busy) == ["BUSY-UNAVAILABLE 20060104T150000Z/20060104T160000Z", "BUSY 20060105T090000Z/20060105T100000Z"])
    }

    @Test("the report: one VCALENDAR with one VFREEBUSY, extra periods merged in, no FREEBUSY when nothing is busy")
    func reportText() throws {
        let calculator = FreeBusyCalculator(window: Self.window)
        let calendars = try [Support.calendar(Self.event("a", "20060104T150000Z", "20060104T160000Z", "STATUS:TENTATIVE"))]
        let extra = [FreeBusyPeriod(start: Support.utc("20060105T200000Z"), end: Support.utc("20060106T090000Z"), type: .busyUnavailable)]
        let freeBusy = calculator.freeBusy(calendars: calendars, extra: extra, dtstamp: Support.utc("20050125T090000Z"))
        let text = FreeBusyCalculator.reportText(freeBusy)
        let parsed = try ICalendarParser.parse(text, mode: .strict).calendar
        #expect(parsed.property("VERSION")?.value == "2.0")
        let component = try #require(parsed.components(named: "VFREEBUSY").first)
        #expect(component.property("DTSTAMP")?.value == "20050125T090000Z")
        #expect(component.property("DTSTART")?.value == "20060104T140000Z")
        #expect(component.property("DTEND")?.value == "20060105T220000Z")
        #expect(
            component.properties(named: "FREEBUSY").map { "\($0.parameter("FBTYPE") ?? "") \($0.value)" } == [
                "BUSY-UNAVAILABLE 20060105T200000Z/20060105T220000Z", "BUSY-TENTATIVE 20060104T150000Z/20060104T160000Z",
            ])
        let idle = FreeBusyCalculator.reportText(calculator.freeBusy(calendars: [], dtstamp: Support.utc("20050125T090000Z")))
        #expect(!idle.contains("\r\nFREEBUSY"))
        #expect(idle.contains("BEGIN:VFREEBUSY\r\n"))
    }
}
