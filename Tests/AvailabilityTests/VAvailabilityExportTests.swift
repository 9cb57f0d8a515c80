import Availability
import Foundation
import ICalendar
import Testing

/// A schedule exported as VAVAILABILITY (RFC 7953) reads back as the same schedule, and means
/// the same hours to an RFC reader.
struct VAvailabilityExportTests {
    static let stamp = Instant(rfc3339: "2025-01-01T00:00:00Z")!

    static func slot(_ start: String, _ end: String) -> TimeSlot { TimeSlot(startTime: start, endTime: end) }

    /// Spec use case 1, schedule 1.
    static let remoteWork = Schedule(
        id: "sch_remote", userId: "usr_joao", name: "Remote Work", isDefault: true, timezone: "America/Sao_Paulo",
        availability: ["monday", "tuesday", "wednesday", "thursday", "friday"].map { WeeklyHours(day: $0, slots: [slot("09:00", "17:00")]) },
        location: Location(type: .remote, videoProvider: .googleMeet, videoLink: "https://meet.google.com/abc-defg-hij"))

    /// Spec use case 1, schedule 2.
    static let clinic = Schedule(
        id: "sch_clinic", userId: "usr_joao", organizationId: "org_clinica", name: "Clinic - In-Person", timezone: "America/Sao_Paulo",
        availability: [WeeklyHours(day: "tuesday", slots: [slot("14:00", "18:00")]), WeeklyHours(day: "thursday", slots: [slot("14:00", "18:00")])],
        location: Location(
            type: .inPerson,
            address: Location.Address(
                name: "Clínica São Paulo", street: "Rua Augusta, 1500; sala 12", city: "São Paulo", state: "SP", postalCode: "01304-001",
                country: "BR", additionalInfo: "2º andar \\ toque a campainha\nportão azul")))

    /// Unsorted, overlapping and touching slots, 24:00 ends, a day without slots, and every kind
    /// of override (with awkward reasons), in no particular order.
    static let evenings = Schedule(
        name: "Evening Sessions", timezone: "America/New_York",
        availability: [
            WeeklyHours(day: "Monday", slots: [slot("13:00", "17:00"), slot("09:00", "12:00"), slot("11:30", "12:30")]),
            WeeklyHours(day: "friday", slots: [slot("20:00", "24:00")]),
            WeeklyHours(day: "saturday", slots: [slot("10:00", "14:00"), slot("00:00", "02:00")]),
            WeeklyHours(day: "sunday", slots: []),
            WeeklyHours(day: "wednesday", slots: [slot("08:00", "10:00"), slot("10:00", "11:00")]),
        ],
        dateOverrides: [
            DateOverride(date: "2025-12-25", type: .unavailable, reason: "Christmas; \"family\", day: off ^ 🎄"),
            DateOverride(date: "2025-12-22", type: .custom, slots: [slot("14:00", "16:00"), slot("10:00", "11:00")], reason: "Short day"),
            DateOverride(date: "2025-12-29", type: .unavailable),
            DateOverride(date: "2025-12-27", type: .custom, slots: [slot("09:00", "10:00")]),
            DateOverride(date: "2025-12-28", type: .custom, slots: [slot("18:00", "24:00")], reason: ""),
            DateOverride(date: "2025-12-26", type: .unavailable, slots: [slot("09:00", "10:00")], reason: "Boxing Day"),
        ],
        location: Location(type: .phone, phoneNumber: "+1 212 555 0100", phoneInstructions: "I will call you"), isActive: false)

    static func export(_ schedule: Schedule) throws -> String {
        let component = try CompiledSchedule(schedule).vavailabilityComponent(uid: "sched-1", dtstamp: stamp)
        let calendar = Component(
            name: "VCALENDAR", properties: [Property(name: "VERSION", value: "2.0"), Property(name: "PRODID", value: "-//Horario//EN")],
            components: [component])
        return ICalendarSerializer.serialize(calendar)
    }

    static func component(_ text: String) throws -> Component {
        try #require(try ICalendarParser.parse(text).calendar.components(named: "VAVAILABILITY").first)
    }

