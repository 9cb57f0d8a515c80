import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

/// Every row of the RFC 4791 §9.9 tables, probed at the boundaries where the rows differ.
struct TimeRangeTableTests {
    struct Probe: CustomTestStringConvertible, Sendable {
        var row: String
        var component: String
        var body: String
        var start: String?
        var end: String?
        var expected: Bool

        var testDescription: String { "\(row): [\(start ?? "-inf"), \(end ?? "+inf")) → \(expected)" }
    }

    static func event(_ lines: String) -> String { "BEGIN:VEVENT\nUID:e\nDTSTAMP:20240101T000000Z\n\(lines)\nEND:VEVENT" }
    static func todo(_ lines: String) -> String { "BEGIN:VTODO\nUID:t\nDTSTAMP:20240101T000000Z\n\(lines)\nEND:VTODO" }

    static let eventProbes: [Probe] = {
        let withEnd = event("DTSTART:20240110T100000Z\nDTEND:20240110T110000Z")
        let zeroEnd = event("DTSTART:20240110T100000Z\nDTEND:20240110T100000Z")
        let withDuration = event("DTSTART:20240110T100000Z\nDURATION:PT1H")
        let zeroDuration = event("DTSTART:20240110T100000Z\nDURATION:PT0S")
        let instant = event("DTSTART:20240110T100000Z")
        let allDay = event("DTSTART;VALUE=DATE:20240110")
        return [
            Probe(row: "DTEND", component: "VEVENT", body: withEnd, start: "20240110T090000Z", end: "20240110T100000Z", expected: false),
            Probe(row: "DTEND", component: "VEVENT", body: withEnd, start: "20240110T090000Z", end: "20240110T100001Z", expected: true),
            Probe(row: "DTEND", component: "VEVENT", body: withEnd, start: "20240110T105959Z", end: nil, expected: true),
            Probe(row: "DTEND", component: "VEVENT", body: withEnd, start: "20240110T110000Z", end: nil, expected: false),
            Probe(row: "DTEND = DTSTART", component: "VEVENT", body: zeroEnd, start: "20240110T100000Z", end: "20240110T110000Z", expected: false),
            Probe(row: "DTEND = DTSTART", component: "VEVENT", body: zeroEnd, start: "20240110T095959Z", end: "20240110T100001Z", expected: true),
            Probe(row: "DURATION > 0", component: "VEVENT", body: withDuration, start: "20240110T105959Z", end: "20240110T120000Z", expected: true),
            Probe(row: "DURATION > 0", component: "VEVENT", body: withDuration, start: "20240110T110000Z", end: "20240110T120000Z", expected: false),
            Probe(row: "DURATION > 0", component: "VEVENT", body: withDuration, start: nil, end: "20240110T100000Z", expected: false),
            Probe(row: "DURATION = 0", component: "VEVENT", body: zeroDuration, start: "20240110T100000Z", end: "20240110T100001Z", expected: true),
            Probe(row: "DURATION = 0", component: "VEVENT", body: zeroDuration, start: "20240110T090000Z", end: "20240110T100000Z", expected: false),
            Probe(row: "DATE-TIME, no end", component: "VEVENT", body: instant, start: "20240110T100000Z", end: nil, expected: true),
            Probe(row: "DATE-TIME, no end", component: "VEVENT", body: instant, start: "20240110T100001Z", end: nil, expected: false),
            Probe(row: "DATE-TIME, no end", component: "VEVENT", body: instant, start: nil, end: "20240110T100000Z", expected: false),
            Probe(row: "DATE, no end", component: "VEVENT", body: allDay, start: "20240110T235959Z", end: nil, expected: true),
            Probe(row: "DATE, no end", component: "VEVENT", body: allDay, start: "20240111T000000Z", end: nil, expected: false),
            Probe(row: "DATE, no end", component: "VEVENT", body: allDay, start: nil, end: "20240110T000000Z", expected: false),
            Probe(row: "DATE, no end", component: "VEVENT", body: allDay, start: nil, end: "20240110T000001Z", expected: true),
        ]
    }()

