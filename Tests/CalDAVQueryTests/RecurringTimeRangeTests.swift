import Foundation
import ICalendar
import Testing

@testable import CalDAVQuery

private typealias Support = QueryTestSupport

/// Time ranges over expanded instances (RFC 4791 §7.4, §9.9): RRULE, RDATE, EXDATE,
/// overrides, THISANDFUTURE, DST changes, open ranges, alarms.
struct RecurringTimeRangeTests {
    /// Sundays 09:00–10:00 in New York from 3 March 2024, across the 10 March DST change; the
    /// 17th is cancelled and the 24th moved to 15:00.
    static let sundays = """
        BEGIN:VEVENT
        UID:sundays
        DTSTART;TZID=America/New_York:20240303T090000
        DTEND;TZID=America/New_York:20240303T100000
        RRULE:FREQ=WEEKLY;BYDAY=SU;COUNT=8
        EXDATE;TZID=America/New_York:20240317T090000
        SUMMARY:Choir
        END:VEVENT
        BEGIN:VEVENT
        UID:sundays
        RECURRENCE-ID;TZID=America/New_York:20240324T090000
        DTSTART;TZID=America/New_York:20240324T150000
        DTEND;TZID=America/New_York:20240324T160000
        SUMMARY:Choir (afternoon)
        END:VEVENT
        """

    static func matches(_ body: String, _ start: String?, _ end: String?, component: String = "VEVENT", zone: ZoneRules = .utc) throws -> Bool {
        Support.timeRangeFilter(component, start, end).matches(try Support.calendar(body), floatingZone: zone)
    }

    @Test("instances keep 09:00 New York time across the DST change")
    func dstChange() throws {
        // 3 March is EST (14:00Z); 10 March is EDT (13:00Z).
        #expect(try Self.matches(Self.sundays, "20240303T140000Z", "20240303T143000Z"))
        #expect(try !Self.matches(Self.sundays, "20240303T130000Z", "20240303T140000Z"))
        #expect(try Self.matches(Self.sundays, "20240310T130000Z", "20240310T133000Z"))
        #expect(try !Self.matches(Self.sundays, "20240310T140000Z", "20240310T150000Z"))
    }

    @Test("EXDATE removes an instance; an override replaces its original time with its own")
    func exdateAndOverride() throws {
        #expect(try !Self.matches(Self.sundays, "20240317T000000Z", "20240318T000000Z"))
        #expect(try !Self.matches(Self.sundays, "20240324T130000Z", "20240324T140000Z"))
        #expect(try Self.matches(Self.sundays, "20240324T190000Z", "20240324T193000Z"))
        #expect(try Self.matches(Self.sundays, "20240331T130000Z", "20240331T140000Z"))
        // COUNT=8 ends on 21 April.
        #expect(try Self.matches(Self.sundays, "20240421T130000Z", "20240421T140000Z"))
        #expect(try !Self.matches(Self.sundays, "20240422T000000Z", nil))
    }

    @Test("a prop-filter next to a time range holds on the component describing the matching instance")
    func overrideProperties() throws {
        let calendar = try Support.calendar(Self.sundays)
        func afternoon(_ start: String, _ end: String) -> Bool {
            let filter = CompFilter(
                name: "VCALENDAR",
                compFilters: [
                    CompFilter(
                        name: "VEVENT", timeRange: Support.range(start, end),
                        propFilters: [PropFilter(name: "SUMMARY", textMatch: TextMatch(text: "afternoon"))])
                ])
            return filter.matches(calendar)
        }
        #expect(afternoon("20240324T190000Z", "20240324T200000Z"))
        #expect(!afternoon("20240310T130000Z", "20240310T140000Z"))
    }

