import Availability
import Foundation
import ICalendar
import Testing

/// Properties of the slot engine over random schedules, busy time, limits and windows, checked
/// against the rules of `shared/fixtures/availability/README.md` read directly, not against
/// the engine's own code. Seeds are fixed, so a failure is reproducible; each failure prints
/// the case as a scenario for `horario slots --scenario -`.
///
/// `HORARIO_PROPERTY_CASES=N` runs N cases per property instead of the default.
struct SlotPropertyTests {
    /// Cases per property: a few hundred keeps CI fast; raise it locally to search harder.
    static let cases: Int = {
        let text = ProcessInfo.processInfo.environment["HORARIO_PROPERTY_CASES"] ?? ""
        return Int(text).map { max(1, $0) } ?? 300
    }()

    /// Stops a broken property from printing hundreds of cases: the first few are enough.
    static let maximumReported = 3

    @Test("no slot's span padded by the buffers meets busy time; same-type bookings are padded too")
    func slotsAvoidBusyTime() throws {
        var reported = 0
        var offered = 0
        for seed in Self.seeds(0xA11C_E5ED) {
            let c = try PropertyCase.make(seed: seed)
            let slots = c.slots()
            offered += slots.count
            for slot in slots {
                let span = slot.start.secondsSince1970 - c.before..<slot.end.secondsSince1970 + c.after
                guard let busy = c.busySpans.first(where: { $0.overlaps(span) }) else { continue }
                reported += 1
                if reported <= Self.maximumReported {
                    Issue.record("slot \(slot.start) padded \(span) meets busy \(busy)\n\(c.scenarioJSON)")
                }
            }
        }
        #expect(reported == 0)
        #expect(offered >= Self.cases * 5, "the cases are not degenerate: \(offered) slots in \(Self.cases) cases")
    }

    /// "Inside the hours" is read on the time line: each written range of a local date covers the
    /// instants from its start's instant to its end's (rule 1), and ranges of neighbouring dates
    /// merge (rule 2). A plain wall-clock test of the slot's local start and end would be wrong
    /// around DST: in a repeated hour the wall clock runs backwards inside a range, and a range
    /// starting in a gap begins later than its written start. The local reading is printed on failure.
    @Test("every slot lies inside the schedule's local hours, ranges merged across midnight and DST read by rule 1")
    func slotsInsideHours() throws {
        var reported = 0
        for seed in Self.seeds(0x0B0E_0F0B) {
            let c = try PropertyCase.make(seed: seed)
            let slots = c.slots()
            guard let first = slots.first, let last = slots.last else { continue }
            let ranges = c.reference.ranges(from: first.start, to: last.end)
            for slot in slots
            where !ranges.contains(where: { $0.contains(slot.start.secondsSince1970) && slot.end.secondsSince1970 <= $0.upperBound }) {
                reported += 1
                if reported <= Self.maximumReported {
                    let local = "\(c.reference.zone.local(for: slot.start).isoString) – \(c.reference.zone.local(for: slot.end).isoString)"
                    Issue.record("slot \(slot.start)–\(slot.end) (local \(local)) is outside the hours\n\(c.scenarioJSON)")
                }
            }
        }
        #expect(reported == 0)
    }

    @Test("slots are sorted by start and no start appears twice")
    func slotsSortedAndUnique() throws {
        var reported = 0
        for seed in Self.seeds(0x5027_ED00) {
            let c = try PropertyCase.make(seed: seed)
            let starts = c.slots().map(\.start)
            if zip(starts, starts.dropFirst()).contains(where: { $0 >= $1 }) {
                reported += 1
                if reported <= Self.maximumReported { Issue.record("starts not strictly increasing: \(starts)\n\(c.scenarioJSON)") }
            }
        }
        #expect(reported == 0)
    }

