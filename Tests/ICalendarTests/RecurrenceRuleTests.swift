import ICalendar
import Testing

/// RECUR value parsing (RFC 5545 §3.3.10), serialization, and lenient repairs.
struct RecurrenceRuleTests {
    static func parse(_ text: String, lenient: Bool = false) throws -> RecurrenceRule {
        try RecurrenceRule(parsing: text[...], lenient: lenient)
    }

    /// The message of the error parsing `text` strictly, or nil when it parses.
    static func error(_ text: String) -> String? {
        do {
            _ = try RecurrenceRule(parsing: text[...])
            return nil
        } catch {
            guard case .invalidValue(_, let property, let message) = error, property == "RRULE" else { return "unexpected \(error)" }
            return message
        }
    }

    @Test("parts come in any order and any case, and serialize canonically with FREQ first")
    func canonicalOrder() throws {
        let rule = try Self.parse("wkst=su;byday=tu,-1th;Count=10;interval=2;FREQ=weekly")
        #expect(rule.frequency == .weekly)
        #expect(rule.interval == 2)
        #expect(rule.count == 10)
        #expect(rule.byDay == [.init(.tuesday), .init(.thursday, ordinal: -1)])
        #expect(rule.wkst == .sunday)
        #expect(rule.description == "FREQ=WEEKLY;COUNT=10;INTERVAL=2;BYDAY=TU,-1TH;WKST=SU")
    }

    @Test(
        "canonical text parses back to an equal rule and prints identically",
        arguments: [
            "FREQ=DAILY",
            "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
            "FREQ=MONTHLY;UNTIL=19971224;BYDAY=1FR",
            "FREQ=MINUTELY;UNTIL=20240101T120000;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
            "FREQ=SECONDLY;COUNT=3;BYSECOND=0,30,60;BYMINUTE=5;BYHOUR=23",
            "FREQ=YEARLY;BYDAY=+1MO,-53SU;BYMONTHDAY=-31,1;BYYEARDAY=-366,366;BYWEEKNO=-53,53;BYMONTH=12;BYSETPOS=-366,1;WKST=TH",
            "FREQ=YEARLY;RSCALE=HEBREW;SKIP=FORWARD;X-NAME=anything",
        ])
    func roundTrip(_ text: String) throws {
        let rule = try Self.parse(text)
        let again = try Self.parse(rule.description)
        #expect(again == rule)
        #expect(again.description == rule.description)
    }

    @Test("UNTIL keeps its value type: DATE, UTC DATE-TIME or floating DATE-TIME")
    func untilForms() throws {
        #expect(try Self.parse("FREQ=DAILY;UNTIL=20240105").until == .date(CalendarDate(year: 2024, month: 1, day: 5)))
        let utc = LocalDateTime(year: 2024, month: 1, day: 5, hour: 13, minute: 30)
        #expect(try Self.parse("FREQ=DAILY;UNTIL=20240105t133000z").until == .dateTime(DateTimeValue(local: utc, form: .utc)))
        #expect(try Self.parse("FREQ=DAILY;UNTIL=20240105T133000").until == .dateTime(DateTimeValue(local: utc, form: .floating)))
    }

    @Test("INTERVAL=1 is the default and is not written back; ordinals keep their sign only when negative")
    func defaultsOmitted() throws {
        #expect(try Self.parse("FREQ=MONTHLY;INTERVAL=1;BYDAY=+2MO").description == "FREQ=MONTHLY;BYDAY=2MO")
        #expect(try Self.parse("FREQ=MONTHLY").weekStart == .monday)
    }

