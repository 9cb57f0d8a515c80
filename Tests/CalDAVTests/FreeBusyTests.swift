import DAVXML
import ICalendar
import Testing

/// Free/busy over CalDAV: the free-busy-query report (RFC 4791 §7.10) on a client calendar
/// and on a schedule's calendar, and the scheduling outbox answering VFREEBUSY requests
/// (RFC 6638 §5) for users of this server.
struct FreeBusyTests {
    typealias C = XMLName.CalDAV

    /// The FREEBUSY periods of the single VFREEBUSY in `text`, as `TYPE start/end` strings.
    static func periods(_ text: String) throws -> [String] {
        let calendar = try ICS.parse(text)
        let freeBusy = try #require(calendar.components(named: "VFREEBUSY").first)
        return freeBusy.properties(named: "FREEBUSY").flatMap { property in
            property.value.split(separator: ",").map { "\(property.parameter("FBTYPE") ?? "BUSY") \($0)" }
        }.sorted()
    }

    @Test("free-busy-query on a client calendar: opaque events are BUSY (recurrences expanded), transparent ones left out")
    func clientCalendar() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let calendar = "/dav/calendars/alice/office/"
            #expect(try await client.mkcalendar(calendar).status == 201)
            #expect(try await client.put(calendar + "standup.ics", ICS.weeklyStandup).status == 201)
            let lunch = ICS.event(uid: "lunch", start: "20240325T160000Z", end: "20240325T170000Z", extra: ["TRANSP:TRANSPARENT"])
            #expect(try await client.put(calendar + "lunch.ics", lunch).status == 201)
            let dentist = ICS.event(uid: "dentist", start: "20240325T180000Z", end: "20240325T190000Z")
            #expect(try await client.put(calendar + "dentist.ics", dentist).status == 201)

