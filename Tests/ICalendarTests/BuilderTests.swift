import Testing

@testable import ICalendar

struct BuilderTests {
    static func instant(_ text: String) -> Instant { Instant(rfc3339: text)! }

    @Test("free/busy merges overlapping and touching periods; BUSY wins over BUSY-UNAVAILABLE where they overlap")
    func freeBusyMerge() {
        let periods = [
            FreeBusyPeriod(start: Self.instant("2024-01-01T09:00:00Z"), end: Self.instant("2024-01-01T10:00:00Z")),
            FreeBusyPeriod(start: Self.instant("2024-01-01T10:00:00Z"), end: Self.instant("2024-01-01T11:00:00Z")),
            FreeBusyPeriod(start: Self.instant("2024-01-01T00:00:00Z"), end: Self.instant("2024-01-01T09:30:00Z"), type: .busyUnavailable),
            FreeBusyPeriod(start: Self.instant("2024-01-01T12:00:00Z"), end: Self.instant("2024-01-01T12:00:00Z")),
        ]
        let merged = FreeBusyPeriod.merge(periods)
        #expect(
            merged == [
                FreeBusyPeriod(start: Self.instant("2024-01-01T00:00:00Z"), end: Self.instant("2024-01-01T09:00:00Z"), type: .busyUnavailable),
                FreeBusyPeriod(start: Self.instant("2024-01-01T09:00:00Z"), end: Self.instant("2024-01-01T11:00:00Z"), type: .busy),
            ])
    }

    @Test("VFREEBUSY serializes one FREEBUSY line per type, clipped to its range, and reads back equal")
    func freeBusyComponent() throws {
        let freeBusy = VFreeBusy(
            start: Self.instant("2024-01-01T00:00:00Z"), end: Self.instant("2024-01-02T00:00:00Z"), dtstamp: Self.instant("2024-01-01T00:00:00Z"),
            periods: [
                FreeBusyPeriod(start: Self.instant("2023-12-31T20:00:00Z"), end: Self.instant("2024-01-01T08:00:00Z"), type: .busyUnavailable),
                FreeBusyPeriod(start: Self.instant("2024-01-01T09:00:00Z"), end: Self.instant("2024-01-01T10:00:00Z")),
                FreeBusyPeriod(start: Self.instant("2024-01-01T13:00:00Z"), end: Self.instant("2024-01-01T14:00:00Z"), type: .busyTentative),
            ])
        let component = freeBusy.component
        let lines = component.properties(named: "FREEBUSY").map { ICalendarSerializer.contentLine($0) }
        #expect(
            lines == [
                "FREEBUSY;FBTYPE=BUSY:20240101T090000Z/20240101T100000Z",
                "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20240101T000000Z/20240101T080000Z",
                "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20240101T130000Z/20240101T140000Z",
            ])
        let text = ICalendarSerializer.serialize(component)
        let reparsed = try ICalendarParser.parse(text).components[0]
        #expect(try VFreeBusy(component: reparsed) == freeBusy)
    }

    @Test("VAVAILABILITY with weekly AVAILABLE blocks round-trips through text")
    func availabilityRoundTrip() throws {
        let zone = DateTimeForm.zoned(tzid: "America/Sao_Paulo")
        let monday = DateTimeValue(local: LocalDateTime(year: 2024, month: 1, day: 1, hour: 9), form: zone)
        let mondayEnd = DateTimeValue(local: LocalDateTime(year: 2024, month: 1, day: 1, hour: 17), form: zone)
        let rule = try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
        let availability = VAvailability(
            uid: "schedule-1", dtstamp: Self.instant("2024-01-01T00:00:00Z"), start: monday, summary: "Remote Work", location: "Video call",
            available: [VAvailability.Available(uid: "schedule-1-weekday", start: monday, end: mondayEnd, rule: rule, summary: "Weekdays")])
        let text = ICalendarSerializer.serialize(availability.component)
        #expect(text.contains("BEGIN:AVAILABLE\r\n"))
        #expect(text.contains("DTSTART;TZID=America/Sao_Paulo:20240101T090000\r\n"))
        #expect(text.contains("BUSYTYPE:BUSY-UNAVAILABLE\r\n"))
        let reparsed = try VAvailability(component: try ICalendarParser.parse(text).components[0])
        #expect(reparsed == availability)
    }

    @Test("reading a VAVAILABILITY refuses an AVAILABLE without an end, naming the line")
    func availabilityErrors() throws {
        let parsed = try ICalendarParser.parse(
            "BEGIN:VAVAILABILITY\nUID:a\nBEGIN:AVAILABLE\nDTSTART:20240101T090000Z\nEND:AVAILABLE\nEND:VAVAILABILITY\n")
        #expect(throws: ICalendarError.structure(line: 3, message: "AVAILABLE needs DTEND or DURATION")) {
            try VAvailability(component: parsed.components[0])
        }
    }
}