    static let todoProbes: [Probe] = {
        let startDuration = todo("DTSTART:20240110T100000Z\nDURATION:PT1H")
        let startZeroDuration = todo("DTSTART:20240110T100000Z\nDURATION:PT0S")
        let startDue = todo("DTSTART:20240110T100000Z\nDUE:20240110T110000Z")
        let startEqualsDue = todo("DTSTART:20240110T100000Z\nDUE:20240110T100000Z")
        let startOnly = todo("DTSTART:20240110T100000Z")
        let dueOnly = todo("DUE:20240110T110000Z")
        let completedCreated = todo("CREATED:20240101T000000Z\nCOMPLETED:20240105T000000Z")
        let completedOnly = todo("COMPLETED:20240105T000000Z")
        let createdOnly = todo("CREATED:20240101T000000Z")
        let bare = todo("SUMMARY:someday")
        return [
            // (start <= DTSTART+DURATION) AND ((end > DTSTART) OR (end >= DTSTART+DURATION))
            Probe(row: "DTSTART+DURATION", component: "VTODO", body: startDuration, start: "20240110T110000Z", end: nil, expected: true),
            Probe(row: "DTSTART+DURATION", component: "VTODO", body: startDuration, start: "20240110T110001Z", end: nil, expected: false),
            Probe(row: "DTSTART+DURATION", component: "VTODO", body: startDuration, start: nil, end: "20240110T100000Z", expected: false),
            Probe(row: "DTSTART+DURATION", component: "VTODO", body: startDuration, start: nil, end: "20240110T100001Z", expected: true),
            Probe(row: "DTSTART+PT0S", component: "VTODO", body: startZeroDuration, start: nil, end: "20240110T100000Z", expected: true),
            // ((start < DUE) OR (start <= DTSTART)) AND ((end > DTSTART) OR (end >= DUE))
            Probe(row: "DTSTART+DUE", component: "VTODO", body: startDue, start: "20240110T110000Z", end: nil, expected: false),
            Probe(row: "DTSTART+DUE", component: "VTODO", body: startDue, start: "20240110T105959Z", end: nil, expected: true),
            Probe(row: "DTSTART+DUE", component: "VTODO", body: startDue, start: nil, end: "20240110T100000Z", expected: false),
            Probe(row: "DTSTART+DUE", component: "VTODO", body: startDue, start: nil, end: "20240110T100001Z", expected: true),
            Probe(row: "DTSTART = DUE", component: "VTODO", body: startEqualsDue, start: "20240110T100000Z", end: nil, expected: true),
            Probe(row: "DTSTART = DUE", component: "VTODO", body: startEqualsDue, start: nil, end: "20240110T100000Z", expected: true),
            // (start <= DTSTART) AND (end > DTSTART)
            Probe(row: "DTSTART only", component: "VTODO", body: startOnly, start: "20240110T100000Z", end: nil, expected: true),
            Probe(row: "DTSTART only", component: "VTODO", body: startOnly, start: nil, end: "20240110T100000Z", expected: false),
            // (start < DUE) AND (end >= DUE)
            Probe(row: "DUE only", component: "VTODO", body: dueOnly, start: nil, end: "20240110T110000Z", expected: true),
            Probe(row: "DUE only", component: "VTODO", body: dueOnly, start: "20240110T110000Z", end: nil, expected: false),
            Probe(row: "DUE only", component: "VTODO", body: dueOnly, start: "20240110T105959Z", end: "20240110T110000Z", expected: true),
            // ((start <= CREATED) OR (start <= COMPLETED)) AND ((end >= CREATED) OR (end >= COMPLETED))
            Probe(
                row: "COMPLETED+CREATED", component: "VTODO", body: completedCreated, start: "20240102T000000Z", end: "20240103T000000Z",
                expected: true),
            Probe(row: "COMPLETED+CREATED", component: "VTODO", body: completedCreated, start: "20240105T000000Z", end: nil, expected: true),
            Probe(row: "COMPLETED+CREATED", component: "VTODO", body: completedCreated, start: "20240105T000001Z", end: nil, expected: false),
            Probe(row: "COMPLETED+CREATED", component: "VTODO", body: completedCreated, start: nil, end: "20240101T000000Z", expected: true),
            Probe(row: "COMPLETED+CREATED", component: "VTODO", body: completedCreated, start: nil, end: "20231231T235959Z", expected: false),
            // (start <= COMPLETED) AND (end >= COMPLETED)
            Probe(row: "COMPLETED only", component: "VTODO", body: completedOnly, start: nil, end: "20240105T000000Z", expected: true),
            Probe(row: "COMPLETED only", component: "VTODO", body: completedOnly, start: "20240105T000000Z", end: nil, expected: true),
            Probe(row: "COMPLETED only", component: "VTODO", body: completedOnly, start: "20240105T000001Z", end: nil, expected: false),
            Probe(row: "COMPLETED only", component: "VTODO", body: completedOnly, start: nil, end: "20240104T235959Z", expected: false),
            // (end > CREATED)
            Probe(row: "CREATED only", component: "VTODO", body: createdOnly, start: nil, end: "20240101T000001Z", expected: true),
            Probe(row: "CREATED only", component: "VTODO", body: createdOnly, start: nil, end: "20240101T000000Z", expected: false),
            Probe(row: "CREATED only", component: "VTODO", body: createdOnly, start: "20300101T000000Z", end: nil, expected: true),
            // TRUE
            Probe(row: "nothing", component: "VTODO", body: bare, start: "19700101T000000Z", end: "19700101T000001Z", expected: true),
        ]
    }()

