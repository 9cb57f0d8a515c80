import Testing

@testable import ICalendar

/// RFC 5545 §3.3.5 on real zones: a wall time in a gap moves forward by the gap, a wall time
/// that occurs twice means the first occurrence.
struct ZoneRulesTests {
    static func local(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> LocalDateTime {
        LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi)
    }

    static func utc(_ zone: String, _ local: LocalDateTime) throws -> String {
        try #require(ZoneRules.iana(zone)).instant(for: local).description
    }

    @Test("America/Sao_Paulo 2018: DST began at 00:00, so midnight does not exist and reads as 01:00 -02")
    func saoPauloMidnightGap() throws {
        #expect(try Self.utc("America/Sao_Paulo", Self.local(2018, 11, 3, 23, 30)) == "2018-11-04T02:30:00Z")
        #expect(try Self.utc("America/Sao_Paulo", Self.local(2018, 11, 4, 0, 0)) == "2018-11-04T03:00:00Z")
        #expect(try Self.utc("America/Sao_Paulo", Self.local(2018, 11, 4, 0, 30)) == "2018-11-04T03:30:00Z")
        #expect(try Self.utc("America/Sao_Paulo", Self.local(2018, 11, 4, 1, 0)) == "2018-11-04T03:00:00Z")
        #expect(try Self.utc("America/Sao_Paulo", Self.local(2018, 11, 4, 9, 0)) == "2018-11-04T11:00:00Z")
    }

    @Test("America/Sao_Paulo 2019: DST ended at 00:00 Feb 17, so 23:xx on the 16th occurs twice; the first wins")
    func saoPauloOverlap() throws {
        #expect(try Self.utc("America/Sao_Paulo", Self.local(2019, 2, 16, 23, 30)) == "2019-02-17T01:30:00Z")
        #expect(try Self.utc("America/Sao_Paulo", Self.local(2019, 2, 17, 0, 0)) == "2019-02-17T03:00:00Z")
        // No DST since 2019: a plain -03 year.
        #expect(try Self.utc("America/Sao_Paulo", Self.local(2024, 11, 4, 0, 0)) == "2024-11-04T03:00:00Z")
    }

    @Test("America/New_York: 02:30 on spring-forward day is 03:30 EDT; 01:30 on fall-back day is EDT")
    func newYork() throws {
        #expect(try Self.utc("America/New_York", Self.local(2007, 3, 11, 2, 30)) == "2007-03-11T07:30:00Z")
        #expect(try Self.utc("America/New_York", Self.local(2024, 3, 10, 1, 59)) == "2024-03-10T06:59:00Z")
        #expect(try Self.utc("America/New_York", Self.local(2024, 3, 10, 3, 0)) == "2024-03-10T07:00:00Z")
        #expect(try Self.utc("America/New_York", Self.local(2024, 11, 3, 1, 30)) == "2024-11-03T05:30:00Z")
        #expect(try Self.utc("America/New_York", Self.local(2024, 11, 3, 2, 0)) == "2024-11-03T07:00:00Z")
        let zone = try #require(ZoneRules.iana("America/New_York"))
        #expect(zone.local(for: Instant(rfc3339: "2024-11-03T06:30:00Z")!) == Self.local(2024, 11, 3, 1, 30))
        #expect(zone.offset(at: Instant(rfc3339: "2024-07-01T12:00:00Z")!) == -4 * 3600)
    }

    @Test("Europe/Berlin: 02:30 on 2024-03-31 is 03:30 CEST; 02:30 on 2024-10-27 is the CEST one")
    func berlin() throws {
        #expect(try Self.utc("Europe/Berlin", Self.local(2024, 3, 31, 2, 30)) == "2024-03-31T01:30:00Z")
        #expect(try Self.utc("Europe/Berlin", Self.local(2024, 3, 31, 9, 0)) == "2024-03-31T07:00:00Z")
        #expect(try Self.utc("Europe/Berlin", Self.local(2024, 10, 27, 2, 30)) == "2024-10-27T00:30:00Z")
        #expect(try Self.utc("Europe/Berlin", Self.local(2024, 10, 27, 3, 0)) == "2024-10-27T02:00:00Z")
    }

    @Test("Australia/Lord_Howe: a 30-minute DST; 02:15 on 2024-10-06 is 02:45 +11, 01:45 on 2024-04-07 is +11")
    func lordHowe() throws {
        #expect(try Self.utc("Australia/Lord_Howe", Self.local(2024, 10, 6, 2, 15)) == "2024-10-05T15:45:00Z")
        #expect(try Self.utc("Australia/Lord_Howe", Self.local(2024, 10, 6, 2, 30)) == "2024-10-05T15:30:00Z")
        #expect(try Self.utc("Australia/Lord_Howe", Self.local(2024, 4, 7, 1, 45)) == "2024-04-06T14:45:00Z")
        #expect(try Self.utc("Australia/Lord_Howe", Self.local(2024, 4, 7, 2, 0)) == "2024-04-06T15:30:00Z")
    }

    @Test("unknown names resolve to nil; Windows and globally unique TZIDs resolve to IANA")
    func resolution() {
        #expect(ZoneRules.iana("Mars/Olympus_Mons") == nil)
        #expect(TimeZoneResolver.ianaName(for: "W. Europe Standard Time") == "Europe/Berlin")
        #expect(TimeZoneResolver.ianaName(for: "E. South America Standard Time") == "America/Sao_Paulo")
        #expect(TimeZoneResolver.ianaName(for: "/mozilla.org/20070129_1/America/New_York") == "America/New_York")
        #expect(TimeZoneResolver.ianaName(for: "US/Fictitious-Eastern") == nil)
        #expect(TimeZoneResolver().rules(for: "Tokyo Standard Time")?.identifier == "Asia/Tokyo")
    }
}
