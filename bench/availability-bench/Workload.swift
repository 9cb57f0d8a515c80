import Availability
import ICalendar

/// The inputs measured: one schedule with three ranges a day, a 30-minute event type, and
/// busy time spread over the window, all fixed by a seed so every run measures the same work.
struct Workload {
    /// Every day 08:00–11:00, 13:00–16:00 and 18:00–20:00 in America/Sao_Paulo: three ranges a
    /// day, the shape of a clinic day with a lunch break and an evening session.
    static let schedule = Schedule(
        name: "Bench", timezone: "America/Sao_Paulo",
        availability: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map {
            WeeklyHours(
                day: $0,
                slots: [
                    TimeSlot(startTime: "08:00", endTime: "11:00"), TimeSlot(startTime: "13:00", endTime: "16:00"),
                    TimeSlot(startTime: "18:00", endTime: "20:00"),
                ])
        })

    /// 30 minutes, a 10-minute buffer after, an hour's notice, and day and week limits high
    /// enough never to be reached, so every slot runs every check.
    static let limits = EventTypeLimits(duration: 30, afterBuffer: 10, minimumNotice: 60, maxBookingsPerDay: 60, maxBookingsPerWeek: 400)

    /// 20 Oct – 20 Nov 2018 local: 31 days that include Sao Paulo's DST change of 4 Nov 2018.
    static let month = Instant(rfc3339: "2018-10-20T03:00:00Z")!..<Instant(rfc3339: "2018-11-20T02:00:00Z")!

    /// One year from the same start.
    static let year = month.lowerBound..<Instant(rfc3339: "2019-10-20T03:00:00Z")!

    /// Before every slot of both windows, so the notice removes nothing.
    static let now = Instant(rfc3339: "2018-10-01T00:00:00Z")!

    /// `count` busy intervals of 5 to 30 minutes at random minutes of `window` (2,000 in a month
    /// cover about a third of it, so some slots stay free and every check runs): half are
    /// bookings of this event type (padded, counted), a quarter other bookings, a quarter
    /// opaque calendar events.
    static func busy(count: Int, in window: Range<Instant>, seed: UInt64) -> [BusyInterval] {
        var random = SplitMix64(seed: seed)
        let minutes = (window.upperBound.secondsSince1970 - window.lowerBound.secondsSince1970) / 60
        return (0..<count).map { index in
            let start = window.lowerBound.adding(seconds: Int64(random.next() % UInt64(minutes)) * 60)
            let length = Int64(5 + random.next() % 26) * 60
            let kind = random.next() % 4
            return BusyInterval(
                start: start, end: start.adding(seconds: length), source: kind == 3 ? .event : .booking, sameEventType: kind < 2,
                label: "busy \(index)")
        }
    }
}

/// SplitMix64: a fixed, platform-independent stream for the workload.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
