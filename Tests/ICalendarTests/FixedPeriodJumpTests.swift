import Testing

@testable import ICalendar

/// COUNT rules of a fixed period reach a far window by arithmetic; the instances must be
/// exactly those that walking from DTSTART finds, and the bounds of COUNT must hold.
struct FixedPeriodJumpTests {
    static let dtstart = LocalDateTime(year: 2020, month: 3, day: 4, hour: 9, minute: 30, second: 15)

    static let rules = [
        "FREQ=SECONDLY;INTERVAL=7;COUNT=5000", "FREQ=MINUTELY;INTERVAL=13;COUNT=3000", "FREQ=HOURLY;INTERVAL=5;COUNT=700",
        "FREQ=DAILY;INTERVAL=3;COUNT=400", "FREQ=WEEKLY;INTERVAL=2;COUNT=150", "FREQ=WEEKLY;BYDAY=WE;COUNT=150", "FREQ=DAILY;COUNT=1",
    ]

    @Test("from any start, a fixed-period COUNT rule yields what walking from DTSTART yields", arguments: rules)
    func jumpEqualsWalk(text: String) throws {
        let rule = try RecurrenceRule(parsing: Substring(text))
        #expect(rule.fixedPeriodStep(dtstart: Self.dtstart) != nil)
        let all = Array(rule.occurrences(dtstart: Self.dtstart))
        try #require(all.count == rule.count, "\(all.count) instances")
        for index in Set([0, 1, all.count / 3, all.count - 1]) where index < all.count {
            let from = all[index].adding(seconds: index % 2 == 0 ? 0 : -1)
            let jumped = Array(rule.occurrences(dtstart: Self.dtstart, from: from))
            #expect(jumped == Array(all.filter { $0 >= from }), "\(text) from \(from)")
        }
        let past = all[all.count - 1].adding(seconds: 1)
        #expect(Array(rule.occurrences(dtstart: Self.dtstart, from: past)).isEmpty)
    }

    @Test("rules with BYxxx parts, a MONTHLY or YEARLY period, or another weekday are not treated as fixed")
    func notFixed() throws {
        for text in ["FREQ=DAILY;BYHOUR=9;COUNT=3", "FREQ=MONTHLY;COUNT=3", "FREQ=WEEKLY;BYDAY=MO;COUNT=3", "FREQ=MINUTELY;BYSECOND=0;COUNT=3"] {
            #expect(try RecurrenceRule(parsing: Substring(text)).fixedPeriodStep(dtstart: Self.dtstart) == nil, "\(text)")
        }
    }

    @Test("the density bound counts instances a day")
    func density() throws {
        #expect(try RecurrenceRule(parsing: "FREQ=SECONDLY").maxInstancesPerDay == 86_400)
        #expect(try RecurrenceRule(parsing: "FREQ=SECONDLY;BYHOUR=9;BYMINUTE=0").maxInstancesPerDay == 60)
        #expect(try RecurrenceRule(parsing: "FREQ=MINUTELY").maxInstancesPerDay == 1_440)
        #expect(try RecurrenceRule(parsing: "FREQ=MINUTELY;INTERVAL=15").maxInstancesPerDay == 96)
        #expect(try RecurrenceRule(parsing: "FREQ=HOURLY;BYMINUTE=0,30").maxInstancesPerDay == 48)
        #expect(try RecurrenceRule(parsing: "FREQ=DAILY;BYHOUR=9,10;BYMINUTE=0,30").maxInstancesPerDay == 4)
        #expect(try RecurrenceRule(parsing: "FREQ=WEEKLY").maxInstancesPerDay == 1)
    }
}
