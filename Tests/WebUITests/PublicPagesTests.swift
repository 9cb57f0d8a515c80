import Auth
import Availability
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store
import Testing

@Suite("Public booking pages")
struct PublicPagesTests {
    /// Alice's Tuesday and Thursday clinic in São Paulo with a 50-minute consultation.
    static func clinic(_ server: WebTestServer) async throws {
        let alice = server.userIDs["alice"]!
        let hours = ["tuesday", "thursday"].map { WeeklyHours(day: $0, slots: [TimeSlot(startTime: "14:00", endTime: "18:00")]) }
        let schedule = try await server.store.createSchedule(
            Schedule(name: "Clinic", timezone: "America/Sao_Paulo", availability: hours), ownedBy: alice)
        _ = try await server.store.createEventType(
            EventType(
                id: "", userId: alice, title: "Consulta", slug: "consulta", scheduleId: schedule.id, limits: EventTypeLimits(duration: 50),
                createdAt: Date(), updatedAt: Date()))
    }

    static func firstSlot(_ page: WebClient.Page) throws -> (day: String, slot: String) {
        let day = try #require(page.html.range(of: ##"href="\?month=[0-9-]+&amp;date=[0-9-]+&amp;tz=[^"#]+"##, options: .regularExpression))
        let slot = page.html.range(of: #"name="slot" value="[^"]+""#, options: .regularExpression)
        return (
            String(page.html[day].dropFirst(6)).replacingOccurrences(of: "&amp;", with: "&"),
            slot.map { String(page.html[$0]).split(separator: "\"")[3].description } ?? ""
        )
    }

    @Test("a booker books through the form; the same slot again is a 409 with the refreshed list; the link manages the booking")
    func bookThroughTheForm() async throws {
        let server = try await WebTestServer.make()
        try await Self.clinic(server)
        try await server.run { browser in
            #expect(try await browser.get("/alice").html.contains("href=\"/alice/consulta\""))
            let month = try await browser.get("/alice/consulta?tz=Europe/Lisbon")
            #expect(month.status == .ok)
            #expect(month.headers[.contentSecurityPolicy] != nil)
            let day = try await browser.get("/alice/consulta" + (try Self.firstSlot(month).day))
            let slot = try Self.firstSlot(day).slot
            #expect(day.html.contains("(Europe/Lisbon)"))
            _ = try await browser.get("/alice/consulta/book?slot=\(slot)&tz=Europe/Lisbon")
            let fields = [("slot", slot), ("tz", "Europe/Lisbon"), ("name", "Carla"), ("email", "carla@example.org")]
            let bad = try await browser.post("/alice/consulta/book", [("slot", slot), ("tz", "Europe/Lisbon"), ("name", ""), ("email", "x")])
            #expect(bad.status == .unprocessableContent)
            let booked = try await browser.post("/alice/consulta/book", fields)
            #expect(booked.status == .seeOther)
            let manage = try #require(booked.location)
            #expect(manage.hasPrefix("/booking/"))
            let page = try await browser.get(manage)
            #expect(page.status == .ok)
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(page.html.contains("Carla"))
            _ = try await browser.get("/alice/consulta/book?slot=\(slot)&tz=Europe/Lisbon")
            let again = try await browser.post("/alice/consulta/book", fields.map { $0.0 == "name" ? ("name", "Rui") : $0 })
            #expect(again.status == .conflict)
            #expect(again.html.contains("that time was just taken"))
            #expect(!again.html.contains("value=\"\(slot)\""))
            let uid = manage.split(separator: "/")[1].split(separator: "?")[0]
            #expect(try await browser.get("/booking/\(uid)?token=hbk_wrong").status == .notFound)
            let ics = try await browser.get(manage.replacingOccurrences(of: "?token", with: "/event.ics?token").components(separatedBy: "&notice")[0])
            #expect(ics.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(ics.html.contains("BEGIN:VEVENT"))
        }
        let bookings = try await server.store.bookings(ownedBy: server.userIDs["alice"]!, matching: BookingQuery())
        #expect(bookings.map(\.attendee.name) == ["Carla"])
        #expect(bookings.first?.attendee.timeZone == "Europe/Lisbon")
        let history = try await server.store.bookingHistory(id: bookings[0].id, ownedBy: server.userIDs["alice"]!)
        #expect(history.map(\.action) == [.created])
        #expect(history.map(\.actor) == [.booker])
    }

    @Test("unknown experts and event types are 404 pages; reserved usernames are refused")
    func unknown() async throws {
        try await WebTestServer.make().run { (browser: WebClient) async throws in
            #expect(try await browser.get("/nobody").status == .notFound)
            #expect(try await browser.get("/alice/nothing").status == .notFound)
        }
        for name in ["login", "account", "booking", "availability", "static"] {
            #expect(UsernamePolicy.problem(with: name) != nil, "\(name)")
        }
    }
}