    @Test("Sao Paulo 2018-11-04: a 00:30 daily event falls in the midnight DST gap and moves forward by it")
    func saoPauloGap() throws {
        let body = """
            BEGIN:VEVENT
            UID:gap
            DTSTART;TZID=America/Sao_Paulo:20181101T003000
            DURATION:PT30M
            RRULE:FREQ=DAILY
            EXDATE;TZID=America/Sao_Paulo:20181106T003000
            END:VEVENT
            """
        // 3 Nov at 00:30 -03 is 03:30Z; on the 4th 00:30 does not exist and reads as 01:30 -02,
        // again 03:30Z; from the 5th it is 00:30 -02, 02:30Z.
        #expect(try Self.matches(body, "20181103T033000Z", "20181103T033100Z"))
        #expect(try Self.matches(body, "20181104T033000Z", "20181104T033100Z"))
        #expect(try Self.matches(body, "20181105T023000Z", "20181105T023100Z"))
        #expect(try !Self.matches(body, "20181105T033000Z", "20181105T040000Z"))
        #expect(try !Self.matches(body, "20181106T000000Z", "20181106T120000Z"))
        #expect(try Self.matches(body, "20181107T023000Z", "20181107T023100Z"))
    }

    @Test("a THISANDFUTURE override moves every later instance")
    func thisAndFuture() throws {
        let body = """
            BEGIN:VEVENT
            UID:future
            DTSTART:20240101T100000Z
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=10
            END:VEVENT
            BEGIN:VEVENT
            UID:future
            RECURRENCE-ID;RANGE=THISANDFUTURE:20240105T100000Z
            DTSTART:20240105T140000Z
            DURATION:PT1H
            END:VEVENT
            """
        #expect(try Self.matches(body, "20240103T100000Z", "20240103T110000Z"))
        #expect(try !Self.matches(body, "20240107T100000Z", "20240107T110000Z"))
        #expect(try Self.matches(body, "20240107T140000Z", "20240107T143000Z"))
    }

    @Test("an endless rule matches ranges open at either end, and ranges a century away")
    func endlessRule() throws {
        let body = """
            BEGIN:VEVENT
            UID:forever
            DTSTART:20200101T090000Z
            DURATION:PT1H
            RRULE:FREQ=DAILY
            END:VEVENT
            """
        #expect(try Self.matches(body, "20300101T000000Z", nil))
        #expect(try Self.matches(body, nil, "20200101T090001Z"))
        #expect(try !Self.matches(body, nil, "20200101T090000Z"))
        #expect(try Self.matches(body, "21240101T093000Z", "21240101T093100Z"))
        #expect(try !Self.matches(body, "21240101T100000Z", "21240101T110000Z"))
    }

    @Test("RDATE periods carry their own end; all-day recurring events follow the floating zone")
    func rdatesAndAllDay() throws {
        let periods = """
            BEGIN:VEVENT
            UID:rdate
            DTSTART:20240101T100000Z
            DURATION:PT1H
            RDATE;VALUE=PERIOD:20240201T100000Z/PT5H
            END:VEVENT
            """
        #expect(try Self.matches(periods, "20240201T140000Z", "20240201T143000Z"))
        #expect(try !Self.matches(periods, "20240201T150000Z", "20240201T160000Z"))
        let birthdays = """
            BEGIN:VEVENT
            UID:birthday
            DTSTART;VALUE=DATE:20000315
            RRULE:FREQ=YEARLY
            END:VEVENT
            """
        // 15 March 2024 in Tokyo ends at 14:59:59Z on the 15th.
        #expect(try Self.matches(birthdays, "20240315T145959Z", "20240315T150000Z", zone: Support.tokyo))
        #expect(try !Self.matches(birthdays, "20240315T150000Z", "20240316T000000Z", zone: Support.tokyo))
        #expect(try Self.matches(birthdays, "20240315T150000Z", "20240316T000000Z"))
    }

    @Test("a recurring to-do is tested per instance with the VTODO table")
    func recurringTodo() throws {
        let body = """
            BEGIN:VTODO
            UID:chores
            DTSTART:20240101T080000Z
            DUE:20240101T090000Z
            RRULE:FREQ=WEEKLY;COUNT=4
            END:VTODO
            """
        #expect(try Self.matches(body, "20240115T083000Z", "20240115T083100Z", component: "VTODO"))
        #expect(try !Self.matches(body, "20240115T090000Z", "20240115T100000Z", component: "VTODO"))
        #expect(try !Self.matches(body, "20240129T000000Z", nil, component: "VTODO"))
    }

