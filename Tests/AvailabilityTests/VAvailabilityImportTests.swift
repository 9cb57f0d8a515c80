import Availability
import ICalendar
import Testing

/// VAVAILABILITY written by other software (RFC 7953 §4 style, no X-HORARIO properties) reads
/// as weekly hours and overrides; what cannot be a schedule is refused with the block's path.
struct VAvailabilityImportTests {
    static func slot(_ start: String, _ end: String) -> TimeSlot { TimeSlot(startTime: start, endTime: end) }

    /// A VAVAILABILITY around `body`, parsed strictly.
    static func read(_ body: [String], header: [String] = []) throws -> Component {
        let lines =
            ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//example.com//hand written//EN", "BEGIN:VAVAILABILITY", "UID:foreign-1@example.com"]
            + ["DTSTAMP:20111005T133225Z"] + header + body + ["END:VAVAILABILITY", "END:VCALENDAR", ""]
        return try #require(try ICalendarParser.parse(lines.joined(separator: "\r\n")).calendar.components(named: "VAVAILABILITY").first)
    }

    /// The issues `Schedule(vavailability:)` throws for `component`.
    static func issues(_ component: Component) -> [ValidationIssue] {
        do {
            _ = try Schedule(vavailability: component)
            return []
        } catch {
            return error.issues
        }
    }

    static func available(_ lines: String...) -> [String] {
        ["BEGIN:AVAILABLE", "UID:\(lines.count)", "DTSTAMP:20111005T133225Z"] + lines + ["END:AVAILABLE"]
    }

    @Test("office hours in the style of RFC 7953 §4: weekly blocks, EXDATEs, a DURATION and a one-off block in UTC")
    func officeHours() throws {
        let component = try Self.read(
            Self.available(
                "SUMMARY:Monday to Thursday from 9:00 to 17:00", "DTSTART;TZID=America/New_York:20111002T090000",
                "DTEND;TZID=America/New_York:20111002T170000", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH",
                "EXDATE;TZID=America/New_York:20111226T090000,20111229T090000")
                + Self.available(
                    "SUMMARY:Friday from 9:00 to 12:00", "DTSTART;TZID=America/New_York:20111007T090000", "DURATION:PT3H", "RRULE:FREQ=WEEKLY")
                + Self.available("SUMMARY:New Year's Eve", "DTSTART:20111231T150000Z", "DTEND:20111231T190000Z"),
            header: [
                "ORGANIZER:mailto:bernard@example.com", "DTSTART;TZID=America/New_York:20111002T000000", "BUSYTYPE:BUSY", "SUMMARY:Office hours",
            ]
                + ["LOCATION:https://meet.example.com/bernard"])
        let expected = Schedule(
            name: "Office hours", timezone: "America/New_York",
            availability: ["monday", "tuesday", "wednesday", "thursday"].map { WeeklyHours(day: $0, slots: [Self.slot("09:00", "17:00")]) }
                + [WeeklyHours(day: "friday", slots: [Self.slot("09:00", "12:00")])],
            dateOverrides: [
                DateOverride(date: "2011-12-26", type: .unavailable), DateOverride(date: "2011-12-29", type: .unavailable),
                DateOverride(date: "2011-12-31", type: .custom, slots: [Self.slot("10:00", "14:00")]),
            ],
            location: Location(type: .remote, videoLink: "https://meet.example.com/bernard"))
        #expect(try Schedule(vavailability: component) == expected)
        #expect(try Schedule(vavailability: VAvailability(component: component)) == expected)
    }

