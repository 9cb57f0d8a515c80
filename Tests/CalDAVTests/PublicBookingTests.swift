import Availability
import DAVXML
import Foundation
import ICalendar
import Store
import Testing

/// The public booking API against a live server: the event type page, slots, booking, and
/// every refusal with its reason. The clock is fixed at ``ExpertFixture/now``.
struct PublicBookingTests {
    static let online = "/api/public/alice/online-consultation"

    @Test("the event type page shows what a booker needs, and unknown experts or slugs are 404 problems")
    func eventTypePage() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let page = try await client.json("GET", Self.online)
            #expect(page.status == 200)
            #expect(page.string("title") == "Online Consultation")
            #expect(page.value("duration") as? Int == 50)
            #expect(page.string("locationType") == "remote")
            #expect(page.string("expertName") == "Alice")
            #expect(page.string("timeZone") == "America/Sao_Paulo")
            #expect(page.object["userId"] == nil, "no internal ids on the public page")
            for path in ["/api/public/alice/nope", "/api/public/nobody/online-consultation", "/api/public/bob/online-consultation"] {
                let missing = try await client.json("GET", path)
                #expect(missing.status == 404, "\(path)")
                #expect(missing.header("Content-Type") == "application/problem+json")
            }
        }
    }

    @Test("slots of a day are the 50-minute grid of 09:00–17:00 São Paulo; a booker's zone groups them by local date")
    func slotsOfADay() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let starts = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17T00:00:00Z", end: "2025-11-18T00:00:00Z")
            #expect(
                starts == [
                    "2025-11-17T12:00:00Z", "2025-11-17T12:50:00Z", "2025-11-17T13:40:00Z", "2025-11-17T14:30:00Z", "2025-11-17T15:20:00Z",
                    "2025-11-17T16:10:00Z", "2025-11-17T17:00:00Z", "2025-11-17T17:50:00Z", "2025-11-17T18:40:00Z",
                ])
            // Tokyo is 12 hours ahead of São Paulo: Monday's afternoon slots fall on Tuesday there.
            let grouped = try await client.json("GET", Self.online + "/slots?start=2025-11-17T00:00:00Z&end=2025-11-18T00:00:00Z&timeZone=Asia/Tokyo")
            let days = grouped.object["days"] as? [[String: Any]] ?? []
            #expect(days.map { $0["date"] as? String } == ["2025-11-17", "2025-11-18"])
            let firstDay = days.first?["slots"] as? [[String: Any]] ?? []
            #expect(firstDay.map { $0["localTime"] as? String } == ["21:00", "21:50", "22:40", "23:30"])
            #expect(grouped.string("timeZone") == "Asia/Tokyo")
            // A date window is read in the booker's zone: 2025-11-18 in Tokyo is 15:00Z on the 17th to 15:00Z on the 18th.
            let dated = try await client.json("GET", Self.online + "/slots?start=2025-11-18&end=2025-11-18&timeZone=Asia/Tokyo")
            let datedStarts = (dated.object["slots"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
            #expect(datedStarts.first == "2025-11-17T15:20:00Z")
            #expect(datedStarts.last == "2025-11-18T14:30:00Z")
            // Nothing before now (Monday 2025-11-10 09:00 local) is offered.
            let today = try await client.slotStarts("alice", "online-consultation", start: "2025-11-10T00:00:00Z", end: "2025-11-11T00:00:00Z")
            #expect(today.first == "2025-11-10T12:00:00Z")
            // Weekends have none.
            #expect(try await client.slotStarts("alice", "online-consultation", start: "2025-11-15", end: "2025-11-16").isEmpty)
        }
    }

    @Test("slot windows are bounded and validated: 422 naming the parameter")
    func slotWindowValidation() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let cases: [(String, String)] = [
                ("start=2025-11-17T00:00:00Z&end=2026-01-19T00:00:00Z", "end"),
                ("start=2025-11-17T00:00:00Z&end=2025-11-16T00:00:00Z", "end"),
                ("start=yesterday", "start"),
                ("timeZone=Mars/Olympus", "timeZone"),
            ]
            for (query, path) in cases {
                let answer = try await client.json("GET", Self.online + "/slots?" + query)
                #expect(answer.status == 422, "\(query)")
                #expect(answer.errorPaths == [path], "\(query): \(answer.text)")
            }
            let sixtyTwo = try await client.json("GET", Self.online + "/slots?start=2025-11-17T00:00:00Z&end=2026-01-18T00:00:00Z")
            #expect(sixtyTwo.status == 200)
        }
    }

    @Test("a booking is 201 with a management token, is in the schedule's CalDAV calendar at once, and takes its slot")
    func bookingAppearsEverywhere() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let ctag = try await client.ctag(ExpertFixture.remoteCalendar)
            let token = try await client.syncToken(ExpertFixture.remoteCalendar)
            let answer = try await client.book("alice", "online-consultation", start: "2025-11-17T12:50:00Z")
            #expect(answer.status == 201, "\(answer.text)")
            let uid = try #require(answer.string("booking.uid"))
            #expect(answer.header("Location") == "/api/public/bookings/\(uid)")
            #expect(answer.string("managementToken")?.hasPrefix("hbk_") == true)
            #expect(answer.string("booking.status") == "confirmed")
            #expect(answer.string("booking.end") == "2025-11-17T13:40:00Z")
            #expect(answer.string("booking.location") == "https://meet.example.org/joao")
            #expect(answer.string("links.cancel")?.hasPrefix("/api/public/bookings/\(uid)/cancel?token=hbk_") == true)

            // CalDAV: the object, a new ctag and sync token.
            #expect(try await client.ctag(ExpertFixture.remoteCalendar) != ctag)
            #expect(try await client.syncToken(ExpertFixture.remoteCalendar) != token)
            let object = try await client.get(ExpertFixture.remoteCalendar + uid + ".ics")
            #expect(object.status == 200)
            let event = try #require(try ICS.parse(object.text).components(named: "VEVENT").first)
            #expect(event.property("DTSTART")?.value == "20251117T125000Z")
            #expect(event.property("SUMMARY")?.value == "Online Consultation: Carla Souza")
            #expect(event.property("LOCATION")?.value == "https://meet.example.org/joao")
            #expect(event.property("STATUS")?.value == "CONFIRMED")
            #expect(event.property("SEQUENCE")?.value == "0")
            #expect(event.property("ORGANIZER")?.value == "mailto:alice@example.org")
            let attendee = try #require(event.property("ATTENDEE"))
            #expect(attendee.value == "mailto:carla@example.org")
            #expect(attendee.parameter("PARTSTAT") == "ACCEPTED")
            #expect(event.property("DTSTAMP") != nil)

            // The admin API sees it; the slot is gone from the public list.
            let list = try await client.json("GET", "/api/bookings", as: "alice")
            #expect(list.text.contains(uid))
            let starts = try await client.slotStarts("alice", "online-consultation", start: "2025-11-17T00:00:00Z", end: "2025-11-18T00:00:00Z")
            #expect(!starts.contains("2025-11-17T12:50:00Z"))
            #expect(starts.count == 8)
        }
    }

    @Test("a taken slot, a start off the grid, a weekend, a slot past the hours and one before them are 409 with their reason; nothing is written")
    func refusals() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let first = try await client.book("alice", "online-consultation", start: "2025-11-17T12:00:00Z")
            #expect(first.status == 201)
            let firstUid = try #require(first.string("booking.uid"))
            let cases: [(String, String)] = [
                ("2025-11-17T12:00:00Z", "taken"),
                ("2025-11-17T12:10:00Z", "not-a-slot-start"),
                ("2025-11-15T12:00:00Z", "outside-hours"),
                ("2025-11-17T19:30:00Z", "runs-past-hours"),
                ("2025-11-10T11:10:00Z", "outside-hours"),
            ]
            for (start, code) in cases {
                let answer = try await client.book("alice", "online-consultation", start: start)
                #expect(answer.status == 409, "\(start)")
                #expect(answer.reasonCodes.contains(code), "\(start): \(answer.text)")
                #expect(answer.header("Content-Type") == "application/problem+json")
                #expect(!answer.text.contains(firstUid), "a refusal names no other booking")
            }
            #expect(try await fixture.bookings().count == 1)
        }
    }

    @Test("minimum notice, booking window and the day limit refuse with too-soon, beyond-booking-window and day-limit-reached")
    func limitRefusals() async throws {
        let limits = EventTypeLimits(duration: 50, minimumNotice: 24 * 60, bookingWindow: .rolling(days: 14), maxBookingsPerDay: 1)
        let fixture = try await ExpertFixture.make(onlineLimits: limits)
        try await fixture.server.run { client in
            let tooSoon = try await client.book("alice", "online-consultation", start: "2025-11-10T13:40:00Z")
            #expect(tooSoon.reasonCodes == ["too-soon"], "\(tooSoon.text)")
            let tooFar = try await client.book("alice", "online-consultation", start: "2025-11-25T12:00:00Z")
            #expect(tooFar.reasonCodes == ["beyond-booking-window"], "\(tooFar.text)")
            #expect(try await client.book("alice", "online-consultation", start: "2025-11-18T12:00:00Z").status == 201)
            let second = try await client.book("alice", "online-consultation", start: "2025-11-18T14:30:00Z")
            #expect(second.reasonCodes == ["day-limit-reached"], "\(second.text)")
            #expect(try await client.slotStarts("alice", "online-consultation", start: "2025-11-18", end: "2025-11-18").isEmpty)
        }
    }

    @Test("bad booking bodies are 422 naming every field, malformed JSON is 400, and nothing is written")
    func invalidBodies() async throws {
        let fixture = try await ExpertFixture.make()
        try await fixture.server.run { client in
            let bad = try await client.json(
                "POST", Self.online + "/bookings",
                #"{"start": "next monday", "attendee": {"name": " ", "email": "carla", "timeZone": "Lisbon"}}"#)
            #expect(bad.status == 422)
            #expect(Set(bad.errorPaths) == ["start", "attendee.name", "attendee.email", "attendee.timeZone"])
            let missing = try await client.json("POST", Self.online + "/bookings", #"{"start": "2025-11-17T12:00:00Z"}"#)
            #expect(missing.status == 422)
            #expect(missing.errorPaths == ["attendee"])
            #expect(try await client.json("POST", Self.online + "/bookings", #"{"start": "#).status == 400)
            let key = try await client.book(
                "alice", "online-consultation", start: "2025-11-17T12:00:00Z", idempotencyKey: String(repeating: "k", count: 300))
            #expect(key.status == 422)
            #expect(key.errorPaths == ["Idempotency-Key"])
            #expect(try await fixture.bookings().isEmpty)
        }
    }
}
