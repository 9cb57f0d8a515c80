import Availability
import ICalendar
import Testing

/// Weekly hours are wall-clock times in the schedule's zone; DST never moves them.
struct SlotDSTRulesTests {
    /// One eight-hour slot a day at the start of 09:00–17:00 makes "09:00 local" easy to see.
    static let workday = EventTypeLimits(duration: 480)

    @Test("America/New_York: 09:00–17:00 stays 09:00 local before, across and after both 2024 changes")
    func newYork() throws {
        let schedule = Build.schedule("America/New_York", Build.weekdays, [("09:00", "17:00")])
        #expect(
            try Build.starts(schedule, Self.workday, from: "2024-03-07T00:00:00Z", to: "2024-03-13T00:00:00Z") == [
                "2024-03-07T14:00:00Z", "2024-03-08T14:00:00Z", "2024-03-11T13:00:00Z", "2024-03-12T13:00:00Z",
            ])
        #expect(
            try Build.starts(schedule, Self.workday, from: "2024-10-31T00:00:00Z", to: "2024-11-06T00:00:00Z") == [
                "2024-10-31T13:00:00Z", "2024-11-01T13:00:00Z", "2024-11-04T14:00:00Z", "2024-11-05T14:00:00Z",
            ])
    }

    @Test("America/Sao_Paulo 2018 rules: DST began at 00:00 on Nov 4 and ended at 00:00 on Feb 17; 09:00 stays 09:00")
    func saoPaulo() throws {
        let schedule = Build.schedule("America/Sao_Paulo", Build.weekdays, [("09:00", "17:00")])
        #expect(
            try Build.starts(schedule, Self.workday, from: "2018-11-01T00:00:00Z", to: "2018-11-07T00:00:00Z") == [
                "2018-11-01T12:00:00Z", "2018-11-02T12:00:00Z", "2018-11-05T11:00:00Z", "2018-11-06T11:00:00Z",
            ])
        #expect(
            try Build.starts(schedule, Self.workday, from: "2019-02-14T00:00:00Z", to: "2019-02-20T00:00:00Z") == [
                "2019-02-14T11:00:00Z", "2019-02-15T11:00:00Z", "2019-02-18T12:00:00Z", "2019-02-19T12:00:00Z",
            ])
    }

    @Test("Europe/Berlin: 09:00 local on both sides of the March and October 2024 changes")
    func berlin() throws {
        let schedule = Build.schedule("Europe/Berlin", Build.weekdays, [("09:00", "17:00")])
        #expect(
            try Build.starts(schedule, Self.workday, from: "2024-03-29T00:00:00Z", to: "2024-04-02T00:00:00Z") == [
                "2024-03-29T08:00:00Z", "2024-04-01T07:00:00Z",
            ])
        #expect(
            try Build.starts(schedule, Self.workday, from: "2024-10-25T00:00:00Z", to: "2024-10-29T00:00:00Z") == [
                "2024-10-25T07:00:00Z", "2024-10-28T08:00:00Z",
            ])
    }

    @Test("on the change day itself, 01:00–05:00 Berlin is three real hours in March and five in October")
    func changeDayLength() throws {
        let schedule = Build.schedule("Europe/Berlin", ["sunday"], [("01:00", "05:00")])
        let hourly = EventTypeLimits(duration: 60)
        #expect(
            try Build.starts(schedule, hourly, from: "2024-03-30T12:00:00Z", to: "2024-03-31T12:00:00Z") == [
                "2024-03-31T00:00:00Z", "2024-03-31T01:00:00Z", "2024-03-31T02:00:00Z",
            ])
        #expect(
            try Build.starts(schedule, hourly, from: "2024-10-26T12:00:00Z", to: "2024-10-27T12:00:00Z") == [
                "2024-10-26T23:00:00Z", "2024-10-27T00:00:00Z", "2024-10-27T01:00:00Z", "2024-10-27T02:00:00Z", "2024-10-27T03:00:00Z",
            ])
    }

    @Test("a weekly window starting inside a DST gap starts at the first instant after the gap")
    func startInsideGap() throws {
        // Sao Paulo, Sunday 2018-11-04: 00:00–01:00 does not exist; 00:00–02:00 is 01:00–02:00 -02.
        let saoPaulo = Build.schedule("America/Sao_Paulo", ["sunday"], [("00:00", "02:00")])
        #expect(
            try Build.starts(saoPaulo, EventTypeLimits(duration: 30), from: "2018-11-03T12:00:00Z", to: "2018-11-05T00:00:00Z") == [
                "2018-11-04T03:00:00Z", "2018-11-04T03:30:00Z",
            ])
        // New York, 2024-03-10: 02:30 does not exist and reads as 03:30 EDT.
        let newYork = Build.schedule("America/New_York", ["sunday"], [("02:30", "04:00")])
        #expect(
            try Build.starts(newYork, EventTypeLimits(duration: 30), from: "2024-03-10T00:00:00Z", to: "2024-03-11T00:00:00Z") == [
                "2024-03-10T07:30:00Z"
            ])
    }

    @Test("a custom override on a DST day uses that day's offsets")
    func overrideOnDSTDay() throws {
        let schedule = Build.schedule(
            "Europe/Berlin", Build.weekdays, [("09:00", "17:00")],
            overrides: [DateOverride(date: "2024-03-31", type: .custom, slots: [TimeSlot(startTime: "01:00", endTime: "05:00")])])
        #expect(
            try Build.starts(schedule, EventTypeLimits(duration: 60), from: "2024-03-30T12:00:00Z", to: "2024-03-31T12:00:00Z") == [
                "2024-03-31T00:00:00Z", "2024-03-31T01:00:00Z", "2024-03-31T02:00:00Z",
            ])
    }

    @Test("24:00 ends the day, also on the eve of a change whose midnight does not exist")
    func endOfDay() throws {
        let plain = Build.schedule("America/Sao_Paulo", ["monday"], [("20:00", "24:00")])
        #expect(
            try Build.starts(plain, EventTypeLimits(duration: 60), from: "2024-01-08T00:00:00Z", to: "2024-01-10T00:00:00Z") == [
                "2024-01-08T23:00:00Z", "2024-01-09T00:00:00Z", "2024-01-09T01:00:00Z", "2024-01-09T02:00:00Z",
            ])
        // Saturday 2018-11-03 22:00–24:00 in Sao Paulo: midnight was skipped, so 24:00 is 01:00 -02 = 03:00Z.
        let eve = Build.schedule("America/Sao_Paulo", ["saturday"], [("22:00", "24:00")])
        #expect(
            try Build.starts(eve, EventTypeLimits(duration: 60), from: "2018-11-03T00:00:00Z", to: "2018-11-05T00:00:00Z") == [
                "2018-11-04T01:00:00Z", "2018-11-04T02:00:00Z",
            ])
    }

    @Test("minimum notice is exact time, even when it lands on a DST day")
    func minimumNoticeOnDSTDay() throws {
        // Sunday 2024-03-10, 00:00–08:00 New York = 05:00Z–12:00Z (seven real hours).
        // Now Saturday 15:00 EST (20:00Z) plus 12 hours of notice is 08:00Z = 04:00 EDT.
        let schedule = Build.schedule("America/New_York", ["sunday"], [("00:00", "08:00")])
        let limits = EventTypeLimits(duration: 60, minimumNotice: 720)
        #expect(
            try Build.starts(schedule, limits, from: "2024-03-10T00:00:00Z", to: "2024-03-11T00:00:00Z", now: "2024-03-09T20:00:00Z") == [
                "2024-03-10T08:00:00Z", "2024-03-10T09:00:00Z", "2024-03-10T10:00:00Z", "2024-03-10T11:00:00Z",
            ])
    }
}
