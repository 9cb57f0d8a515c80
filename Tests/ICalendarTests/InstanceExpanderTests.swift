import Testing

@testable import ICalendar

struct InstanceExpanderTests {
    static func calendar(_ body: String) throws -> Component {
        try ICalendarParser.parse("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:t\n" + body + "\nEND:VCALENDAR\n").calendar
    }

    static func window(_ from: String, _ to: String) -> Range<Instant> { Instant(rfc3339: from)!..<Instant(rfc3339: to)! }

    static func starts(_ instances: [Instance]) -> [String] { instances.map(\.start.description) }

    @Test("a weekly meeting in New York keeps 09:00 local across the March DST change")
    func weeklyAcrossDST() throws {
        let calendar = try Self.calendar(
            """
            BEGIN:VEVENT
            UID:w
            DTSTART;TZID=America/New_York:20240301T090000
            DTEND;TZID=America/New_York:20240301T100000
            RRULE:FREQ=WEEKLY
            END:VEVENT
            """)
        let instances = InstanceExpander.instances(in: calendar, window: Self.window("2024-03-01T00:00:00Z", "2024-03-20T00:00:00Z"))
        #expect(Self.starts(instances) == ["2024-03-01T14:00:00Z", "2024-03-08T14:00:00Z", "2024-03-15T13:00:00Z"])
        #expect(instances.allSatisfy { $0.end.secondsSince1970 - $0.start.secondsSince1970 == 3600 })
    }