    @Test("slots for [a, c) are the slots for [a, b) followed by the slots for [b, c), for any b")
    func windowsConcatenate() throws {
        var reported = 0
        for seed in Self.seeds(0xC0_7CA7) {
            var c = try PropertyCase.make(seed: seed, dayAndWeekLimits: false)
            let a = c.window.lowerBound.secondsSince1970
            let end = c.window.upperBound.secondsSince1970
            let b = Instant(secondsSince1970: a + Int64(c.random.int(0...Int((end - a) / 60))) * 60)
            let whole = c.slots()
            let split = c.slots(in: c.window.lowerBound..<b) + c.slots(in: b..<c.window.upperBound)
            if whole != split {
                reported += 1
                if reported <= Self.maximumReported {
                    Issue.record("split at \(b): whole \(whole.map(\.start)) vs parts \(split.map(\.start))\n\(c.scenarioJSON)")
                }
            }
        }
        #expect(reported == 0)
    }

    @Test("explain calls every slot bookable and gives a reason for every other instant of the window")
    func explanationsAgreeWithSlots() throws {
        var reported = 0
        var checked = 0
        for seed in Self.seeds(0xE8_9A1A) {
            var c = try PropertyCase.make(seed: seed)
            let slots = c.slots()
            let starts = Set(slots.map(\.start))
            for slot in slots {
                let explanation = c.explain(slot.start)
                checked += 1
                if !explanation.isBookable {
                    reported += 1
                    if reported <= Self.maximumReported { Issue.record("a slot is explained as \(explanation)\n\(c.scenarioJSON)") }
                }
            }
            for instant in c.probeInstants(count: 12) where !starts.contains(instant) {
                let explanation = c.explain(instant)
                checked += 1
                if explanation.isBookable || explanation.reasons.isEmpty {
                    reported += 1
                    if reported <= Self.maximumReported { Issue.record("not a slot, yet \(explanation)\n\(c.scenarioJSON)") }
                }
            }
        }
        #expect(reported == 0)
        #expect(checked > Self.cases)
    }

    @Test("the slots are exactly those of a direct reading of the README rules")
    func slotsMatchDirectReading() throws {
        var reported = 0
        var compared = 0
        for seed in Self.seeds(0x0_4AC1E) {
            let c = try PropertyCase.make(seed: seed)
            // A range running round the clock for a week has no start for rule 3 to anchor its grid
            // on (the engine splits it at local Monday 00:00); such cases are left out here.
            guard let expected = c.referenceSlots() else { continue }
            compared += 1
            let actual = c.slots()
            if actual != expected {
                reported += 1
                if reported <= Self.maximumReported {
                    let extra = actual.filter { !expected.contains($0) }.map(\.start)
                    let missing = expected.filter { !actual.contains($0) }.map(\.start)
                    Issue.record("engine offers \(extra) beyond the rules and misses \(missing)\n\(c.scenarioJSON)")
                }
            }
        }
        #expect(reported == 0)
        #expect(compared * 10 >= Self.cases * 9, "most cases are compared (\(compared) of \(Self.cases))")
    }

    // MARK: Counterexamples the properties found

    /// Found by `slotsMatchDirectReading` (HORARIO_PROPERTY_CASES=20000). Rule 1 maps each
    /// written range's start and end; rule 2 then merges. New York skipped 02:00–03:00 on
    /// 2024-03-10, so 02:30–03:30 maps to [03:30, 03:30) EDT (empty) and 03:15–04:00 to
    /// [03:15, 04:00) EDT = [07:15Z, 08:00Z). Merging the two in wall-clock minutes first
    /// (02:30–04:00, whose start then moves to 03:30) loses 03:15–03:30: adding a range must
    /// never remove time another range grants.
    @Test("a range starting in a DST gap does not swallow the start of an overlapping range that begins after the gap")
    func gapRangeKeepsOverlappingRangeStart() throws {
        let schedule = Build.schedule("America/New_York", ["sunday"], [("02:30", "03:30"), ("03:15", "04:00")])
        let alone = Build.schedule("America/New_York", ["sunday"], [("03:15", "04:00")])
        let limits = EventTypeLimits(duration: 15)
        let from = "2024-03-10T00:00:00Z"
        let to = "2024-03-11T00:00:00Z"
        let expected = ["2024-03-10T07:15:00Z", "2024-03-10T07:30:00Z", "2024-03-10T07:45:00Z"]
        let startsAlone = try Build.starts(alone, limits, from: from, to: to)
        let starts = try Build.starts(schedule, limits, from: from, to: to)
        #expect(startsAlone == expected)
        #expect(starts == expected)
    }