    /// Content lines with folding undone.
    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
    }

    @Test("Remote Work exports one weekly AVAILABLE per weekday, anchored in the week of 2000-01-03, and reads back equal")
    func remoteWorkRoundTrip() throws {
        let text = try Self.export(Self.remoteWork)
        let lines = Self.lines(text)
        #expect(lines.contains("SUMMARY:Remote Work"))
        #expect(lines.contains("LOCATION:https://meet.google.com/abc-defg-hij"))
        #expect(lines.contains("BUSYTYPE:BUSY-UNAVAILABLE"))
        #expect(lines.filter { $0 == "BEGIN:AVAILABLE" }.count == 5)
        #expect(lines.contains("DTSTART;TZID=America/Sao_Paulo:20000103T090000"))
        #expect(lines.contains("DTEND;TZID=America/Sao_Paulo:20000103T170000"))
        #expect(lines.contains("RRULE:FREQ=WEEKLY;BYDAY=MO"))
        #expect(lines.contains("DTSTART;TZID=America/Sao_Paulo:20000107T090000"))
        #expect(lines.contains("RRULE:FREQ=WEEKLY;BYDAY=FR"))
        #expect(lines.contains("X-HORARIO-TIMEZONE:America/Sao_Paulo"))
        #expect(lines.contains("X-HORARIO-DEFAULT:TRUE"))
        #expect(lines.contains("X-HORARIO-ACTIVE:TRUE"))
        #expect(lines.contains("X-HORARIO-SCHEDULE-ID:sch_remote"))
        #expect(!lines.contains { $0.hasPrefix("X-HORARIO-ORGANIZATION-ID") })
        #expect(try Schedule(vavailability: Self.component(text)) == Self.remoteWork)
    }

    @Test("Clinic - In-Person keeps its full address (commas, semicolons, backslash, newline, accents) through the text")
    func clinicRoundTrip() throws {
        let text = try Self.export(Self.clinic)
        let lines = Self.lines(text)
        let location = #"LOCATION:Clínica São Paulo\, Rua Augusta\, 1500\; sala 12\, 2º andar \\ toque a campainha\nportão azul"#
        #expect(lines.contains(location + #"\, São Paulo\, SP\, 01304-001\, BR"#))
        #expect(lines.contains { $0.hasPrefix(#"X-HORARIO-LOCATION:{"address":{"additionalInfo":"2º andar \\\\ toque"#) })
        #expect(lines.filter { $0.hasPrefix("RRULE:") } == ["RRULE:FREQ=WEEKLY;BYDAY=TU", "RRULE:FREQ=WEEKLY;BYDAY=TH"])
        #expect(try Schedule(vavailability: Self.component(text)) == Self.clinic)
    }

    @Test("a schedule with 24:00 ends, several ranges a day and every kind of override reads back as its normalized form")
    func evenings() throws {
        let normalized = Self.evenings.normalized
        #expect(normalized != Self.evenings)
        #expect(
            normalized.availability == [
                WeeklyHours(day: "monday", slots: [Self.slot("09:00", "12:30"), Self.slot("13:00", "17:00")]),
                WeeklyHours(day: "wednesday", slots: [Self.slot("08:00", "11:00")]),
                WeeklyHours(day: "friday", slots: [Self.slot("20:00", "24:00")]),
                WeeklyHours(day: "saturday", slots: [Self.slot("00:00", "02:00"), Self.slot("10:00", "14:00")]),
            ])
        #expect(normalized.dateOverrides.map(\.date) == ["2025-12-22", "2025-12-25", "2025-12-26", "2025-12-27", "2025-12-28", "2025-12-29"])
        #expect(normalized.dateOverrides[0].slots == [Self.slot("10:00", "11:00"), Self.slot("14:00", "16:00")])
        #expect(normalized.dateOverrides[2] == DateOverride(date: "2025-12-26", type: .unavailable, reason: "Boxing Day"))
        #expect(normalized.normalized == normalized)

        let text = try Self.export(Self.evenings)
        let lines = Self.lines(text)
        // 24:00 is the next day's midnight; Friday in the anchor week is 2000-01-07.
        #expect(lines.contains("DTEND;TZID=America/New_York:20000108T000000"))
        // Two Monday overrides exclude both Monday ranges, each at its own start; Friday's one
        // range and Saturday's two are excluded once; Thursday and Sunday have nothing to exclude.
        #expect(lines.filter { $0.hasPrefix("EXDATE") }.count == 2 * 2 + 1 + 2)
        #expect(lines.contains("EXDATE;TZID=America/New_York:20251222T090000"))
        #expect(lines.contains("EXDATE;TZID=America/New_York:20251229T130000"))
        #expect(lines.contains("DTSTART;TZID=America/New_York:20251228T180000"))
        #expect(lines.contains("DTEND;TZID=America/New_York:20251229T000000"))
        #expect(lines.contains(#"X-HORARIO-OVERRIDE;TYPE=unavailable;REASON="Christmas; ^'family^', day: off ^^ 🎄":20251225"#))
        #expect(lines.contains("X-HORARIO-OVERRIDE;TYPE=custom;REASON=:20251228"))
        #expect(lines.contains("X-HORARIO-OVERRIDE;TYPE=unavailable:20251229"))
        #expect(lines.contains("X-HORARIO-ACTIVE:FALSE"))
        #expect(try Schedule(vavailability: Self.component(text)) == normalized)
    }

    @Test("read as plain RFC 7953, the export keeps the hours and overrides RFC 7953 can express and drops the rest")
    func plainRFCReading() throws {
        let text = try Self.export(Self.evenings)
        let plain = try Schedule(vavailability: VAvailability(component: Self.component(text)))
        var expected = Self.evenings.normalized
        // Reasons and the Thursday holiday (Thursday has no hours to exclude) live only in X- properties.
        expected.dateOverrides = expected.dateOverrides.filter { $0.date != "2025-12-25" }.map {
            DateOverride(date: $0.date, type: $0.type, slots: $0.slots)
        }
        expected.isActive = true
        // LOCATION is one line of text: a phone number is recognized, the instructions are gone.
        expected.location = Location(type: .phone, phoneNumber: "+1 212 555 0100")
        #expect(plain == expected)
        // A remote location is recognized from its link alone.
        let remote = try Schedule(vavailability: VAvailability(component: Self.component(Self.export(Self.remoteWork))))
        #expect(remote.location == Location(type: .remote, videoLink: "https://meet.google.com/abc-defg-hij"))
    }

    @Test("every schedule built here survives the round trip, through text and through the component")
    func roundTrip() throws {
        for schedule in [Self.remoteWork, Self.clinic, Self.evenings] {
            #expect(try Schedule(vavailability: Self.component(Self.export(schedule))) == schedule.normalized)
            let compiled = try CompiledSchedule(schedule)
            #expect(try Schedule(vavailability: compiled.vavailabilityComponent(uid: "x", dtstamp: Self.stamp)) == schedule.normalized)
        }
    }

    /// Available time as an RFC reader sees the export: every AVAILABLE instance meeting
    /// `window`, merged and clipped to it.
    static func rfcRanges(_ component: Component, _ window: Range<Instant>) -> [Range<Instant>] {
        merged(InstanceExpander.instances(in: component, window: window, kinds: ["AVAILABLE"]).map { $0.start..<$0.end }, window)
    }

    static func merged(_ ranges: [Range<Instant>], _ window: Range<Instant>) -> [Range<Instant>] {
        var result: [Range<Instant>] = []
        for range in ranges.map({ max($0.lowerBound, window.lowerBound)..<max(min($0.upperBound, window.upperBound), window.lowerBound) })
            .filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound })
        {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    @Test("expanded as RFC 5545 recurrences, the export gives exactly the schedule's available ranges, DST months included")
    func sameHoursForRFCReaders() throws {
        var remote = Self.remoteWork
        remote.dateOverrides = [
            DateOverride(date: "2018-11-15", type: .unavailable, reason: "Proclamation of the Republic"),
            DateOverride(date: "2018-11-05", type: .custom, slots: [Self.slot("13:00", "20:00")]),
            DateOverride(date: "2018-11-17", type: .custom, slots: [Self.slot("10:00", "12:00")]),
        ]
        var evenings = Self.evenings
        evenings.isActive = true
        let cases: [(Schedule, String, String)] = [
            (remote, "2018-10-28T00:00:00-03:00", "2018-12-01T00:00:00-02:00"),  // Sao Paulo DST start, 2018-11-04
            (Self.clinic, "2025-01-01T00:00:00-03:00", "2025-02-01T00:00:00-03:00"),
            (evenings, "2025-03-01T00:00:00-05:00", "2025-04-01T00:00:00-04:00"),  // New York DST start, 2025-03-09
            (evenings, "2025-12-01T00:00:00-05:00", "2026-01-01T00:00:00-05:00"),  // every override
        ]
        for (schedule, from, to) in cases {
            let window = Instant(rfc3339: from)!..<Instant(rfc3339: to)!
            let compiled = try CompiledSchedule(schedule)
            let engine = Self.merged(compiled.availableRanges(meeting: window).map { $0.start..<$0.end }, window)
            let exported = Self.rfcRanges(compiled.vavailabilityComponent(uid: "u", dtstamp: Self.stamp), window)
            #expect(!engine.isEmpty)
            #expect(exported == engine, "\(schedule.name) \(from)")
        }
    }

    @Test("known limit: a range that contains a DST change is an hour longer for an RFC reader (DTEND gives an exact length)")
    func exactLengthAcrossDSTChange() throws {
        let night = Schedule(timezone: "America/Sao_Paulo", availability: [WeeklyHours(day: "sunday", slots: [Self.slot("00:00", "06:00")])])
        let compiled = try CompiledSchedule(night)
        let window = Instant(rfc3339: "2018-11-04T00:00:00Z")!..<Instant(rfc3339: "2018-11-05T00:00:00Z")!
        let start = Instant(rfc3339: "2018-11-04T03:00:00Z")!
        // Midnight does not exist that day; 00:00 moves to 01:00 -02:00 and the range is five hours long.
        #expect(compiled.availableRanges(meeting: window).map { $0.start..<$0.end } == [start..<Instant(rfc3339: "2018-11-04T08:00:00Z")!])
        #expect(
            Self.rfcRanges(compiled.vavailabilityComponent(uid: "u", dtstamp: Self.stamp), window) == [
                start..<Instant(rfc3339: "2018-11-04T09:00:00Z")!
            ])
    }
}
