import Availability
import ICalendar
import Testing

/// The slot rules of fixtures/availability/README.md other than DST, each on its own.
struct SlotRulesTests {
    @Test("overlapping and touching ranges merge, also across midnight, and slots may cross it")
    func mergeAcrossMidnight() throws {
        let schedule = Schedule(
            timezone: "UTC",
            availability: [
                WeeklyHours(day: "monday", slots: [TimeSlot(startTime: "22:00", endTime: "24:00")]),
                WeeklyHours(day: "tuesday", slots: [TimeSlot(startTime: "00:00", endTime: "02:00")]),
            ])
        let limits = EventTypeLimits(duration: 90, slotInterval: 60)
        #expect(
            try Build.starts(schedule, limits, from: "2024-01-08T00:00:00Z", to: "2024-01-10T00:00:00Z") == [
                "2024-01-08T22:00:00Z", "2024-01-08T23:00:00Z", "2024-01-09T00:00:00Z",
            ])
        let overlapping = Build.schedule("UTC", ["monday"], [("09:00", "12:00"), ("11:00", "13:00"), ("13:00", "14:00")])
        #expect(
            try Build.starts(overlapping, EventTypeLimits(duration: 300), from: "2024-01-08T00:00:00Z", to: "2024-01-09T00:00:00Z") == [
                "2024-01-08T09:00:00Z"
            ])
    }

    @Test("slots start at each range's start and step by the interval; the query window does not move the grid")
    func gridAnchoredAtRangeStart() throws {
        let schedule = Build.schedule("UTC", ["monday"], [("09:10", "11:00")])
        let limits = EventTypeLimits(duration: 30, slotInterval: 20)
        #expect(
            try Build.starts(schedule, limits, from: "2024-01-08T00:00:00Z", to: "2024-01-09T00:00:00Z") == [
                "2024-01-08T09:10:00Z", "2024-01-08T09:30:00Z", "2024-01-08T09:50:00Z", "2024-01-08T10:10:00Z", "2024-01-08T10:30:00Z",
            ])
        #expect(
            try Build.starts(schedule, limits, from: "2024-01-08T09:31:00Z", to: "2024-01-08T10:11:00Z") == [
                "2024-01-08T09:50:00Z", "2024-01-08T10:10:00Z",
            ])
    }

    @Test("buffers apply on both sides of the new slot, and around bookings of the same type")
    func buffersOnBothSides() throws {
        let schedule = Build.schedule("UTC", ["monday"], [("09:00", "17:00")])
        let limits = EventTypeLimits(duration: 60, slotInterval: 15, beforeBuffer: 15, afterBuffer: 15)
        // An event 12:00–13:00 is taken as given: the padded slot [s-15, s+75) must avoid it.
        let aroundEvent = try Build.starts(
            schedule, limits, busy: [Build.event("2024-01-08T12:00:00Z", "2024-01-08T13:00:00Z")], from: "2024-01-08T00:00:00Z",
            to: "2024-01-09T00:00:00Z")
        #expect(aroundEvent.contains("2024-01-08T10:45:00Z") && !aroundEvent.contains("2024-01-08T11:00:00Z"))
        #expect(aroundEvent.contains("2024-01-08T13:15:00Z") && !aroundEvent.contains("2024-01-08T13:00:00Z"))
        // A booking of the same type is itself padded to 11:45–13:15.
        let aroundBooking = try Build.starts(
            schedule, limits, busy: [Build.booking("2024-01-08T12:00:00Z", "2024-01-08T13:00:00Z")], from: "2024-01-08T00:00:00Z",
            to: "2024-01-09T00:00:00Z")
        #expect(aroundBooking.contains("2024-01-08T10:30:00Z") && !aroundBooking.contains("2024-01-08T10:45:00Z"))
        #expect(aroundBooking.contains("2024-01-08T13:30:00Z") && !aroundBooking.contains("2024-01-08T13:15:00Z"))
        #expect(aroundBooking.first == "2024-01-08T09:00:00Z" && aroundBooking.last == "2024-01-08T16:00:00Z")
    }

    @Test("day limits count in the schedule's zone, not UTC or the booker's, even 12+ hours away")
    func dayLimitInScheduleZone() throws {
        // New York evenings 18:00–23:00. A booking Tuesday 22:00 EST is Wednesday 03:00Z and
        // Wednesday noon in Tokyo; it fills Tuesday, and only Tuesday.
        let schedule = Build.schedule("America/New_York", Build.allDays, [("18:00", "23:00")])
        let limits = EventTypeLimits(duration: 60, maxBookingsPerDay: 1)
        let starts = try Build.starts(
            schedule, limits, busy: [Build.booking("2024-01-10T03:00:00Z", "2024-01-10T04:00:00Z")], from: "2024-01-09T12:00:00Z",
            to: "2024-01-11T12:00:00Z")
        #expect(starts == ["2024-01-10T23:00:00Z", "2024-01-11T00:00:00Z", "2024-01-11T01:00:00Z", "2024-01-11T02:00:00Z", "2024-01-11T03:00:00Z"])
        let tokyo = try #require(ZoneRules.iana("Asia/Tokyo"))
        #expect(SlotScenario.localString(Build.instant(starts[0]), in: tokyo) == "2024-01-11T08:00:00+09:00")
    }

    @Test("week limits count Monday-to-Sunday weeks in the schedule's zone")
    func weekLimit() throws {
        let schedule = Build.schedule("Pacific/Auckland", Build.allDays, [("09:00", "10:00")])
        let limits = EventTypeLimits(duration: 60, maxBookingsPerWeek: 2)
        // Auckland is +13 in January: Monday 2024-01-08 09:00 local = Sunday 20:00Z.
        let busy = [
            Build.booking("2024-01-07T20:00:00Z", "2024-01-07T21:00:00Z"), Build.booking("2024-01-08T20:00:00Z", "2024-01-08T21:00:00Z"),
        ]
        let starts = try Build.starts(schedule, limits, busy: busy, from: "2024-01-05T00:00:00Z", to: "2024-01-16T00:00:00Z")
        // The week of Mon 8 – Sun 14 (local) is full; the days before and after are not.
        #expect(starts == ["2024-01-05T20:00:00Z", "2024-01-06T20:00:00Z", "2024-01-14T20:00:00Z", "2024-01-15T20:00:00Z"])
    }

    @Test("a rolling booking window counts local dates from today's local date; a range window is inclusive")
    func bookingWindows() throws {
        let schedule = Build.schedule("UTC", Build.allDays, [("09:00", "10:00")])
        let rolling = EventTypeLimits(duration: 60, bookingWindow: .rolling(days: 2))
        #expect(
            try Build.starts(schedule, rolling, from: "2024-01-08T00:00:00Z", to: "2024-01-13T00:00:00Z", now: "2024-01-08T00:00:00Z") == [
                "2024-01-08T09:00:00Z", "2024-01-09T09:00:00Z", "2024-01-10T09:00:00Z",
            ])
        let range = EventTypeLimits(duration: 60, bookingWindow: .range(startDate: "2024-01-09", endDate: "2024-01-10"))
        #expect(
            try Build.starts(schedule, range, from: "2024-01-08T00:00:00Z", to: "2024-01-13T00:00:00Z") == [
                "2024-01-09T09:00:00Z", "2024-01-10T09:00:00Z",
            ])
    }

    @Test("an unavailable override removes a date; a custom one replaces its hours; an inactive schedule offers nothing")
    func overridesAndInactive() throws {
        var schedule = Build.schedule(
            "UTC", Build.weekdays, [("09:00", "10:00")],
            overrides: [
                DateOverride(date: "2024-01-09", type: .unavailable, reason: "Holiday"),
                DateOverride(date: "2024-01-10", type: .custom, slots: [TimeSlot(startTime: "14:00", endTime: "15:00")]),
            ])
        #expect(
            try Build.starts(schedule, EventTypeLimits(duration: 60), from: "2024-01-08T00:00:00Z", to: "2024-01-12T00:00:00Z") == [
                "2024-01-08T09:00:00Z", "2024-01-10T14:00:00Z", "2024-01-11T09:00:00Z",
            ])
        schedule.isActive = false
        #expect(try Build.starts(schedule, EventTypeLimits(duration: 60), from: "2024-01-08T00:00:00Z", to: "2024-01-12T00:00:00Z").isEmpty)
    }

    @Test("a slot is offered when its start is in the query window, even if it ends after it")
    func windowHoldsStarts() throws {
        let schedule = Build.schedule("UTC", ["monday"], [("09:00", "12:00")])
        #expect(
            try Build.starts(schedule, EventTypeLimits(duration: 60), from: "2024-01-08T10:00:00Z", to: "2024-01-08T10:30:00Z") == [
                "2024-01-08T10:00:00Z"
            ])
    }
}

extension SlotRulesTests {
    @Test("round-the-clock hours give the same grid whatever the window: a week-long range splits at local Monday 00:00")
    func roundTheClockGridIsStable() throws {
        let schedule = Build.schedule("Europe/Berlin", Build.allDays, [("00:00", "24:00")])
        let limits = EventTypeLimits(duration: 50)
        let whole = try Build.starts(schedule, limits, from: "2024-03-20T00:00:00Z", to: "2024-04-10T00:00:00Z")
        for cut in ["2024-03-25T13:00:00Z", "2024-03-31T01:30:00Z", "2024-04-03T09:10:00Z"] {
            let halves =
                try Build.starts(schedule, limits, from: "2024-03-20T00:00:00Z", to: cut)
                + Build.starts(schedule, limits, from: cut, to: "2024-04-10T00:00:00Z")
            #expect(halves == whole, "split at \(cut)")
        }
        // Monday 2024-04-01 00:00 CEST starts a new grid.
        #expect(whole.contains("2024-03-31T22:00:00Z"))
    }
}