            let answer = try await client.report(calendar, XMLBodies.freeBusyQuery("20240325T000000Z", "20240326T000000Z"))
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.header("Content-Type")?.hasPrefix("text/calendar") == true)
            #expect(try Self.periods(answer.text) == ["BUSY 20240325T130000Z/20240325T133000Z", "BUSY 20240325T180000Z/20240325T190000Z"])
            let freeBusy = try #require(try ICS.parse(answer.text).components(named: "VFREEBUSY").first)
            #expect(freeBusy.property("DTSTART")?.value == "20240325T000000Z")
            #expect(freeBusy.property("DTEND")?.value == "20240326T000000Z")

            let week = try await client.report(calendar, XMLBodies.freeBusyQuery("20240304T000000Z", "20240320T000000Z"))
            #expect(
                try Self.periods(week.text) == ["BUSY 20240304T140000Z/20240304T143000Z", "BUSY 20240318T180000Z/20240318T183000Z"],
                "EXDATE and the override count as the calendar says")
        }
    }

    @Test(
        "free-busy-query on a schedule's calendar: BUSY for bookings and the expert's own opaque events, BUSY-UNAVAILABLE outside the schedule's hours"
    )
    func scheduleCalendar() async throws {
        let server = try await DAVTestServer.make()
        let fixture = try await BookingFixture.make(server)
        try await fixture.book("2025-11-17T13:00:00Z", uid: "booking-1")
        try await server.run { client in
            #expect(try await client.mkcalendar("/dav/calendars/alice/personal/").status == 201)
            let gym = ICS.event(uid: "gym", start: "20251117T170000Z", end: "20251117T180000Z")
            #expect(try await client.put("/dav/calendars/alice/personal/gym.ics", gym).status == 201)
            let free = ICS.event(uid: "free", start: "20251117T180000Z", end: "20251117T190000Z", extra: ["TRANSP:TRANSPARENT"])
            #expect(try await client.put("/dav/calendars/alice/personal/free.ics", free).status == 201)
            // Monday 2025-11-17; hours 09:00–17:00 in São Paulo are 12:00–20:00 UTC.
            let answer = try await client.report(BookingFixture.calendarPath, XMLBodies.freeBusyQuery("20251117T000000Z", "20251118T000000Z"))
            #expect(answer.status == 200, "\(answer.text)")
            #expect(
                try Self.periods(answer.text) == [
                    "BUSY 20251117T130000Z/20251117T135000Z", "BUSY 20251117T170000Z/20251117T180000Z",
                    "BUSY-UNAVAILABLE 20251117T000000Z/20251117T120000Z",
                    "BUSY-UNAVAILABLE 20251117T200000Z/20251118T000000Z",
                ])
            let sunday = try await client.report(BookingFixture.calendarPath, XMLBodies.freeBusyQuery("20251116T000000Z", "20251117T000000Z"))
            #expect(try Self.periods(sunday.text) == ["BUSY-UNAVAILABLE 20251116T000000Z/20251117T000000Z"])
        }
    }

    @Test("a free-busy window longer than 400 days is refused with 403, naming the limit")
    func windowLimit() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            let calendar = "/dav/calendars/alice/office/"
            #expect(try await client.mkcalendar(calendar).status == 201)
            let year = try await client.report(calendar, XMLBodies.freeBusyQuery("20240101T000000Z", "20250101T000000Z"))
            #expect(year.status == 200)
            let decade = try await client.report(calendar, XMLBodies.freeBusyQuery("20200101T000000Z", "20300101T000000Z"))
            #expect(decade.status == 403)
            #expect(decade.text.contains("400 days"))
        }
    }

    @Test("free-busy-query without a time range, or with only a start, is a 400")
    func missingTimeRange() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar("/dav/calendars/alice/office/").status == 201)
            let answer = try await client.report(
                "/dav/calendars/alice/office/", #"<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"/>"#)
            #expect(answer.status == 400, "\(answer.text)")
            let openEnded = try await client.report(
                "/dav/calendars/alice/office/",
                #"<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="20240101T000000Z"/></C:free-busy-query>"#)
            #expect(openEnded.status == 400, "the report needs a start and an end: \(openEnded.text)")
        }
    }

    @Test("an outbox POST of a VFREEBUSY request answers 2.0 with a VFREEBUSY for a user of this server and 3.7 for an unknown address")
    func outboxFreeBusy() async throws {
        let server = try await DAVTestServer.make()
        try await server.run { client in
            #expect(try await client.mkcalendar("/dav/calendars/bob/mine/", as: "bob").status == 201)
            let bobsEvent = ICS.event(uid: "bob-meeting", start: "20251117T150000Z", end: "20251117T160000Z")
            #expect(try await client.put("/dav/calendars/bob/mine/meeting.ics", bobsEvent, as: "bob").status == 201)
            let request = ICS.lines([
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario Tests//EN", "METHOD:REQUEST", "BEGIN:VFREEBUSY", "UID:fb-1",
                "DTSTAMP:20251101T120000Z", "DTSTART:20251117T000000Z", "DTEND:20251118T000000Z", "ORGANIZER:mailto:alice@example.org",
                "ATTENDEE:mailto:bob@example.org", "ATTENDEE:mailto:stranger@example.com", "END:VFREEBUSY", "END:VCALENDAR",
            ])
            let answer = try await client.send(
                "POST", "/dav/calendars/alice/outbox/", headers: ["Content-Type": "text/calendar; charset=utf-8"], text: request)
            #expect(answer.status == 200, "\(answer.text)")
            let root = try answer.xml()
            #expect(root.name == C.scheduleResponse)
            let responses = root.all(XMLName(XMLNamespace.calDAV, "response"))
            #expect(responses.count == 2)
            func recipient(_ response: XMLElement) -> String? { response.first(C.recipient)?.first(XMLName.DAV.href)?.text }

            let bob = try #require(responses.first { recipient($0) == "mailto:bob@example.org" })
            #expect(bob.first(C.requestStatus)?.text.hasPrefix("2.0") == true)
            let reply = try ICS.parse(try #require(bob.first(C.calendarData)?.text))
            #expect(reply.property("METHOD")?.value == "REPLY")
            let freeBusy = try #require(reply.components(named: "VFREEBUSY").first)
            #expect(freeBusy.property("UID")?.value == "fb-1")
            #expect(freeBusy.property("ATTENDEE")?.value == "mailto:bob@example.org")
            #expect(try Self.periods(try #require(bob.first(C.calendarData)?.text)).contains("BUSY 20251117T150000Z/20251117T160000Z"))

            let stranger = try #require(responses.first { recipient($0) == "mailto:stranger@example.com" })
            #expect(stranger.first(C.requestStatus)?.text.hasPrefix("3.7") == true)
            #expect(stranger.first(C.calendarData) == nil)

            let notFreeBusy = try await client.send(
                "POST", "/dav/calendars/alice/outbox/", headers: ["Content-Type": "text/calendar"], text: ICS.event(uid: "x"))
            #expect(notFreeBusy.status == 403)
            let notOutbox = try await client.send("POST", "/dav/calendars/alice/", headers: ["Content-Type": "text/calendar"], text: request)
            #expect(notOutbox.status == 405)
        }
    }
}
