import Testing

@testable import ICalendar

struct ValueTests {
    @Test("day numbers and civil dates convert both ways, weekdays included")
    func civilArithmetic() {
        for dayNumber in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDate(dayNumber: dayNumber).dayNumber == dayNumber)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1).weekday == .thursday)
        #expect(CalendarDate(year: 2024, month: 2, day: 29).weekday == .thursday)
        #expect(CalendarDate(year: 2000, month: 3, day: 1).dayNumber - CalendarDate(year: 2000, month: 2, day: 28).dayNumber == 2)
        #expect(!CalendarDate(year: 2023, month: 2, day: 29).isValid)
    }

    @Test("DATE and DATE-TIME in their three forms")
    func dateTimeForms() throws {
        #expect(DateOrDateTime.parse("20240115", tzid: nil) == .date(CalendarDate(year: 2024, month: 1, day: 15)))
        let local = LocalDateTime(year: 2024, month: 1, day: 15, hour: 9, minute: 30)
        #expect(DateOrDateTime.parse("20240115T093000Z", tzid: nil) == .dateTime(DateTimeValue(local: local, form: .utc)))
        #expect(DateOrDateTime.parse("20240115T093000", tzid: nil) == .dateTime(DateTimeValue(local: local, form: .floating)))
        #expect(
            DateOrDateTime.parse("20240115T093000", tzid: "Europe/Berlin")
                == .dateTime(DateTimeValue(local: local, form: .zoned(tzid: "Europe/Berlin"))))
        #expect(DateOrDateTime.parse("20241315", tzid: nil) == nil)
        #expect(DateOrDateTime.parse("20240115T250000", tzid: nil) == nil)
        #expect(DateOrDateTime.parse("20210527Z", tzid: nil) == nil)
    }

    @Test("DURATION keeps nominal days apart from exact seconds")
    func durations() {
        #expect(DurationValue("P1D") == DurationValue(days: 1))
        #expect(DurationValue("PT24H") == DurationValue(seconds: 86_400))
        #expect(DurationValue("-P1W2D") == nil)
        #expect(DurationValue("-P2W") == DurationValue(days: -14))
        #expect(DurationValue("P1DT2H3M4S") == DurationValue(days: 1, seconds: 7384))
        #expect(DurationValue("PT-2H") == nil)
        #expect(DurationValue("PT-2H", lenient: true) == DurationValue(seconds: -7200))
        #expect(DurationValue("P999999999999999999W") == nil)
        #expect(DurationValue(days: 1, seconds: 7384).description == "P1DT2H3M4S")
        #expect(DurationValue(days: -14).description == "-P2W")
        #expect(DurationValue().description == "PT0S")
    }

    @Test("PERIOD with an explicit end or a duration; UTC-OFFSET within a day")
    func periodsAndOffsets() {
        let period = PeriodValue("19970101T180000Z/PT5H30M", tzid: nil)
        #expect(period?.end == .duration(DurationValue(seconds: 19_800)))
        #expect(PeriodValue("199709T180000Z/PT5H30M", tzid: nil) == nil)
        #expect(UTCOffset("-0330")?.seconds == -12_600)
        #expect(UTCOffset("+053015")?.seconds == 19_815)
        #expect(UTCOffset("+5744") == nil)
        #expect(UTCOffset("-0330")?.description == "-0330")
    }

    @Test("RFC 3339 instants parse with Z or an offset")
    func rfc3339() {
        #expect(Instant(rfc3339: "2024-01-15T09:30:00Z")?.icalString == "20240115T093000Z")
        #expect(Instant(rfc3339: "2024-01-15T09:30:00-03:00")?.description == "2024-01-15T12:30:00Z")
        #expect(Instant(rfc3339: "2024-01-15") == nil)
    }

    @Test("BOOLEAN, URI and CAL-ADDRESS values read as RFC 5545 defines them")
    func booleanAndAddresses() throws {
        #expect(try Property(name: "X-FLAG", value: "true").boolean())
        #expect(throws: ICalendarError.self) { try Property(name: "X-FLAG", value: "yes").boolean() }
        #expect(Property(name: "ATTENDEE", value: "MAILTO:jane@example.org").emailAddress == "jane@example.org")
        #expect(try Property(name: "URL", value: "https://example.org/a").uri() == "https://example.org/a")
        #expect(throws: ICalendarError.self) { try Property(name: "URL", value: "not a uri").uri() }
    }
}

/// The fixed-width renderings of dates and times that listings and slot answers are made of.
struct DateTimeTextTests {
    @Test("dates and times render zero-padded in both RFC 5545 and ISO 8601 forms; years beyond four digits still render")
    func renderings() {
        let time = LocalDateTime(year: 2025, month: 3, day: 9, hour: 7, minute: 5, second: 0)
        #expect(time.description == "20250309T070500")
        #expect(time.isoString == "2025-03-09T07:05:00")
        #expect(time.date.description == "20250309")
        #expect(time.date.isoString == "2025-03-09")
        #expect(Instant(utc: time).description == "2025-03-09T07:05:00Z")
        #expect(Instant(utc: time).icalString == "20250309T070500Z")
        #expect(CalendarDate(year: 5, month: 1, day: 1).isoString == "0005-01-01")
        #expect(CalendarDate(year: 12_345, month: 12, day: 31).description == "123451231")
        #expect(CalendarDate(year: -1, month: 12, day: 31).isoString == "-0001-12-31")
    }
}
