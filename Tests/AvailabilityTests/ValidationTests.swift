import Availability
import ICalendar
import Testing

/// Validation lists every problem with its field path and never crashes.
struct ValidationTests {
    static func issues(_ schedule: Schedule) -> [String] { ScheduleValidator.issues(in: schedule).map(\.description) }

    @Test("every problem of a schedule is reported at once, each with its path")
    func allProblemsWithPaths() {
        let schedule = Schedule(
            timezone: "Mars/Olympus",
            availability: [
                WeeklyHours(day: "monday", slots: [TimeSlot(startTime: "09:00", endTime: "17:00")]),
                WeeklyHours(day: "funday", slots: []),
                WeeklyHours(day: "tuesday", slots: [TimeSlot(startTime: "10:00", endTime: "09:00"), TimeSlot(startTime: "9:00", endTime: "25:00")]),
                WeeklyHours(day: "monday", slots: []),
            ],
            dateOverrides: [
                DateOverride(date: "2025-02-30", type: .unavailable), DateOverride(date: "2025-12-25", type: .custom, slots: []),
            ])
        #expect(
            Self.issues(schedule) == [
                "timezone: \"Mars/Olympus\" is not an IANA time zone (e.g. America/Sao_Paulo)",
                "availability[1].day: \"funday\" is not a weekday (monday … sunday)",
                "availability[2].slots[0].endTime: must be after startTime (10:00 – 09:00)",
                "availability[2].slots[1].startTime: \"9:00\" is not a time (HH:MM, 00:00–23:59)",
                "availability[2].slots[1].endTime: \"25:00\" is not a time (HH:MM, 00:00–24:00)",
                "availability[3].day: monday already appears at availability[0]",
                "dateOverrides[0].date: \"2025-02-30\" is not a date (YYYY-MM-DD)",
                "dateOverrides[1].slots: a custom override needs at least one slot",
            ])
    }

    @Test("24:00 is a valid end but not a start; an end equal to the start is refused")
    func endOfDayRules() {
        let ok = Build.schedule("UTC", ["monday"], [("22:00", "24:00")])
        #expect(Self.issues(ok).isEmpty)
        let bad = Build.schedule("UTC", ["monday"], [("24:00", "24:00"), ("10:00", "10:00")])
        #expect(
            Self.issues(bad) == [
                "availability[0].slots[0].startTime: \"24:00\" is not a time (HH:MM, 00:00–23:59)",
                "availability[0].slots[1].endTime: must be after startTime (10:00 – 10:00)",
            ])
    }

    @Test("locations need the fields of their type")
    func locations() {
        func issues(_ location: Location) -> [String] { ScheduleValidator.locationIssues(location, path: "location").map(\.description) }
        #expect(issues(Location(type: .inPerson)) == ["location.address: is required for an in-person location"])
        #expect(
            issues(Location(type: .inPerson, address: .init(street: "Av. Paulista, 1000", city: "", postalCode: "01310-100", country: " "))) == [
                "location.address.city: is required for an in-person location", "location.address.country: is required for an in-person location",
            ])
        #expect(
            issues(Location(type: .remote, videoProvider: .custom, videoLink: "http://meet.example.org/x")) == [
                "location.videoLink: \"http://meet.example.org/x\" is not an https URL"
            ])
        #expect(issues(Location(type: .remote, videoProvider: .custom)) == ["location.videoLink: is required when videoProvider is custom"])
        #expect(issues(Location(type: .remote, videoProvider: .zoom)).isEmpty)
        #expect(issues(Location(type: .phone)) == ["location.phoneNumber: a phone number is required for a phone location"])
        #expect(issues(Location(type: .phone, phoneNumber: "+55 11 5555-0100")).isEmpty)
    }

    @Test("event-type limits are checked with paths under eventType")
    func limits() {
        let limits = EventTypeLimits(
            duration: 0, slotInterval: -5, beforeBuffer: -1, bookingWindow: .range(startDate: "2025-03-01", endDate: "2025-02-01"),
            maxBookingsPerDay: -1)
        #expect(throws: AvailabilityError.self) { try CompiledLimits(limits) }
        do {
            _ = try CompiledLimits(limits)
        } catch {
            #expect(
                error.issues.map(\.path) == [
                    "eventType.duration", "eventType.slotInterval", "eventType.beforeBuffer", "eventType.maxBookingsPerDay",
                    "eventType.bookingWindow.endDate",
                ])
        }
    }
}