    static let otherProbes: [Probe] = {
        let journal = "BEGIN:VJOURNAL\nUID:j\nDTSTART:20240110T100000Z\nEND:VJOURNAL"
        let dayJournal = "BEGIN:VJOURNAL\nUID:j\nDTSTART;VALUE=DATE:20240110\nEND:VJOURNAL"
        let noDateJournal = "BEGIN:VJOURNAL\nUID:j\nSUMMARY:notes\nEND:VJOURNAL"
        let bounded = "BEGIN:VFREEBUSY\nUID:f\nDTSTART:20240110T000000Z\nDTEND:20240111T000000Z\nFREEBUSY:20240110T100000Z/PT1H\nEND:VFREEBUSY"
        let periods = "BEGIN:VFREEBUSY\nUID:f\nFREEBUSY;FBTYPE=FREE:20240110T100000Z/PT1H,20240110T150000Z/20240110T160000Z\nEND:VFREEBUSY"
        let empty = "BEGIN:VFREEBUSY\nUID:f\nORGANIZER:mailto:a@example.com\nEND:VFREEBUSY"
        return [
            Probe(
                row: "VJOURNAL DATE-TIME", component: "VJOURNAL", body: journal, start: "20240110T100000Z", end: "20240110T100001Z", expected: true),
            Probe(row: "VJOURNAL DATE-TIME", component: "VJOURNAL", body: journal, start: nil, end: "20240110T100000Z", expected: false),
            Probe(row: "VJOURNAL DATE", component: "VJOURNAL", body: dayJournal, start: "20240110T235959Z", end: nil, expected: true),
            Probe(row: "VJOURNAL DATE", component: "VJOURNAL", body: dayJournal, start: "20240111T000000Z", end: nil, expected: false),
            Probe(row: "VJOURNAL no DTSTART", component: "VJOURNAL", body: noDateJournal, start: "19700101T000000Z", end: nil, expected: false),
            // (start <= DTEND) AND (end > DTSTART): a range starting at DTEND still matches.
            Probe(row: "VFREEBUSY DTSTART+DTEND", component: "VFREEBUSY", body: bounded, start: "20240111T000000Z", end: nil, expected: true),
            Probe(row: "VFREEBUSY DTSTART+DTEND", component: "VFREEBUSY", body: bounded, start: "20240111T000001Z", end: nil, expected: false),
            Probe(row: "VFREEBUSY DTSTART+DTEND", component: "VFREEBUSY", body: bounded, start: nil, end: "20240110T000000Z", expected: false),
            // FREEBUSY periods of any type, open at both ends.
            Probe(
                row: "VFREEBUSY periods", component: "VFREEBUSY", body: periods, start: "20240110T105959Z", end: "20240110T120000Z", expected: true),
            Probe(
                row: "VFREEBUSY periods", component: "VFREEBUSY", body: periods, start: "20240110T110000Z", end: "20240110T150000Z", expected: false),
            Probe(row: "VFREEBUSY periods", component: "VFREEBUSY", body: periods, start: "20240110T155959Z", end: nil, expected: true),
            Probe(row: "VFREEBUSY nothing", component: "VFREEBUSY", body: empty, start: "19700101T000000Z", end: nil, expected: false),
        ]
    }()

    @Test("VEVENT table (RFC 4791 §9.9)", arguments: eventProbes)
    func eventTable(probe: Probe) throws {
        let filter = Support.timeRangeFilter(probe.component, probe.start, probe.end)
        #expect(filter.matches(try Support.calendar(probe.body)) == probe.expected)
    }

    @Test("VTODO table (RFC 4791 §9.9)", arguments: todoProbes)
    func todoTable(probe: Probe) throws {
        let filter = Support.timeRangeFilter(probe.component, probe.start, probe.end)
        #expect(filter.matches(try Support.calendar(probe.body)) == probe.expected)
    }

