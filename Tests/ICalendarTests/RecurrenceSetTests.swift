import Testing

@testable import ICalendar

/// RecurrenceSet: time lines, DST, UNTIL/EXDATE/RDATE/EXRULE semantics, skipping ahead and termination.
struct RecurrenceSetTests {
    static func value(_ text: String, tzid: String? = nil) throws -> DateOrDateTime {
        try #require(DateOrDateTime.parse(text[...], tzid: tzid))
    }

    static func rule(_ text: String) throws -> RecurrenceRule { try RecurrenceRule(parsing: text[...]) }

    static func instant(_ text: String) throws -> Instant { try #require(Instant(rfc3339: text)) }

    static func zoned(
        _ dtstart: String, _ rule: String?, tzid: String = "America/New_York", rdates: [RecurrenceDate] = [], exdates: [String] = [],
        exrules: [String] = []
    ) throws -> RecurrenceSet {
        try RecurrenceSet(
            dtstart: value(dtstart, tzid: tzid), rrules: try rule.map { [try Self.rule($0)] } ?? [], exrules: exrules.map(Self.rule), rdates: rdates,
            exdates: try exdates.map { try value($0, tzid: tzid) }, zone: ZoneRules.iana(tzid))
    }

    @Test("an infinite SECONDLY rule queried for one minute 50 years on yields exactly that minute")
    func secondlySkipsAhead() throws {
        let set = try RecurrenceSet(dtstart: Self.value("20000101T000000Z"), rrules: [Self.rule("FREQ=SECONDLY")])
        let start = try Self.instant("2050-06-15T12:34:00Z")
        let found = set.occurrences(in: start..<start.adding(seconds: 60))
        #expect(found.map(\.position) == (0..<60).map { start.secondsSince1970 + $0 })
        #expect(found.first?.start == .dateTime(DateTimeValue(local: start.utc, form: .utc)))

        let zonedSet = try Self.zoned("20000101T000001", "FREQ=SECONDLY;INTERVAL=7", tzid: "Europe/Berlin")
        let zonedFound = zonedSet.occurrences(in: start..<start.adding(seconds: 60))
        // INTERVAL counts wall-clock seconds from DTSTART's wall time.
        let anchor = LocalDateTime(year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 1).naiveSeconds
        #expect(zonedFound.count == 8 || zonedFound.count == 9)
        #expect(zonedFound.allSatisfy { ($0.start.local.naiveSeconds - anchor) % 7 == 0 && $0.position >= start.secondsSince1970 })
    }

    @Test("skipping ahead agrees with walking from DTSTART, INTERVAL alignment included")
    func skipMatchesWalk() throws {
        for text in [
            "FREQ=MINUTELY;INTERVAL=7;BYHOUR=9,10", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,FR;WKST=SU", "FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR",
            "FREQ=YEARLY;INTERVAL=2;BYWEEKNO=1,53;BYDAY=TH", "FREQ=HOURLY;INTERVAL=5;BYDAY=SA",
        ] {
            let set = try Self.zoned("20230310T093000", text)
            let window = try Self.instant("2024-11-01T00:00:00Z")..<Self.instant("2025-04-01T00:00:00Z")
            let walked = set.sequence().prefix { $0.position < window.upperBound.secondsSince1970 }.filter {
                $0.position >= window.lowerBound.secondsSince1970
            }
            #expect(set.occurrences(in: window) == walked, "\(text)")
            #expect(!walked.isEmpty, "\(text)")
        }
    }

    @Test("rules that can never match stop: only DTSTART remains")
    func impossibleRulesTerminate() throws {
        for text in [
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1",
            "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=WEEKLY;INTERVAL=400;BYMONTH=2;BYMONTHDAY=30;BYDAY=MO",
        ] {
            let set = try RecurrenceSet(dtstart: Self.value("20240101T000000"), rrules: [Self.rule(text)])
            #expect(set.occurrences(limit: 5).map(\.description) == ["2024-01-01T00:00:00"], "\(text)")
            #expect(Array(try Self.rule(text).occurrences(dtstart: LocalDateTime(year: 2024, month: 1, day: 1), includingDTStart: false)).isEmpty)
        }
    }

    @Test("a sparse rule is not mistaken for an impossible one: Feb 29 every 100 years from 2100 is 2400")
    func sparseRuleFindsItsInstances() throws {
        let set = try RecurrenceSet(dtstart: Self.value("21000101"), rrules: [Self.rule("FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29")])
        #expect(set.occurrences(limit: 3).map(\.description) == ["2100-01-01", "2400-02-29", "2800-02-29"])
    }

    @Test("DST: a DTSTART in the gap shifts forward; hourly over spring-forward collapses; fall-back keeps the first 01:00")
    func daylightSaving() throws {
        let gap = try Self.zoned("20070311T023000", "FREQ=DAILY;COUNT=2")
        #expect(gap.occurrences(limit: 5).map(\.description) == ["2007-03-11T07:30:00Z", "2007-03-12T06:30:00Z"])
        #expect(gap.occurrences(limit: 1).first?.start.local == LocalDateTime(year: 2007, month: 3, day: 11, hour: 2, minute: 30))

        let spring = try Self.zoned("20240310T000000", "FREQ=HOURLY;COUNT=4")
        #expect(spring.occurrences(limit: 5).map(\.description) == ["2024-03-10T05:00:00Z", "2024-03-10T06:00:00Z", "2024-03-10T07:00:00Z"])

        let fall = try Self.zoned("20241103T000000", "FREQ=HOURLY;COUNT=3")
        #expect(fall.occurrences(limit: 5).map(\.description) == ["2024-11-03T04:00:00Z", "2024-11-03T05:00:00Z", "2024-11-03T07:00:00Z"])
    }

    @Test("a gap-shifted instance is reordered behind later wall times (Pacific/Apia skipped 2011-12-30)")
    func reorderAcrossGap() throws {
        let set = try Self.zoned("20111229T220000", "FREQ=HOURLY;INTERVAL=2;COUNT=4", tzid: "Pacific/Apia")
        let positions = set.occurrences(limit: 10).map(\.position)
        #expect(positions == positions.sorted() && Set(positions).count == positions.count)
        #expect(positions.count == 4)
    }

    @Test("UNTIL: inclusive on the instant; a DATE UNTIL with a DATE-TIME DTSTART keeps that whole day")
    func until() throws {
        let exact = try Self.zoned("20240101T090000", "FREQ=DAILY;UNTIL=20240103T140000Z")
        #expect(exact.occurrences(limit: 10).count == 3)
        let dated = try RecurrenceSet(
            dtstart: Self.value("20240101T090000", tzid: "America/New_York"),
            rrules: [RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20240103", lenient: true)],
            zone: ZoneRules.iana("America/New_York"))
        #expect(dated.occurrences(limit: 10).map(\.description) == ["2024-01-01T14:00:00Z", "2024-01-02T14:00:00Z", "2024-01-03T14:00:00Z"])
    }

    @Test("EXDATE after COUNT, by instant (UTC or zoned), or a whole day for a DATE; RDATE adds and collapses")
    func exdatesAndRdates() throws {
        let period = try #require(PeriodValue("20240110T120000Z/PT2H", tzid: nil))
        let set = try Self.zoned(
            "20240101T090000", "FREQ=DAILY;COUNT=4",
            rdates: [
                .dateTime(DateTimeValue(local: LocalDateTime(year: 2024, month: 1, day: 2, hour: 14), form: .utc)), .period(period),
                .date(CalendarDate(year: 2024, month: 1, day: 20)),
            ],
            exdates: ["20240103T140000Z", "20240104"])
        let found = set.occurrences(limit: 10)
        #expect(found.map(\.description) == ["2024-01-01T14:00:00Z", "2024-01-02T14:00:00Z", "2024-01-10T12:00:00Z", "2024-01-20T14:00:00Z"])
        #expect(
            found[1].start
                == .dateTime(DateTimeValue(local: LocalDateTime(year: 2024, month: 1, day: 2, hour: 9), form: .zoned(tzid: "America/New_York"))))
        #expect(found[2].period == period)
    }

    @Test("EXRULE removes its own pattern matches, not DTSTART by default")
    func exrule() throws {
        let set = try Self.zoned("20240101T090000", "FREQ=DAILY;COUNT=10", exrules: ["FREQ=WEEKLY;BYDAY=SA,SU"])
        #expect(set.occurrences(limit: 20).count == 8)
    }

    @Test("floating and all-day sets live on the naive time line; windows in local time")
    func naiveTimeLines() throws {
        let floating = try RecurrenceSet(dtstart: Self.value("20240101T230000"), rrules: [Self.rule("FREQ=DAILY")])
        let window = LocalDateTime(year: 2030, month: 1, day: 1)..<LocalDateTime(year: 2030, month: 1, day: 3)
        #expect(floating.occurrences(inLocal: window).map(\.description) == ["2030-01-01T23:00:00", "2030-01-02T23:00:00"])
        #expect(floating.timeLine == .floating && floating.occurrences(inLocal: window).allSatisfy { $0.instant == nil })

        let allDay = try RecurrenceSet(dtstart: Self.value("20240229"), rrules: [Self.rule("FREQ=YEARLY")], exdates: [Self.value("20280229")])
        #expect(allDay.occurrences(limit: 3).map(\.description) == ["2024-02-29", "2032-02-29", "2036-02-29"])
    }

    @Test("a zoned DTSTART needs its zone; without a rule DTSTART is still the first instance")
    func construction() throws {
        #expect(throws: ICalendarError.unknownTimeZone(line: 0, tzid: "Mars/Olympus")) {
            try RecurrenceSet(dtstart: Self.value("20240101T090000", tzid: "Mars/Olympus"))
        }
        let single = try Self.zoned("20240101T090000", nil)
        #expect(single.occurrences(limit: 5).map(\.description) == ["2024-01-01T14:00:00Z"])
    }

