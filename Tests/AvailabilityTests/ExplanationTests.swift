import Availability
import ICalendar
import Testing

/// Every reason an instant is not bookable is named; a bookable one has none.
struct ExplanationTests {
    static let schedule = Build.schedule(
        "UTC", Build.weekdays, [("09:00", "17:00")], overrides: [DateOverride(date: "2024-01-12", type: .unavailable, reason: "Holiday")])
    static let limits = EventTypeLimits(
        duration: 60, afterBuffer: 15, minimumNotice: 60, bookingWindow: .rolling(days: 10), maxBookingsPerDay: 2)
    static let busy = [
        Build.booking("2024-01-09T10:00:00Z", "2024-01-09T11:00:00Z", label: "booking 42"),
        Build.booking("2024-01-10T09:00:00Z", "2024-01-10T10:00:00Z"), Build.booking("2024-01-10T15:00:00Z", "2024-01-10T16:00:00Z"),
    ]

    static func explain(_ instant: String, now: String = "2024-01-08T08:30:00Z") throws -> [String] {
        let compiled = try CompiledSchedule(schedule)
        let result = compiled.explain(Build.instant(instant), limits: try CompiledLimits(limits), busy: busy, now: Build.instant(now))
        return result.reasons.map(\.description)
    }

    @Test("each rule that blocks a slot is named")
    func reasons() throws {
        #expect(try Self.explain("2024-01-08T09:30:00Z") == ["not a slot start (nearest: 2024-01-08T09:00:00Z and 2024-01-08T10:00:00Z)"])
        #expect(try Self.explain("2024-01-08T09:00:00Z") == ["before the minimum notice (earliest 2024-01-08T09:30:00Z)"])
        #expect(try Self.explain("2024-01-08T18:00:00Z") == ["outside weekly hours on 2024-01-08"])
        #expect(try Self.explain("2024-01-12T10:00:00Z") == ["2024-01-12 is unavailable (Holiday)"])
        #expect(
            try Self.explain("2024-01-09T10:00:00Z") == [
                "busy with booking 42 from 2024-01-09T10:00:00Z to 2024-01-09T11:00:00Z"
            ])
        #expect(try Self.explain("2024-01-09T09:00:00Z") == ["inside the buffer around booking 42"])
        #expect(try Self.explain("2024-01-10T12:00:00Z") == ["day limit reached on 2024-01-10 (2 of 2)"])
        #expect(try Self.explain("2024-01-22T10:00:00Z") == ["2024-01-22 is beyond the booking window"])
        #expect(
            try Self.explain("2024-01-08T16:30:00Z") == [
                "not a slot start (nearest: 2024-01-08T16:00:00Z and 2024-01-08T17:00:00Z)",
                "would end after the available hours end at 2024-01-08T17:00:00Z",
            ])
    }

    @Test("an instant the engine offers is explained as bookable, and vice versa")
    func agreesWithSlots() throws {
        let compiled = try CompiledSchedule(Self.schedule)
        let limits = try CompiledLimits(Self.limits)
        let now = Build.instant("2024-01-08T08:30:00Z")
        let slots = Set(
            compiled.slots(for: limits, busy: Self.busy, window: Build.window("2024-01-08T00:00:00Z", "2024-01-20T00:00:00Z"), now: now).map(\.start))
        var t = Build.instant("2024-01-08T00:00:00Z")
        while t < Build.instant("2024-01-20T00:00:00Z") {
            #expect(compiled.explain(t, limits: limits, busy: Self.busy, now: now).isBookable == slots.contains(t), "\(t)")
            t = t.adding(seconds: 1800)
        }
    }
}