    @Test("VJOURNAL and VFREEBUSY tables (RFC 4791 §9.9)", arguments: otherProbes)
    func otherTables(probe: Probe) throws {
        let filter = Support.timeRangeFilter(probe.component, probe.start, probe.end)
        #expect(filter.matches(try Support.calendar(probe.body)) == probe.expected)
    }

    @Test("an all-day event is the day in the floating zone: the request's or the calendar's, UTC when none")
    func allDayInFloatingZone() throws {
        let calendar = try Support.calendar(Self.event("DTSTART;VALUE=DATE:20240110\nDTEND;VALUE=DATE:20240111"))
        // In Tokyo (UTC+9) the 10th is 2024-01-09T15:00Z..2024-01-10T15:00Z.
        let lateUTC = Support.timeRangeFilter("VEVENT", "20240110T160000Z", "20240110T170000Z")
        #expect(lateUTC.matches(calendar))
        #expect(!lateUTC.matches(calendar, floatingZone: Support.tokyo))
        let earlyUTC = Support.timeRangeFilter("VEVENT", "20240109T150000Z", "20240109T150001Z")
        #expect(!earlyUTC.matches(calendar))
        #expect(earlyUTC.matches(calendar, floatingZone: Support.tokyo))
        // A floating time too; a zoned or UTC time is not moved.
        let floating = try Support.calendar(Self.event("DTSTART:20240110T090000\nDURATION:PT1H"))
        let nineUTC = Support.timeRangeFilter("VEVENT", "20240110T090000Z", "20240110T091000Z")
        #expect(nineUTC.matches(floating))
        #expect(!nineUTC.matches(floating, floatingZone: Support.newYork))
        #expect(Support.timeRangeFilter("VEVENT", "20240110T140000Z", "20240110T141000Z").matches(floating, floatingZone: Support.newYork))
        let zoned = try Support.calendar(Self.event("DTSTART;TZID=Asia/Tokyo:20240110T090000\nDURATION:PT1H"))
        #expect(Support.timeRangeFilter("VEVENT", "20240110T000000Z", "20240110T001000Z").matches(zoned, floatingZone: Support.newYork))
    }

    @Test("the zone of a request's <C:timezone> decides where an all-day event falls, a custom VTIMEZONE included")
    func requestTimeZone() throws {
        let timezone = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:x
            BEGIN:VTIMEZONE
            TZID:Ship Time
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+1000
            TZOFFSETTO:+1000
            END:STANDARD
            END:VTIMEZONE
            END:VCALENDAR
            """
        let request = try Support.query(
            filter:
                "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:time-range start=\"20240109T140000Z\" end=\"20240109T150000Z\"/></C:comp-filter></C:comp-filter>",
            extra: "<C:timezone>\(timezone)</C:timezone>")
        let zone = try #require(request.timezoneRules)
        #expect(zone.offset(at: Support.utc("20240109T140000Z")) == 10 * 3600)
        let calendar = try Support.calendar(Self.event("DTSTART;VALUE=DATE:20240110"))
        // The 10th at +10:00 starts at 14:00Z on the 9th.
        #expect(request.filter.matches(calendar, floatingZone: zone))
        #expect(!request.filter.matches(calendar))
    }

    @Test("an unknown TZID without a VTIMEZONE reads as floating time")
    func unknownTimeZone() throws {
        let calendar = try Support.calendar(Self.event("DTSTART;TZID=Mars/Olympus_Mons:20240110T090000\nDURATION:PT1H"))
        #expect(Support.timeRangeFilter("VEVENT", "20240110T090000Z", "20240110T091000Z").matches(calendar))
        #expect(Support.timeRangeFilter("VEVENT", "20240110T140000Z", "20240110T141000Z").matches(calendar, floatingZone: Support.newYork))
    }

    @Test("a custom VTIMEZONE defines a TZID the system does not know")
    func customTimeZone() throws {
        let calendar = try Support.calendar(
            """
            BEGIN:VTIMEZONE
            TZID:Office Time
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+0300
            TZOFFSETTO:+0300
            END:STANDARD
            END:VTIMEZONE
            \(Self.event("DTSTART;TZID=Office Time:20240110T090000\nDURATION:PT1H"))
            """)
        #expect(Support.timeRangeFilter("VEVENT", "20240110T060000Z", "20240110T061000Z").matches(calendar))
        #expect(!Support.timeRangeFilter("VEVENT", "20240110T090000Z", "20240110T091000Z").matches(calendar))
    }
}