    @Test("blocks across midnight, DAILY rules, a Windows TZID, a UTC EXDATE and a partial exclusion read instance by instance")
    func instanceByInstance() throws {
        let component = try Self.read(
            Self.available(
                "DTSTART;TZID=E. South America Standard Time:20250103T220000", "DTEND;TZID=E. South America Standard Time:20250104T020000",
                "RRULE:FREQ=WEEKLY;BYDAY=FR", "EXDATE:20250118T010000Z")
                + Self.available(
                    "DTSTART;TZID=America/Sao_Paulo:20250104T120000", "DTEND;TZID=America/Sao_Paulo:20250104T130000", "RRULE:FREQ=DAILY;BYDAY=SA,SU")
                + Self.available(
                    "DTSTART;TZID=America/Sao_Paulo:20250106T090000", "DTEND;TZID=America/Sao_Paulo:20250106T120000", "RRULE:FREQ=WEEKLY;BYDAY=MO",
                    "EXDATE;TZID=America/Sao_Paulo:20250120T090000,20250121T090000,20250127T100000")
                + Self.available(
                    "DTSTART;TZID=America/Sao_Paulo:20250106T100000", "DTEND;TZID=America/Sao_Paulo:20250106T140000", "RRULE:FREQ=WEEKLY"))
        let schedule = try Schedule(vavailability: component)
        #expect(schedule.timezone == "America/Sao_Paulo")
        #expect(
            schedule.availability == [
                WeeklyHours(day: "monday", slots: [Self.slot("09:00", "14:00")]),
                WeeklyHours(day: "friday", slots: [Self.slot("22:00", "24:00")]),
                WeeklyHours(day: "saturday", slots: [Self.slot("00:00", "02:00"), Self.slot("12:00", "13:00")]),
                WeeklyHours(day: "sunday", slots: [Self.slot("12:00", "13:00")]),
            ])
        // Friday 17th 22:00 local is 01:00Z on the 18th: that instance goes, on both days it covers.
        // Monday the 20th loses only the 09:00 block; EXDATEs that name no instance remove nothing.
        #expect(
            schedule.dateOverrides == [
                DateOverride(date: "2025-01-17", type: .unavailable),
                DateOverride(date: "2025-01-18", type: .custom, slots: [Self.slot("12:00", "13:00")]),
                DateOverride(date: "2025-01-20", type: .custom, slots: [Self.slot("10:00", "14:00")]),
            ])
    }

    @Test("an X-HORARIO-OVERRIDE whose EXDATE a client removed is dropped: the AVAILABLE blocks decide the hours")
    func blocksWin() throws {
        let component = try Self.read(
            Self.available("DTSTART;TZID=Europe/Lisbon:20000103T090000", "DTEND;TZID=Europe/Lisbon:20000103T170000", "RRULE:FREQ=WEEKLY;BYDAY=MO"),
            header: ["X-HORARIO-TIMEZONE:Europe/Lisbon", "X-HORARIO-OVERRIDE;TYPE=unavailable;REASON=Gone:20250106"]
                + ["X-HORARIO-OVERRIDE;TYPE=unavailable;REASON=Sunday off:20250105"])
        let schedule = try Schedule(vavailability: component)
        #expect(schedule.dateOverrides == [DateOverride(date: "2025-01-05", type: .unavailable, reason: "Sunday off")])
    }

    @Test("an empty VAVAILABILITY needs a zone from somewhere")
    func emptySchedule() throws {
        #expect(
            try Schedule(vavailability: Self.read([], header: ["X-HORARIO-TIMEZONE:Asia/Tokyo"]))
                == Schedule(timezone: "Asia/Tokyo", availability: []))
        #expect(
            Self.issues(try Self.read([])) == [
                ValidationIssue(path: "timezone", message: "no time zone: no AVAILABLE has a TZID and there is no X-HORARIO-TIMEZONE")
            ])
    }

    /// One AVAILABLE per case, after a valid weekly one, and the path and message fragment expected.
    static let invalid: [(lines: [String], path: String, message: String)] = [
        (["DTSTART;TZID=America/Sao_Paulo:20250106T090000", "RRULE:FREQ=WEEKLY"], "available[1].dtend", "needs DTEND or DURATION"),
        (["DTSTART;VALUE=DATE:20250106", "DURATION:P1D"], "available[1].dtstart", "must be a DATE-TIME"),
        (["DTEND;TZID=America/Sao_Paulo:20250106T090000"], "available[1].dtstart", "is required"),
        (
            ["DTSTART;TZID=America/Sao_Paulo:20250106T090000", "DTEND;TZID=America/Sao_Paulo:20250106T100000", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1"],
            "available[1].rrule", "FREQ=MONTHLY cannot be weekly hours"
        ),
        (
            ["DTSTART;TZID=America/Sao_Paulo:20250106T090000", "DTEND;TZID=America/Sao_Paulo:20250106T100000", "RRULE:FREQ=WEEKLY;INTERVAL=2"],
            "available[1].rrule", "INTERVAL=2"
        ),
        (
            ["DTSTART;TZID=America/Sao_Paulo:20250106T090000", "DTEND;TZID=America/Sao_Paulo:20250106T100000", "RRULE:FREQ=WEEKLY;COUNT=3"],
            "available[1].rrule", "COUNT and UNTIL"
        ),
        (
            ["DTSTART;TZID=Mars/Olympus_Mons:20250106T090000", "DTEND;TZID=Mars/Olympus_Mons:20250106T100000"], "available[1].dtstart",
            "\"Mars/Olympus_Mons\""
        ),
        (["DTSTART:20250106T120000Z", "DTEND:20250106T130000Z", "RRULE:FREQ=WEEKLY"], "available[1].dtstart", "schedule's zone America/Sao_Paulo"),
        (["DTSTART;TZID=America/Sao_Paulo:20250106T090000", "DTEND;TZID=America/Sao_Paulo:20250106T083000"], "available[1].dtend", "after DTSTART"),
        (["DTSTART;TZID=America/Sao_Paulo:20250106T090030", "DURATION:PT1H"], "available[1].dtstart", "whole minutes"),
    ]

    @Test("AVAILABLE blocks that cannot be a schedule are refused, each named by its path", arguments: VAvailabilityImportTests.invalid.indices)
    func invalidBlock(index: Int) throws {
        let valid = Self.available("DTSTART;TZID=America/Sao_Paulo:20250106T090000", "DURATION:PT8H", "RRULE:FREQ=WEEKLY")
        let (lines, path, message) = Self.invalid[index]
        let issues = Self.issues(try Self.read(valid + ["BEGIN:AVAILABLE", "UID:bad", "DTSTAMP:20250101T000000Z"] + lines + ["END:AVAILABLE"]))
        #expect(issues.map(\.path) == [path])
        #expect(issues.first?.message.contains(message) == true, "\(issues)")
    }

    @Test("every bad block and X- property is reported at once, with its own path")
    func severalProblems() throws {
        let component = try Self.read(
            Self.available("DTSTART;TZID=America/Sao_Paulo:20250106T090000", "RRULE:FREQ=YEARLY")
                + Self.available(
                    "DTSTART;TZID=America/Sao_Paulo:20250106T090000", "DTEND;TZID=America/Sao_Paulo:20250106T100000", "RRULE:FREQ=HOURLY"),
            header: ["X-HORARIO-LOCATION:not json", "X-HORARIO-OVERRIDE;TYPE=holiday:20251225", "X-HORARIO-ACTIVE:maybe"])
        #expect(
            Self.issues(component).map(\.path) == [
                "available[0].dtend", "x-horario-location", "x-horario-active", "x-horario-override[0].type",
            ])
        let noEnd = try Self.read(
            Self.available("DTSTART;TZID=America/Sao_Paulo:20250106T090000", "DTEND;TZID=America/Sao_Paulo:20250106T100000", "RRULE:FREQ=YEARLY")
                + Self.available("DTSTART;TZID=Mars/Base:20250106T090000", "DURATION:PT1H"))
        #expect(Self.issues(noEnd).map(\.path) == ["available[0].rrule", "available[1].dtstart"])
    }

    @Test("a location from X-HORARIO-LOCATION is validated like any schedule's")
    func invalidLocation() throws {
        let component = try Self.read([], header: ["X-HORARIO-TIMEZONE:UTC", #"X-HORARIO-LOCATION:{"type":"inPerson"}"#])
        #expect(Self.issues(component) == [ValidationIssue(path: "location.address", message: "is required for an in-person location")])
        let event = Component(name: "VEVENT")
        #expect(Self.issues(event).map(\.path) == [""])
    }
}
