import DAVXML
import Foundation
import ICalendar
import Testing

/// One user's recurrence bombs cost the window asked for, not the years since DTSTART, and
/// never hold up another user; the slot list and the booking re-check agree under every bound.
struct RecurrenceBombTests {
    static let bombs = "/dav/calendars/bob/bombs/"

    /// Rules that are accepted (at most one instance a minute) but count from long ago.
    static let storedBombs = [
        ICS.event(uid: "minutely", start: "20150101T000000Z", end: "20150101T000030Z", extra: ["RRULE:FREQ=MINUTELY;COUNT=999999999"]),
        ICS.event(uid: "hourly", start: "20000101T000000Z", end: "20000101T001000Z", extra: ["RRULE:FREQ=HOURLY;COUNT=999999999"]),
        ICS.event(uid: "weekly", start: "19000101T090000Z", end: "19000101T100000Z", extra: ["RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=999999999"]),
        ICS.event(
            uid: "walked", start: "20000101T000000Z", end: "20000101T000100Z",
            extra: ["RRULE:FREQ=DAILY;BYHOUR=\(HostileInputTests.list(0..<24));BYMINUTE=0,10,20,30,40,50;COUNT=50000"]),
    ]

    static func dayQuery(expand: Bool) -> String {
        let data = expand ? #"<C:calendar-data><C:expand start="20251117T000000Z" end="20251118T000000Z"/></C:calendar-data>"# : ""
        return """
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>\(data)</D:prop>
            <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
            <C:time-range start="20251117T000000Z" end="20251118T000000Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>
            """
    }

    static let freeBusyMonth = """
        <C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20251101T000000Z" end="20251201T000000Z"/></C:free-busy-query>
        """

    @Test("density bombs are refused at PUT; stored COUNT bombs answer a day's query with that day's instances while another user's PUT goes through")
    func bombsDoNotStallOthers() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar(Self.bombs, as: "bob").status == 201)
            let secondly = ICS.event(
                uid: "secondly", start: "20150101T000000Z", end: "20150101T000001Z", extra: ["RRULE:FREQ=SECONDLY;COUNT=999999999"])
            #expect(try await client.put(Self.bombs + "secondly.ics", secondly, as: "bob").status == 403)
            for (index, bomb) in Self.storedBombs.enumerated() {
                let answer = try await client.put(Self.bombs + "bomb\(index).ics", bomb, as: "bob")
                #expect(answer.status == 201, "\(answer.text)")
            }
            #expect(try await client.mkcalendar(SafetyTests.calendar).status == 201)
            let (reports, write) = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                group.addTask { ("query", try await client.report(Self.bombs, Self.dayQuery(expand: false), as: "bob").status) }
                group.addTask { ("expanded", try await client.report(Self.bombs, Self.dayQuery(expand: true), as: "bob").status) }
                group.addTask { ("free-busy", try await client.report(Self.bombs, Self.freeBusyMonth, as: "bob").status) }
                group.addTask { ("put", try await client.put(SafetyTests.calendar + "other.ics", ICS.event(uid: "other")).status) }
                var reports: [String: Int] = [:]
                var write = 0
                for try await (name, status) in group {
                    if name == "put" { write = status } else { reports[name] = status }
                }
                return (reports, write)
            }
            #expect(write == 201)
            #expect(reports == ["query": 207, "expanded": 207, "free-busy": 200])
            // The day's answer holds the right instances: 1,440 minutes of the MINUTELY rule.
            let expanded = try await client.report(Self.bombs, Self.dayQuery(expand: true), as: "bob")
            let minutely = expanded.text.components(separatedBy: "UID:minutely").count - 1
            #expect(minutely == 1_440)
        }
    }

    @Test("an event busy every minute of a day: the slots of that day are none, and booking one of them is refused too")
    func slotsAndRecheckAgree() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let personal = "/dav/calendars/alice/personal/"
            #expect(try await client.mkcalendar(personal).status == 201)
            // Tuesday 2025-11-18 in São Paulo (UTC−3): 03:00Z to 03:00Z the next day, every minute.
            let everyMinute = ICS.event(uid: "busy", start: "20251118T030000Z", end: "20251118T030100Z", extra: ["RRULE:FREQ=MINUTELY;COUNT=1440"])
            #expect(try await client.put(personal + "busy.ics", everyMinute).status == 201)
            let week = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17", end: "2025-11-20")
            #expect(!week.isEmpty)
            #expect(!week.contains { $0.hasPrefix("2025-11-18") }, "\(week)")
            let refused = try await client.book("alice", "online-consultation", start: "2025-11-18T12:00:00Z")
            #expect(refused.status == 409, "\(refused.text)")
            #expect(try await client.book("alice", "online-consultation", start: try #require(week.first)).status == 201)
        }
    }
}

extension RecurrenceBombTests {
    @Test("an expanded answer past 100,000 instances in all is refused with number-of-matches-within-limits; a shorter range is answered")
    func expansionBudget() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar(Self.bombs, as: "bob").status == 201)
            // 40 objects of one instance a minute: 57,600 instances a day.
            for index in 0..<40 {
                let minutely = ICS.event(
                    uid: "m\(index)", start: "20251101T000000Z", end: "20251101T000030Z", extra: ["RRULE:FREQ=MINUTELY;COUNT=999999999"])
                #expect(try await client.put(Self.bombs + "m\(index).ics", minutely, as: "bob").status == 201)
            }
            let twoDays = Self.dayQuery(expand: true).replacingOccurrences(of: "20251118T000000Z", with: "20251119T000000Z")
            let refused = try await client.report(Self.bombs, twoDays, as: "bob")
            #expect(refused.status == 403, "\(refused.text.prefix(300))")
            #expect(try refused.errorCondition() == XMLName.DAV.numberOfMatchesWithinLimits)
            let hour = Self.dayQuery(expand: true).replacingOccurrences(of: "20251118T000000Z", with: "20251117T010000Z")
            let answered = try await client.report(Self.bombs, hour, as: "bob")
            #expect(answered.status == 207)
            #expect(answered.text.components(separatedBy: "BEGIN:VEVENT").count - 1 == 40 * 60)
        }
    }
}