    @Test(
        "every strict parse error names the offending part",
        arguments: [
            ("BYDAY=MO", "FREQ is required"),
            ("FREQ=SOMETIMES", "FREQ \"SOMETIMES\""),
            ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
            ("FREQ=DAILY;INTERVAL=-2", "INTERVAL"),
            ("FREQ=DAILY;INTERVAL=two", "INTERVAL"),
            ("FREQ=DAILY;COUNT=0", "COUNT"),
            ("FREQ=DAILY;COUNT=5;UNTIL=20240101", "COUNT and UNTIL"),
            ("FREQ=DAILY;UNTIL=2024-01-01", "UNTIL"),
            ("FREQ=DAILY;UNTIL=20240230", "UNTIL"),
            ("FREQ=MINUTELY;BYSECOND=61", "BYSECOND value \"61\""),
            ("FREQ=HOURLY;BYMINUTE=60", "BYMINUTE value \"60\""),
            ("FREQ=DAILY;BYHOUR=24", "BYHOUR value \"24\""),
            ("FREQ=DAILY;BYHOUR=+5", "BYHOUR value \"+5\""),
            ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY value \"0\""),
            ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY value \"-32\""),
            ("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY value \"367\""),
            ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO value \"54\""),
            ("FREQ=YEARLY;BYWEEKNO=0", "BYWEEKNO value \"0\""),
            ("FREQ=YEARLY;BYMONTH=13", "BYMONTH value \"13\""),
            ("FREQ=YEARLY;BYMONTH=0", "BYMONTH value \"0\""),
            ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS value \"0\""),
            ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-367", "BYSETPOS value \"-367\""),
            ("FREQ=MONTHLY;BYDAY=XX", "BYDAY value \"XX\""),
            ("FREQ=MONTHLY;BYDAY=54MO", "BYDAY ordinal"),
            ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY ordinal"),
            ("FREQ=WEEKLY;WKST=XY", "WKST"),
            ("FREQ=WEEKLY;FREQ=DAILY", "FREQ appears more than once"),
            ("FREQ=WEEKLY;;BYDAY=MO", "empty rule part"),
            ("FREQ=WEEKLY;", "empty rule part"),
            ("FREQ=WEEKLY;BYDAY", "has no '='"),
            ("FREQ=WEEKLY;BYDAY=", "BYDAY has an empty value"),
            ("FREQ=WEEKLY;BYDAY=MO,,TU", "BYDAY value \"\""),
            ("FREQ=WEEKLY;BYDAY=MO, TU", "BYDAY value \" TU\""),
            ("FREQ=DAILY;UNTL=20240101", "unknown rule part \"UNTL\""),
            ("FREQ=WEEKLY\\;BYDAY=MO", "FREQ"),
        ])
    func strictErrors(_ text: String, _ fragment: String) {
        let message = Self.error(text)
        #expect(message?.contains(fragment) == true, "\(text) → \(message ?? "parsed")")
    }

    @Test("lenient mode repairs what real clients send")
    func lenientRepairs() throws {
        #expect(try Self.parse("FREQ=WEEKLY\\;BYDAY=MO\\,WE", lenient: true).byDay == [.init(.monday), .init(.wednesday)])
        #expect(try Self.parse("FREQ=WEEKLY;BYDAY=MO, TU ;COUNT=3 ", lenient: true).byDay == [.init(.monday), .init(.tuesday)])
        #expect(try Self.parse(" FREQ = DAILY ;INTERVAL= 2", lenient: true).interval == 2)
        #expect(try Self.parse("FREQ=DAILY;BYMONTH=;;COUNT=2;", lenient: true) == RecurrenceRule(frequency: .daily, count: 2))
        #expect(try Self.parse("RRULE:FREQ=DAILY", lenient: true).frequency == .daily)
        let misspelt = try Self.parse("FREQ=DAILY;UNTL=20240101", lenient: true)
        #expect(misspelt.until == nil)
        #expect(misspelt.extensionParts == [.init(name: "UNTL", value: "20240101")])
        #expect(misspelt.description == "FREQ=DAILY;UNTL=20240101")
        let both = try Self.parse("FREQ=DAILY;COUNT=3;UNTIL=20240101", lenient: true)
        #expect(both.count == 3 && both.until == .date(CalendarDate(year: 2024, month: 1, day: 1)))
        // Lenient is not anything-goes: values out of range are still refused.
        #expect(throws: ICalendarError.self) { try Self.parse("FREQ=DAILY;BYHOUR=25", lenient: true) }
        #expect(throws: ICalendarError.self) { try Self.parse("BYDAY=MO", lenient: true) }
    }

    @Test("errors are RRULE invalid-value errors at line 0, for the parser to relocate")
    func errorShape() {
        #expect(throws: ICalendarError.invalidValue(line: 0, property: "RRULE", message: "FREQ is required")) {
            try Self.parse("COUNT=2")
        }
    }
}