    /// Found the same way. Sao Paulo skipped 00:00–01:00 on 2018-11-04, so 00:40–00:50 moves
    /// forward to [01:40, 01:50) -02:00 = [03:40Z, 03:50Z), after 01:00–01:20 = [03:00Z, 03:20Z).
    /// The day's ranges come out of order on the time line and must still all be kept.
    @Test("ranges a DST gap puts out of order on the time line are all kept")
    func gapReorderedRangesAllKept() throws {
        let schedule = Build.schedule("America/Sao_Paulo", ["sunday"], [("00:40", "00:50"), ("01:00", "01:20")])
        let starts = try Build.starts(
            schedule, EventTypeLimits(duration: 10), from: "2018-11-04T00:00:00Z", to: "2018-11-05T00:00:00Z")
        #expect(starts == ["2018-11-04T03:00:00Z", "2018-11-04T03:10:00Z", "2018-11-04T03:40:00Z"])
    }

    /// The case seeds of one property: a SplitMix64 stream from the property's own seed.
    static func seeds(_ base: UInt64) -> [UInt64] {
        var generator = SplitMix64(seed: base)
        return (0..<cases).map { _ in generator.next() }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform, unlike
/// the standard library's unseeded generator.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
}

/// One random scenario: a schedule, an event type, busy time, a window and "now".
struct PropertyCase {
    static let zones = ["America/Sao_Paulo", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
    static let dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Instants next to DST changes of the zones above (and one ordinary day), so windows land
    /// on gaps and repeated hours: Sao Paulo 2018-11-04 and 2019-02-17, New York 2024-03-10 and
    /// 2024-11-03, Berlin 2024-03-31 and 2024-10-27, Lord Howe's half-hour changes 2024-04-07
    /// and 2024-10-06.
    static let anchors = [
        "2018-11-04T03:00:00Z", "2019-02-17T02:00:00Z", "2024-03-10T07:00:00Z", "2024-11-03T06:00:00Z",
        "2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z", "2024-04-06T15:00:00Z", "2024-10-05T15:30:00Z", "2025-06-16T12:00:00Z",
    ].map { Instant(rfc3339: $0)! }

    let seed: UInt64
    let schedule: Schedule
    let limits: EventTypeLimits
    let busy: [BusyInterval]
    let window: Range<Instant>
    let now: Instant
    let compiled: CompiledSchedule
    let compiledLimits: CompiledLimits
    let reference: ReferenceHours
    /// For choices made after generation (split points, probe instants).
    var random: SplitMix64

    var before: Int64 { Int64(limits.beforeBuffer) * 60 }
    var after: Int64 { Int64(limits.afterBuffer) * 60 }

    /// Busy time as the README has it: bookings of this event type padded by its buffers, the
    /// rest as given.
    var busySpans: [Range<Int64>] {
        busy.map { interval in
            let padded = interval.source == .booking && interval.sameEventType
            return (interval.start.secondsSince1970 - (padded ? before : 0))..<(interval.end.secondsSince1970 + (padded ? after : 0))
        }
    }

    func slots(in window: Range<Instant>? = nil) -> [Slot] {
        compiled.slots(for: compiledLimits, busy: busy, window: window ?? self.window, now: now)
    }

    func explain(_ instant: Instant) -> SlotExplanation { compiled.explain(instant, limits: compiledLimits, busy: busy, now: now) }

    // MARK: Generation

    static func make(seed: UInt64, dayAndWeekLimits: Bool = true) throws -> PropertyCase {
        var random = SplitMix64(seed: seed)
        let zone = random.pick(zones)
        let anchor = random.pick(anchors).secondsSince1970
        let start = anchor + Int64(random.int(-72 * 60...24 * 60)) * 60
        let length = Int64(random.int(60...4 * 24 * 60)) * 60
        let window = Instant(secondsSince1970: start)..<Instant(secondsSince1970: start + length)
        let now = Instant(secondsSince1970: start + Int64(random.int(-3 * 24 * 60...24 * 60)) * 60)
        let rules = try #require(ZoneRules.iana(zone))
        let firstDate = rules.local(for: window.lowerBound).date

        var availability: [WeeklyHours] = []
        for day in dayNames {
            let count = random.pick([0, 1, 1, 2, 2, 3])
            if count > 0 || random.chance(0.2) {
                availability.append(WeeklyHours(day: day, slots: (0..<count).map { _ in randomSlot(&random) }))
            }
        }
        var overrides: [DateOverride] = []
        for _ in 0..<random.pick([0, 0, 1, 2, 3]) {
            let date = firstDate.adding(days: random.int(-1...4)).isoString
            guard !overrides.contains(where: { $0.date == date }) else { continue }
            if random.chance(0.4) {
                overrides.append(DateOverride(date: date, type: .unavailable, reason: "Holiday"))
            } else {
                let slots = (0..<random.int(1...2)).map { _ in randomSlot(&random) }
                overrides.append(DateOverride(date: date, type: .custom, slots: slots, reason: "Custom"))
            }
        }
        let schedule = Schedule(timezone: zone, availability: availability, dateOverrides: overrides)

        let today = rules.local(for: now).date
        var bookingWindow: EventTypeLimits.BookingWindow?
        switch random.int(0...9) {
        case 0...5: bookingWindow = nil
        case 6, 7: bookingWindow = .rolling(days: random.int(0...5))
        default:
            let from = today.adding(days: random.int(-1...2))
            bookingWindow = .range(startDate: from.isoString, endDate: from.adding(days: random.int(0...3)).isoString)
        }
        let limits = EventTypeLimits(
            duration: random.pick([10, 15, 25, 30, 45, 50, 60, 90, 120]), slotInterval: random.pick([nil, nil, 5, 10, 15, 20, 30, 60]),
            beforeBuffer: random.pick([0, 0, 5, 10, 15, 30]), afterBuffer: random.pick([0, 0, 5, 10, 15, 30]),
            minimumNotice: random.pick([0, 0, 30, 120, 1440]), bookingWindow: bookingWindow,
            maxBookingsPerDay: dayAndWeekLimits && random.chance(0.4) ? random.int(0...3) : nil,
            maxBookingsPerWeek: dayAndWeekLimits && random.chance(0.3) ? random.int(0...4) : nil)

        var busy: [BusyInterval] = []
        for index in 0..<random.int(0...10) {
            let from = start + Int64(random.int(-24 * 60...Int(length / 60) + 24 * 60)) * 60
            let to = from + Int64(random.pick([5, 15, 30, 50, 60, 90, 240])) * 60
            let booking = random.chance(0.6)
            busy.append(
                BusyInterval(
                    start: Instant(secondsSince1970: from), end: Instant(secondsSince1970: to), source: booking ? .booking : .event,
                    sameEventType: booking && random.chance(0.5), label: "busy \(index)"))
        }
        return PropertyCase(
            seed: seed, schedule: schedule, limits: limits, busy: busy, window: window, now: now, compiled: try CompiledSchedule(schedule),
            compiledLimits: try CompiledLimits(limits), reference: ReferenceHours(schedule: schedule, zone: rules), random: random)
    }

    /// A range on a 15-minute grid (sometimes 5), often touching midnight at either end.
    static func randomSlot(_ random: inout SplitMix64) -> TimeSlot {
        if random.chance(0.3) {
            // Near the wall times DST changes happen at (00:00 to 03:00), where gaps and
            // repeated hours reorder and shorten ranges.
            let start = random.int(0...36) * 5
            let end = min(1440, start + random.int(1...24) * 5)
            return TimeSlot(startTime: hhmm(start), endTime: hhmm(end))
        }
        let unit = random.chance(0.2) ? 5 : 15
        let start = random.chance(0.2) ? 0 : random.int(0...(1440 / unit - 1)) * unit
        let end = random.chance(0.25) ? 1440 : min(1440, start + random.int(1...(600 / unit)) * unit)
        return TimeSlot(startTime: hhmm(start), endTime: hhmm(end))
    }

    static func hhmm(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    // MARK: Probes

    /// Instants of the window to ask `explain` about: half on the grid of the hours (where a
    /// missing slot would hide), half anywhere on the minute.
    mutating func probeInstants(count: Int) -> [Instant] {
        let a = window.lowerBound.secondsSince1970
        let c = window.upperBound.secondsSince1970
        let step = Int64(limits.slotInterval ?? limits.duration) * 60
        var grid: [Int64] = []
        for range in reference.ranges(from: window.lowerBound, to: window.upperBound) {
            var t = range.lowerBound
            while t < c, t < range.upperBound, grid.count < 2_000 {
                if t >= a { grid.append(t) }
                t += step
            }
        }
        var result: [Instant] = []
        for index in 0..<count {
            if index % 2 == 0, !grid.isEmpty {
                result.append(Instant(secondsSince1970: random.pick(grid)))
            } else {
                result.append(Instant(secondsSince1970: a + Int64(random.int(0...Int((c - a) / 60 - 1))) * 60))
            }
        }
        return result
    }

    // MARK: The README's rules, read directly

    /// The slots rule 3 gives, computed the plain way; nil when a range runs round the clock for
    /// a week or more (there the README gives the grid no start).
    func referenceSlots() -> [Slot]? {
        let a = window.lowerBound.secondsSince1970
        let c = window.upperBound.secondsSince1970
        let duration = Int64(limits.duration) * 60
        let step = Int64(limits.slotInterval ?? limits.duration) * 60
        let earliest = now.secondsSince1970 + Int64(limits.minimumNotice) * 60
        let zone = reference.zone
        let today = zone.local(for: now).date
        let spans = busySpans
        var perDay: [Int: Int] = [:]
        var perWeek: [Int: Int] = [:]
        for interval in busy where interval.source == .booking && interval.sameEventType {
            let date = zone.local(for: interval.start).date
            perDay[date.dayNumber, default: 0] += 1
            perWeek[Self.monday(date), default: 0] += 1
        }
        var result: [Slot] = []
        for range in reference.ranges(from: window.lowerBound, to: window.upperBound) {
            if range.upperBound - range.lowerBound >= 7 * 86_400 { return nil }
            var s = range.lowerBound
            while s < c, s + duration <= range.upperBound {
                defer { s += step }
                guard s >= a, s >= earliest else { continue }
                let padded = s - Int64(limits.beforeBuffer) * 60..<s + duration + Int64(limits.afterBuffer) * 60
                guard !spans.contains(where: { $0.overlaps(padded) }) else { continue }
                let date = zone.local(for: Instant(secondsSince1970: s)).date
                switch limits.bookingWindow {
                case .rolling(let days)?: guard date.dayNumber - today.dayNumber <= days else { continue }
                case .range(let from, let to)?: guard date.isoString >= from, date.isoString <= to else { continue }
                case nil: break
                }
                if let max = limits.maxBookingsPerDay, perDay[date.dayNumber, default: 0] >= max { continue }
                if let max = limits.maxBookingsPerWeek, perWeek[Self.monday(date), default: 0] >= max { continue }
                result.append(Slot(start: Instant(secondsSince1970: s), end: Instant(secondsSince1970: s + duration)))
            }
        }
        return result
    }

    /// The day number of the Monday that starts `date`'s week.
    static func monday(_ date: CalendarDate) -> Int { date.dayNumber - (date.weekday.rawValue - 1) }

    /// The case as a README scenario, to paste into `horario slots --scenario -`.
    var scenarioJSON: String {
        func object<T: Encodable>(_ value: T) -> Any {
            (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(value))) ?? NSNull()
        }
        let scenario: [String: Any] = [
            "id": "property-\(String(seed, radix: 16))", "now": now.description,
            "window": ["start": window.lowerBound.description, "end": window.upperBound.description],
            "schedule": object(schedule), "eventType": object(limits),
            "busy": busy.map {
                ["start": $0.start.description, "end": $0.end.description, "source": $0.source.rawValue, "sameEventType": $0.sameEventType]
            },
        ]
        let data = try? JSONSerialization.data(withJSONObject: scenario, options: [.sortedKeys])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "(unencodable case \(seed))"
    }
}

/// A schedule's hours on the UTC time line, from README rule 1 and 2 alone: each range of a
/// local date runs from the instant of its start to the instant of its end, where a wall time
/// in a gap is read with the offset from before the gap and a repeated one means its first
/// occurrence; the ranges of all dates are then merged where they overlap or touch.
struct ReferenceHours {
    let schedule: Schedule
    let zone: ZoneRules