    @Test("an override moves one occurrence; EXDATE removes another; overrides crossing a DST change keep their own times")
    func overridesAndExdates() throws {
        let calendar = try Self.calendar(
            """
            BEGIN:VEVENT
            UID:o
            DTSTART;TZID=Europe/Berlin:20240325T090000
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=5
            EXDATE;TZID=Europe/Berlin:20240327T090000
            END:VEVENT
            BEGIN:VEVENT
            UID:o
            RECURRENCE-ID;TZID=Europe/Berlin:20240331T090000
            DTSTART;TZID=Europe/Berlin:20240331T150000
            DTEND;TZID=Europe/Berlin:20240331T153000
            END:VEVENT
            """)
        let instances = InstanceExpander.instances(in: calendar, window: Self.window("2024-03-01T00:00:00Z", "2024-04-10T00:00:00Z"))
        // COUNT=5 ends on the 29th: the override of the 31st names no generated occurrence, but
        // it still describes an instance of its own (as clients that wrote it expect to see it).
        #expect(
            Self.starts(instances) == [
                "2024-03-25T08:00:00Z", "2024-03-26T08:00:00Z", "2024-03-28T08:00:00Z", "2024-03-29T08:00:00Z", "2024-03-31T13:00:00Z",
            ])
        let withOverride = try Self.calendar(
            """
            BEGIN:VEVENT
            UID:o
            DTSTART;TZID=Europe/Berlin:20240329T090000
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=4
            END:VEVENT
            BEGIN:VEVENT
            UID:o
            RECURRENCE-ID;TZID=Europe/Berlin:20240331T090000
            DTSTART;TZID=Europe/Berlin:20240331T150000
            DTEND;TZID=Europe/Berlin:20240331T153000
            END:VEVENT
            """)
        let moved = InstanceExpander.instances(in: withOverride, window: Self.window("2024-03-01T00:00:00Z", "2024-04-10T00:00:00Z"))
        #expect(Self.starts(moved) == ["2024-03-29T08:00:00Z", "2024-03-30T08:00:00Z", "2024-03-31T13:00:00Z", "2024-04-01T07:00:00Z"])
        #expect(moved[2].isOverride && moved[2].componentIndex == 1)
        #expect(moved[2].end.description == "2024-03-31T13:30:00Z")
        #expect(
            moved[2].recurrenceID
                == .dateTime(DateTimeValue(local: LocalDateTime(year: 2024, month: 3, day: 31, hour: 9), form: .zoned(tzid: "Europe/Berlin"))))
    }

    @Test("RANGE=THISANDFUTURE shifts this and every later occurrence")
    func thisAndFuture() throws {
        let calendar = try Self.calendar(
            """
            BEGIN:VEVENT
            UID:f
            DTSTART:20240101T100000Z
            DTEND:20240101T110000Z
            RRULE:FREQ=DAILY;COUNT=5
            END:VEVENT
            BEGIN:VEVENT
            UID:f
            RECURRENCE-ID;RANGE=THISANDFUTURE:20240103T100000Z
            DTSTART:20240103T120000Z
            DTEND:20240103T123000Z
            END:VEVENT
            """)
        let instances = InstanceExpander.instances(in: calendar, window: Self.window("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"))
        #expect(
            Self.starts(instances) == [
                "2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z", "2024-01-03T12:00:00Z", "2024-01-04T12:00:00Z", "2024-01-05T12:00:00Z",
            ])
        #expect(instances[4].end.description == "2024-01-05T12:30:00Z")
    }

    @Test("an instance that starts before the window but ends inside it is included; touching the start is not")
    func overlapSemantics() throws {
        let calendar = try Self.calendar(
            """
            BEGIN:VEVENT
            UID:l
            DTSTART:20240101T220000Z
            DTEND:20240102T020000Z
            RRULE:FREQ=DAILY
            END:VEVENT
            """)
        let instances = InstanceExpander.instances(in: calendar, window: Self.window("2024-01-05T00:00:00Z", "2024-01-05T22:00:00Z"))
        #expect(Self.starts(instances) == ["2024-01-04T22:00:00Z"])
        let touching = InstanceExpander.instances(in: calendar, window: Self.window("2024-01-05T02:00:00Z", "2024-01-05T22:00:00Z"))
        #expect(touching.isEmpty)
    }

    @Test("all-day events last one day by default and read in the floating zone")
    func allDay() throws {
        let calendar = try Self.calendar(
            """
            BEGIN:VEVENT
            UID:d
            DTSTART;VALUE=DATE:20240101
            RRULE:FREQ=YEARLY
            END:VEVENT
            """)
        let zone = try #require(ZoneRules.iana("America/Sao_Paulo"))
        let instances = InstanceExpander.instances(
            in: calendar, window: Self.window("2030-01-01T00:00:00Z", "2030-02-01T00:00:00Z"), floatingZone: zone)
        #expect(Self.starts(instances) == ["2030-01-01T03:00:00Z"])
        #expect(instances[0].end.description == "2030-01-02T03:00:00Z")
        #expect(instances[0].isAllDay)
    }

    @Test("an infinite rule costs only the window: a SECONDLY series queried a century later")
    func infiniteRuleIsLazy() throws {
        let calendar = try Self.calendar(
            """
            BEGIN:VEVENT
            UID:s
            DTSTART;TZID=Europe/Berlin:19700101T000000
            RRULE:FREQ=SECONDLY;INTERVAL=7
            END:VEVENT
            """)
        let instances = InstanceExpander.instances(in: calendar, window: Self.window("2070-06-01T00:00:00Z", "2070-06-01T00:01:00Z"))
        #expect(instances.count == 9 || instances.count == 8)
        // Sub-daily rules step on wall-clock time: local seconds since DTSTART are multiples of 7.
        let berlin = try #require(ZoneRules.iana("Europe/Berlin"))
        let origin = LocalDateTime(year: 1970, month: 1, day: 1).naiveSeconds
        #expect(instances.allSatisfy { (berlin.local(for: $0.start).naiveSeconds - origin) % 7 == 0 })
    }

    @Test("VTIMEZONE definitions are used for TZIDs that are not IANA names")
    func customZone() throws {
        let calendar = try Self.calendar(
            """
            BEGIN:VTIMEZONE
            TZID:Custom Eastern
            BEGIN:STANDARD
            DTSTART:19671029T020000
            RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
            TZOFFSETFROM:-0400
            TZOFFSETTO:-0500
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:19870405T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
            TZOFFSETFROM:-0500
            TZOFFSETTO:-0400
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:c
            DTSTART;TZID=Custom Eastern:20240308T090000
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            """)
        let instances = InstanceExpander.instances(in: calendar, window: Self.window("2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z"))
        #expect(Self.starts(instances) == ["2024-03-08T14:00:00Z", "2024-03-09T14:00:00Z", "2024-03-10T13:00:00Z"])
    }
}

extension InstanceExpanderTests {
    @Test("a rule in a non-Gregorian calendar (RFC 7529 RSCALE) parses and is not expanded as if it were Gregorian")
    func nonGregorianRule() throws {
        let calendar = try Self.calendar(
            """
            BEGIN:VEVENT
            UID:r
            DTSTART;VALUE=DATE:20130906
            RRULE:RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13
            END:VEVENT
            """)
        let rule = try #require(try calendar.components[0].property("RRULE")?.recurrenceRule(lenient: false))
        #expect(!rule.isGregorian)
        let instances = InstanceExpander.instances(in: calendar, window: Self.window("2013-01-01T00:00:00Z", "2016-01-01T00:00:00Z"))
        #expect(Self.starts(instances) == ["2013-09-06T00:00:00Z"])
    }
}