    @Test("dense rules with long instances are read in depth, not cut at the first few occurrences")
    func denseRule() throws {
        // Every ten minutes, each lasting a day: the expander looks back a day and more.
        let body = """
            BEGIN:VEVENT
            UID:dense
            DTSTART:20240101T000000Z
            DURATION:P1D
            RRULE:FREQ=MINUTELY;INTERVAL=10;UNTIL=20240105T000000Z
            SUMMARY:x
            END:VEVENT
            """
        #expect(try Self.matches(body, "20240105T230000Z", "20240105T233000Z"))
        #expect(try !Self.matches(body, "20240106T000100Z", nil))
    }
}

/// VALARM time ranges (RFC 4791 §9.9): triggers relative to each instance, repetitions,
/// absolute triggers.
struct AlarmTimeRangeTests {
    static func alarmFilter(_ parent: String, _ start: String, _ end: String) -> CompFilter {
        CompFilter(
            name: "VCALENDAR",
            compFilters: [CompFilter(name: parent, compFilters: [CompFilter(name: "VALARM", timeRange: Support.range(start, end))])])
    }

    static func event(_ alarm: String, recurrence: String = "") -> String {
        """
        BEGIN:VEVENT
        UID:alarmed
        DTSTART:20240110T150000Z
        DURATION:PT1H
        \(recurrence)
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:reminder
        \(alarm)
        END:VALARM
        END:VEVENT
        """
    }

    @Test("a relative trigger fires before the start, or after the end with RELATED=END")
    func relativeTriggers() throws {
        let before = try Support.calendar(Self.event("TRIGGER:-PT15M"))
        #expect(Self.alarmFilter("VEVENT", "20240110T144500Z", "20240110T144600Z").matches(before))
        #expect(!Self.alarmFilter("VEVENT", "20240110T144600Z", "20240110T150000Z").matches(before))
        let afterEnd = try Support.calendar(Self.event("TRIGGER;RELATED=END:PT5M"))
        #expect(Self.alarmFilter("VEVENT", "20240110T160500Z", "20240110T160600Z").matches(afterEnd))
        #expect(!Self.alarmFilter("VEVENT", "20240110T145000Z", "20240110T160500Z").matches(afterEnd))
    }

    @Test("REPEAT and DURATION add triggers; an absolute trigger fires once")
    func repeatsAndAbsolute() throws {
        let repeating = try Support.calendar(Self.event("TRIGGER:-PT15M\nREPEAT:2\nDURATION:PT5M"))
        #expect(Self.alarmFilter("VEVENT", "20240110T145500Z", "20240110T145600Z").matches(repeating))
        #expect(!Self.alarmFilter("VEVENT", "20240110T145600Z", "20240110T150000Z").matches(repeating))
        let absolute = try Support.calendar(Self.event("TRIGGER;VALUE=DATE-TIME:20240109T080000Z", recurrence: "RRULE:FREQ=DAILY"))
        #expect(Self.alarmFilter("VEVENT", "20240109T080000Z", "20240109T080100Z").matches(absolute))
        #expect(!Self.alarmFilter("VEVENT", "20240110T080000Z", "20240110T080100Z").matches(absolute))
    }

    @Test("alarms of a recurring event fire for every instance")
    func recurringAlarms() throws {
        let daily = try Support.calendar(Self.event("TRIGGER:-PT1H", recurrence: "RRULE:FREQ=DAILY;COUNT=5"))
        #expect(Self.alarmFilter("VEVENT", "20240113T140000Z", "20240113T140100Z").matches(daily))
        #expect(!Self.alarmFilter("VEVENT", "20240115T140000Z", "20240115T140100Z").matches(daily))
    }

    @Test("a to-do with only DUE has its alarm relative to DUE (RFC 4791 §7.8.5)")
    func todoAlarm() throws {
        let todo = try Support.calendar(
            """
            BEGIN:VTODO
            UID:task
            DUE;TZID=America/New_York:20060106T120000
            BEGIN:VALARM
            ACTION:AUDIO
            TRIGGER;RELATED=START:-PT10M
            END:VALARM
            END:VTODO
            """)
        #expect(Self.alarmFilter("VTODO", "20060106T100000Z", "20060107T100000Z").matches(todo))
        #expect(Self.alarmFilter("VTODO", "20060106T165000Z", "20060107T100000Z").matches(todo))
        #expect(!Self.alarmFilter("VTODO", "20060106T165001Z", "20060107T100000Z").matches(todo))
    }
}