    @Test("VTIMEZONE observances: local onsets with a UTC UNTIL read at TZOFFSETFROM")
    func localOccurrences() throws {
        let rule = try Self.rule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;UNTIL=20090308T070000Z")
        let onsets = RecurrenceSet.localOccurrences(
            of: rule, from: LocalDateTime(year: 2007, month: 3, day: 11, hour: 2), until: LocalDateTime(year: 2030, month: 1, day: 1),
            utcOffsetForUntil: -5 * 3600, limit: 100)
        #expect(onsets.map(\.description) == ["20070311T020000", "20080309T020000", "20090308T020000"])
    }

    @Test("huge INTERVALs and unbounded windows end at year 9999 instead of overflowing")
    func extremes() throws {
        let forever = Instant(secondsSince1970: .min)..<Instant(secondsSince1970: .max)
        let daily = try RecurrenceSet(dtstart: Self.value("20240101T000000Z"), rrules: [Self.rule("FREQ=DAILY;INTERVAL=999999999")])
        #expect(daily.occurrences(in: forever).count == 1)
        let weekly = try Self.zoned("20240101T000000", "FREQ=WEEKLY;INTERVAL=999999999")
        #expect(weekly.occurrences(limit: 10).count == 1)
        let lastMonth = try RecurrenceSet(dtstart: Self.value("99991201T000000Z"), rrules: [Self.rule("FREQ=DAILY")])
        #expect(lastMonth.occurrences(in: forever).count == 31)
    }
}
