import Testing

@testable import ICalendar

/// The recurrence examples of RFC 5545 §3.8.5.3, with DTSTART in America/New_York as there.
/// Expected lists are the RFC's, written out by hand.
struct RecurrenceExampleTests {
    /// Local start times (`YYYYMMDDTHHMMSS`) of the first `limit` instances.
    static func starts(_ rule: String, _ dtstart: String, limit: Int = 400, exdates: [String] = []) throws -> [String] {
        let tzid = "America/New_York"
        let start = try #require(DateOrDateTime.parse(dtstart[...], tzid: tzid))
        let set = try RecurrenceSet(
            dtstart: start, rrules: [try RecurrenceRule(parsing: rule[...])],
            exdates: exdates.compactMap { DateOrDateTime.parse($0[...], tzid: tzid) }, zone: ZoneRules.iana(tzid))
        return set.occurrences(limit: limit).map(\.start.local.description)
    }

    /// `days` (`YYYYMMDD`) at one time of day.
    static func at(_ time: String, _ days: [String]) -> [String] { days.map { $0 + "T" + time } }

    @Test("daily: ten times, until a UTC instant, every other day, every ten days")
    func daily() throws {
        #expect(try Self.starts("FREQ=DAILY;COUNT=10", "19970902T090000") == Self.at("090000", (2...11).map { "199709" + pad($0, 2) }))
        let untilDecember = try Self.starts("FREQ=DAILY;UNTIL=19971224T000000Z", "19970902T090000")
        #expect(untilDecember.count == 113)
        #expect(untilDecember.last == "19971223T090000")
        #expect(try Self.starts("FREQ=DAILY;INTERVAL=2", "19970902T090000", limit: 3) == Self.at("090000", ["19970902", "19970904", "19970906"]))
        #expect(
            try Self.starts("FREQ=DAILY;INTERVAL=10;COUNT=5", "19970902T090000")
                == Self.at("090000", ["19970902", "19970912", "19970922", "19971002", "19971012"]))
        let january = try Self.starts("FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", "19980101T090000")
        #expect(january == (try Self.starts("FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", "19980101T090000")))
        #expect(january.count == 93)
    }

    @Test("weekly: ten times, Tuesdays and Thursdays, and how WKST changes INTERVAL=2")
    func weekly() throws {
        #expect(try Self.starts("FREQ=WEEKLY;COUNT=10", "19970902T090000").last == "19971104T090000")
        #expect(
            try Self.starts("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", "19970902T090000")
                == Self.at(
                    "090000",
                    ["19970902", "19970904", "19970909", "19970911", "19970916", "19970918", "19970923", "19970925", "19970930", "19971002"]))
        #expect(
            try Self.starts("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "19970805T090000")
                == Self.at("090000", ["19970805", "19970810", "19970819", "19970824"]))
        #expect(
            try Self.starts("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "19970805T090000")
                == Self.at("090000", ["19970805", "19970817", "19970819", "19970831"]))
    }

    @Test("monthly: ordinal weekdays, days from the end, Friday the 13th, BYSETPOS, invalid dates skipped")
    func monthly() throws {
        #expect(
            try Self.starts("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "19970905T090000")
                == Self.at(
                    "090000",
                    ["19970905", "19971003", "19971107", "19971205", "19980102", "19980206", "19980306", "19980403", "19980501", "19980605"]))
        #expect(
            try Self.starts("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "19970922T090000")
                == Self.at("090000", ["19970922", "19971020", "19971117", "19971222", "19980119", "19980216"]))
        #expect(
            try Self.starts("FREQ=MONTHLY;BYMONTHDAY=-3", "19970928T090000", limit: 6)
                == Self.at("090000", ["19970928", "19971029", "19971128", "19971229", "19980129", "19980226"]))
        #expect(
            try Self.starts("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "19970902T090000", limit: 5, exdates: ["19970902T090000"])
                == Self.at("090000", ["19980213", "19980313", "19981113", "19990813", "20001013"]))
        #expect(
            try Self.starts("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "19970913T090000", limit: 10)
                == Self.at(
                    "090000",
                    ["19970913", "19971011", "19971108", "19971213", "19980110", "19980207", "19980307", "19980411", "19980509", "19980613"]))
        #expect(
            try Self.starts("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "19970904T090000")
                == Self.at("090000", ["19970904", "19971007", "19971106"]))
        #expect(
            try Self.starts("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "19970929T090000", limit: 7)
                == Self.at("090000", ["19970929", "19971030", "19971127", "19971230", "19980129", "19980226", "19980330"]))
        #expect(
            try Self.starts("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "20070115T090000")
                == Self.at("090000", ["20070115", "20070130", "20070215", "20070315", "20070330"]))
    }

    @Test("yearly: election day, week numbers, Thursdays in March, the 20th Monday, year days, months")
    func yearly() throws {
        #expect(
            try Self.starts("FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "19961105T090000", limit: 3)
                == Self.at("090000", ["19961105", "20001107", "20041102"]))
        #expect(
            try Self.starts("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "19970512T090000", limit: 3)
                == Self.at("090000", ["19970512", "19980511", "19990517"]))
        #expect(
            try Self.starts("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "19970313T090000", limit: 11)
                == Self.at(
                    "090000",
                    [
                        "19970313", "19970320", "19970327", "19980305", "19980312", "19980319", "19980326", "19990304", "19990311", "19990318",
                        "19990325",
                    ]))
        #expect(try Self.starts("FREQ=YEARLY;BYDAY=20MO", "19970519T090000", limit: 3) == Self.at("090000", ["19970519", "19980518", "19990517"]))
        #expect(
            try Self.starts("FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", "19970101T090000")
                == Self.at(
                    "090000",
                    ["19970101", "19970410", "19970719", "20000101", "20000409", "20000718", "20030101", "20030410", "20030719", "20060101"]))
        #expect(
            try Self.starts("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "19970610T090000")
                == Self.at(
                    "090000",
                    ["19970610", "19970710", "19980610", "19980710", "19990610", "19990710", "20000610", "20000710", "20010610", "20010710"]))
    }

    @Test("sub-daily: every 3 hours until an instant, every 15 minutes, and two ways to say every 20 minutes 9–16:40")
    func subDaily() throws {
        // The RFC lists 09:00, 12:00, 15:00 for UNTIL=19970902T170000Z, but 17:00Z is 13:00 EDT;
        // UNTIL is an instant, so 21:00Z (17:00 EDT) is what that listing means.
        #expect(try Self.starts("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z", "19970902T090000") == ["19970902T090000", "19970902T120000"])
        #expect(
            try Self.starts("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z", "19970902T090000") == [
                "19970902T090000", "19970902T120000", "19970902T150000",
            ])
        #expect(
            try Self.starts("FREQ=MINUTELY;INTERVAL=15;COUNT=6", "19970902T090000")
                == ["19970902T090000", "19970902T091500", "19970902T093000", "19970902T094500", "19970902T100000", "19970902T101500"])
        let daily = try Self.starts("FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", "19970902T090000", limit: 72)
        let minutely = try Self.starts("FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", "19970902T090000", limit: 72)
        #expect(daily == minutely)
        #expect(daily[23] == "19970902T164000" && daily[24] == "19970903T090000")
    }
}
