import Availability
import ICalendar
import Testing

/// Free/busy of a schedule (PRODUCT.md "Free/busy of a schedule", RFC 7953 §4): BUSY for
/// busy time, BUSY-UNAVAILABLE outside the hours, BUSY where both apply.
struct FreeBusyTests {
    static func instant(_ text: String) -> Instant { Instant(rfc3339: text)! }

    static func period(_ start: String, _ end: String, _ type: FreeBusyType) -> FreeBusyPeriod {
        FreeBusyPeriod(start: instant(start), end: instant(end), type: type)
    }

    static func busy(_ start: String, _ end: String, _ source: BusyInterval.Source = .booking) -> BusyInterval {
        BusyInterval(start: instant(start), end: instant(end), source: source)
    }

    /// Dr. João's remote hours; Sao Paulo started DST at 2018-11-04 00:00 (-03:00 → -02:00).
    static func remoteWork(overrides: [DateOverride] = [], isActive: Bool = true) throws -> CompiledSchedule {
        try CompiledSchedule(
            Schedule(
                name: "Remote Work", timezone: "America/Sao_Paulo",
                availability: ["monday", "tuesday", "wednesday", "thursday", "friday"].map {
                    WeeklyHours(day: $0, slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])
                }, dateOverrides: overrides, isActive: isActive))
    }

    /// Thursday 2018-11-01 00:00 to Thursday 2018-11-08 00:00, Sao Paulo wall time.
    static let week = instant("2018-11-01T00:00:00-03:00")..<instant("2018-11-08T00:00:00-02:00")
    static let stamp = instant("2018-10-31T12:00:00Z")

    @Test("outside 09:00–17:00 local is BUSY-UNAVAILABLE, and the hours stay 09:00–17:00 across the DST start")
    func acrossDSTStart() throws {
        let freeBusy = try Self.remoteWork().freeBusy(window: Self.week, busy: [], dtstamp: Self.stamp)
        #expect(
            freeBusy.periods == [
                Self.period("2018-11-01T03:00:00Z", "2018-11-01T12:00:00Z", .busyUnavailable),
                Self.period("2018-11-01T20:00:00Z", "2018-11-02T12:00:00Z", .busyUnavailable),
                // Friday 17:00 -03:00 to Monday 09:00 -02:00: the weekend lost an hour.
                Self.period("2018-11-02T20:00:00Z", "2018-11-05T11:00:00Z", .busyUnavailable),
                Self.period("2018-11-05T19:00:00Z", "2018-11-06T11:00:00Z", .busyUnavailable),
                Self.period("2018-11-06T19:00:00Z", "2018-11-07T11:00:00Z", .busyUnavailable),
                Self.period("2018-11-07T19:00:00Z", "2018-11-08T02:00:00Z", .busyUnavailable),
            ])
        #expect(freeBusy.start == Self.week.lowerBound && freeBusy.end == Self.week.upperBound)
    }

    @Test("a booking inside the hours is BUSY; an event outside them is BUSY, not BUSY-UNAVAILABLE; one across the edge splits it")
    func busyWins() throws {
        let busy = [
            Self.busy("2018-11-05T14:00:00-02:00", "2018-11-05T15:00:00-02:00"),
            Self.busy("2018-11-02T18:00:00-03:00", "2018-11-02T19:30:00-03:00", .event),
            Self.busy("2018-11-06T16:30:00-02:00", "2018-11-06T17:30:00-02:00", .event),
            // Outside the window entirely, and a duplicate: neither changes anything.
            Self.busy("2018-12-01T10:00:00Z", "2018-12-01T11:00:00Z"),
            Self.busy("2018-11-05T14:00:00-02:00", "2018-11-05T14:30:00-02:00", .external),
        ]
        let periods = try Self.remoteWork().freeBusy(window: Self.week, busy: busy, dtstamp: Self.stamp).periods
        let friday = periods.filter { $0.start >= Self.instant("2018-11-02T20:00:00Z") && $0.end <= Self.instant("2018-11-05T11:00:00Z") }
        #expect(
            friday == [
                Self.period("2018-11-02T20:00:00Z", "2018-11-02T21:00:00Z", .busyUnavailable),
                Self.period("2018-11-02T21:00:00Z", "2018-11-02T22:30:00Z", .busy),
                Self.period("2018-11-02T22:30:00Z", "2018-11-05T11:00:00Z", .busyUnavailable),
            ])
        #expect(periods.contains(Self.period("2018-11-05T16:00:00Z", "2018-11-05T17:00:00Z", .busy)))
        #expect(periods.contains(Self.period("2018-11-06T18:30:00Z", "2018-11-06T19:30:00Z", .busy)))
        #expect(periods.contains(Self.period("2018-11-06T19:30:00Z", "2018-11-07T11:00:00Z", .busyUnavailable)))
    }

    @Test("an unavailable override makes its whole local day BUSY-UNAVAILABLE")
    func holiday() throws {
        let compiled = try Self.remoteWork(overrides: [DateOverride(date: "2018-11-06", type: .unavailable, reason: "Holiday")])
        let unavailable = compiled.unavailablePeriods(in: Self.week)
        #expect(unavailable.contains(Self.period("2018-11-05T19:00:00Z", "2018-11-07T11:00:00Z", .busyUnavailable)))
        #expect(unavailable.count == 5)
    }

    @Test("an inactive schedule is BUSY-UNAVAILABLE over the whole window, except where busy")
    func inactive() throws {
        let compiled = try Self.remoteWork(isActive: false)
        #expect(
            compiled.unavailablePeriods(in: Self.week) == [
                FreeBusyPeriod(start: Self.week.lowerBound, end: Self.week.upperBound, type: .busyUnavailable)
            ])
        let booking = Self.busy("2018-11-05T14:00:00-02:00", "2018-11-05T15:00:00-02:00")
        let periods = compiled.freeBusy(window: Self.week, busy: [booking], dtstamp: Self.stamp).periods
        #expect(periods.map(\.type) == [.busyUnavailable, .busy, .busyUnavailable])
        #expect(periods.first?.start == Self.week.lowerBound && periods.last?.end == Self.week.upperBound)
    }

    @Test("the VFREEBUSY serializes with one FREEBUSY line per type and reads back equal")
    func serialization() throws {
        let day = Self.instant("2018-11-05T00:00:00-02:00")..<Self.instant("2018-11-06T00:00:00-02:00")
        let booking = Self.busy("2018-11-05T14:00:00-02:00", "2018-11-05T15:00:00-02:00")
        let freeBusy = try Self.remoteWork().freeBusy(window: day, busy: [booking], dtstamp: Self.stamp, uid: "fb-1")
        let text = ICalendarSerializer.serialize(freeBusy.component)
        #expect(
            text
                == [
                    "BEGIN:VFREEBUSY", "UID:fb-1", "DTSTAMP:20181031T120000Z", "DTSTART:20181105T020000Z", "DTEND:20181106T020000Z",
                    "FREEBUSY;FBTYPE=BUSY:20181105T160000Z/20181105T170000Z",
                    // Folded at 75 octets (RFC 5545 §3.1).
                    "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20181105T020000Z/20181105T110000Z,20181105",
                    " T190000Z/20181106T020000Z",
                    "END:VFREEBUSY", "",
                ].joined(separator: "\r\n"))
        let parsed = try ICalendarParser.parse(text)
        #expect(try VFreeBusy(component: parsed.components[0]) == freeBusy)
    }

    @Test("the range-based result equals the generic precedence sweep over random busy time and overrides")
    func matchesGenericMerge() throws {
        var random = SplitMix(seed: 7)
        let overrides = [
            DateOverride(date: "2018-11-06", type: .unavailable),
            DateOverride(date: "2018-11-10", type: .custom, slots: [TimeSlot(startTime: "20:00", endTime: "24:00")]),
            DateOverride(date: "2018-11-11", type: .custom, slots: [TimeSlot(startTime: "00:00", endTime: "03:00")]),
        ]
        let compiled = try Self.remoteWork(overrides: overrides)
        let window = Self.instant("2018-10-30T05:17:00Z")..<Self.instant("2018-11-20T00:00:00Z")
        for _ in 0..<20 {
            let busy = (0..<40).map { _ in
                let start = window.lowerBound.adding(seconds: Int64(random.next() % (23 * 86_400)) - 86_400)
                return BusyInterval(start: start, end: start.adding(seconds: Int64(random.next() % 20_000)), source: .event)
            }
            let fast = compiled.freeBusy(window: window, busy: busy, dtstamp: Self.stamp)
            let all = busy.map { FreeBusyPeriod(start: $0.start, end: $0.end) } + compiled.unavailablePeriods(in: window)
            #expect(fast == VFreeBusy(start: window.lowerBound, end: window.upperBound, dtstamp: Self.stamp, periods: all))
        }
    }

    @Test("a year with 3,000 bookings is computed on ranges, not minutes")
    func yearIsFast() throws {
        let compiled = try Self.remoteWork()
        let year = Self.instant("2025-01-01T00:00:00Z")..<Self.instant("2026-01-01T00:00:00Z")
        let busy = (0..<3000).map { index in
            let start = year.lowerBound.adding(seconds: Int64(index) * 10_500)
            return BusyInterval(start: start, end: start.adding(seconds: 3600), source: .booking)
        }
        let clock = ContinuousClock()
        var periods = 0
        let elapsed = clock.measure { periods = compiled.freeBusy(window: year, busy: busy, dtstamp: Self.stamp).periods.count }
        #expect(periods > 3000)
        // About a millisecond in release; the bound only catches a per-minute or quadratic slip in debug builds.
        #expect(elapsed < .milliseconds(500))
    }
}

extension FreeBusyTests {
    /// A small deterministic generator (SplitMix64) so random tests repeat exactly.
    struct SplitMix {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