    /// Merged ranges (seconds) that meet `[from, to)`, following runs across midnight for up to
    /// a fortnight either side.
    func ranges(from: Instant, to: Instant) -> [Range<Int64>] {
        let first = zone.local(for: from).date.adding(days: -15)
        let last = zone.local(for: to).date.adding(days: 15)
        var spans: [Range<Int64>] = []
        var date = first
        while date <= last {
            for slot in hours(on: date) {
                let start = instant(date, minute: slot.lowerBound)
                let end = instant(date, minute: slot.upperBound)
                if start < end { spans.append(start..<end) }
            }
            date = date.adding(days: 1)
        }
        spans.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int64>] = []
        for span in spans {
            if let previous = merged.last, span.lowerBound <= previous.upperBound {
                merged[merged.count - 1] = previous.lowerBound..<max(previous.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        return merged.filter { $0.upperBound > from.secondsSince1970 && $0.lowerBound < to.secondsSince1970 }
    }

    /// Minute ranges of a local date: its override's, else its weekday's.
    func hours(on date: CalendarDate) -> [Range<Int>] {
        if let override = schedule.dateOverrides.first(where: { $0.date == date.isoString }) {
            return override.type == .unavailable ? [] : (override.slots ?? []).map(Self.minutes)
        }
        let name = PropertyCase.dayNames[date.weekday.rawValue - 1]
        return schedule.availability.filter { $0.day == name }.flatMap { $0.slots.map(Self.minutes) }
    }

    static func minutes(_ slot: TimeSlot) -> Range<Int> { minutes(slot.startTime)..<minutes(slot.endTime) }

    static func minutes(_ text: String) -> Int {
        let parts = text.split(separator: ":").map { Int($0) ?? 0 }
        return parts[0] * 60 + parts[1]
    }

    /// Rule 1 for one wall time: of the readings with the offsets in force around it, the
    /// earliest one that is consistent; if none is (a gap), the latest, which is the time moved
    /// forward by the gap.
    func instant(_ date: CalendarDate, minute: Int) -> Int64 {
        let wall = LocalDateTime(date: date).naiveSeconds + Int64(minute) * 60
        let offsets = Set([-86_400, 0, 86_400].map { zone.offset(at: Instant(secondsSince1970: wall + Int64($0))) })
        let readings = offsets.map { wall - Int64($0) }
        let consistent = readings.filter { zone.offset(at: Instant(secondsSince1970: $0)) == Int(wall - $0) }
        return consistent.min() ?? readings.max() ?? wall
    }
}
