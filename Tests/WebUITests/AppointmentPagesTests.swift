import Availability
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store
import Testing

@Suite("Web UI appointments and calendar")
struct AppointmentPagesTests {
    /// Alice's São Paulo weekday schedule, a coloured event type and two bookings on 2030-03-05.
    static func populate(_ server: WebTestServer) async throws -> (first: Booking, second: Booking, eventType: EventType) {
        let alice = server.userIDs["alice"]!
        let hours = ["monday", "tuesday", "wednesday", "thursday", "friday"].map {
            WeeklyHours(day: $0, slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])
        }
        let schedule = try await server.store.createSchedule(
            Schedule(name: "Remote", timezone: "America/Sao_Paulo", availability: hours), ownedBy: alice)
        let eventType = try await server.store.createEventType(
            EventType(
                id: "", userId: alice, title: "Consulta", slug: "consulta", color: "#ffcc00", scheduleId: schedule.id,
                limits: EventTypeLimits(duration: 60), createdAt: Date(), updatedAt: Date()))
        func booking(_ hour: Int, _ name: String) -> Booking {
            let start = Date(timeIntervalSince1970: 1_898_942_400 + Double(hour - 9) * 3600)  // 2030-03-05 09:00 São Paulo (12:00Z)
            return Booking(
                id: UUID().uuidString.lowercased(), uid: UUID().uuidString.lowercased(), userId: alice, eventTypeId: eventType.id,
                scheduleId: schedule.id, start: start, end: start.addingTimeInterval(3600), status: .confirmed,
                attendee: .init(name: name, email: "\(name.lowercased())@example.org", timeZone: "Europe/Lisbon"), location: "https://meet.example/x",
                notes: nil, sequence: 0, createdAt: Date(), updatedAt: Date())
        }
        let first = booking(9, "Carla")
        let second = booking(11, "Pedro")
        try await server.store.recordBooking(first)
        try await server.store.recordBooking(second)
        return (first, second, eventType)
    }

    @Test("the week view places bookings by class, coloured by event type; the month and day views and the export show them")
    func views() async throws {
        let server = try await WebTestServer.make()
        let (first, _, eventType) = try await Self.populate(server)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let week = try await browser.get("/appointments/calendar?view=week&date=2030-03-05")
            #expect(week.status == .ok)
            // Tuesday is the third column; 09:00 is row 109; an hour spans 12 rows.
            #expect(week.html.contains("class=\"ev d-3 r-109 s-12 ln-0-1 et-\(eventType.id)\""))
            #expect(week.html.contains("Carla, Consulta, 9:00 AM–10:00 AM (America/Sao_Paulo)"))
            #expect(!week.html.contains(" style="))
            let lisbon = try await browser.get("/appointments/calendar?view=day&date=2030-03-05&tz=Europe/Lisbon")
            #expect(lisbon.html.contains("r-145 s-12"))  // 12:00 in Lisbon
            let month = try await browser.get("/appointments/calendar?view=month&date=2030-03-05")
            #expect(month.html.contains("Pedro"))
            let css = try await browser.get("/appointments/colors.css")
            #expect(css.html.contains(".et-\(eventType.id){--c:#ffcc00;--on:#111}"))
            let ics = try await browser.get("/appointments/calendar.ics?view=week&date=2030-03-05")
            #expect(ics.html.contains("UID:\(first.uid)"))
            let filtered = try await browser.get("/appointments/calendar?view=week&date=2030-03-05&location=inPerson")
            #expect(!filtered.html.contains("Carla"))
        }
    }

    @Test("a DST week draws 23- and 25-hour days and keeps wall-clock times")
    func daylightSaving() async throws {
        let server = try await WebTestServer.make()
        _ = try await Self.populate(server)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let march = try await browser.get("/appointments/calendar?view=week&date=2030-03-10&tz=America/New_York")
            #expect(march.html.contains("23-hour day"))
            #expect(march.html.contains("2:00 AM–3:00 AM does not exist (clocks go forward)"))
            let november = try await browser.get("/appointments/calendar?view=week&date=2030-11-03&tz=America/New_York")
            #expect(november.html.contains("25-hour day"))
            #expect(november.html.contains("1:00 AM–2:00 AM happens twice (clocks go back)"))
        }
    }

    @Test("the list filters by tab, attendee and dates; details reschedule (refusing an overlap) and cancel")
    func listAndActions() async throws {
        let server = try await WebTestServer.make()
        let (first, second, _) = try await Self.populate(server)
        let alice = server.userIDs["alice"]!
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let upcoming = try await browser.get("/appointments")
            #expect(upcoming.html.contains("Carla") && upcoming.html.contains("Pedro"))
            let search = try await browser.get("/appointments?q=pedro")
            #expect(!search.html.contains("Carla") && search.html.contains("Pedro"))
            #expect(!(try await browser.get("/appointments?tab=past").html.contains("Pedro")))
            let details = try await browser.get("/appointments/\(first.id)")
            #expect(details.html.contains("Europe/Lisbon"))
            let overlap = try await browser.post("/appointments/\(first.id)/reschedule", [("other_start", "2030-03-05T11:30")])
            #expect(overlap.status == .conflict)
            _ = try await browser.get("/appointments/\(first.id)")
            let moved = try await browser.post("/appointments/\(first.id)/reschedule", [("other_start", "2030-03-05T07:00")])
            #expect(moved.status == .seeOther)
            _ = try await browser.get("/appointments/\(second.id)")
            let cancelled = try await browser.post("/appointments/\(second.id)/cancel", [("reason", "Doente")])
            #expect(cancelled.status == .seeOther)
            #expect(try await browser.get("/appointments?tab=cancelled").html.contains("Pedro"))
            #expect(try await browser.get("/appointments/\(UUID().uuidString.lowercased())").status == .notFound)
        }
        let history = try await server.store.bookingHistory(id: first.id, ownedBy: alice)
        #expect(history.map(\.action) == [.rescheduled])
        #expect(history.map(\.actor) == [.expert])
        let stored = try await server.store.booking(id: first.id, ownedBy: alice)
        #expect(stored?.start == first.start.addingTimeInterval(-2 * 3600))  // 07:00 São Paulo: hours do not bind the expert
        #expect(try await server.store.booking(id: second.id, ownedBy: alice)?.cancellationReason == "Doente")
    }

    @Test("the list is paged by the store: 30 bookings are two pages, the second with 5; attendee search is literal and case-insensitive")
    func paging() async throws {
        let server = try await WebTestServer.make()
        let (first, _, eventType) = try await Self.populate(server)
        let alice = server.userIDs["alice"]!
        for day in 1...28 {
            var booking = first
            booking.id = UUID().uuidString.lowercased()
            booking.uid = UUID().uuidString.lowercased()
            booking.start = first.start.addingTimeInterval(Double(day) * 86_400)
            booking.end = booking.start.addingTimeInterval(3600)
            booking.attendee.name = day == 7 ? "Ana 100%" : "Client \(day)"
            try await server.store.recordBooking(booking)
        }
        var query = BookingQuery(status: .confirmed, eventTypeId: eventType.id)
        #expect(try await server.store.bookingCount(ownedBy: alice, matching: query) == 30)
        query.limit = 25
        query.offset = 25
        #expect(try await server.store.bookings(ownedBy: alice, matching: query).count == 5)
        query.limit = nil
        query.offset = 0
        query.attendee = "ANA 100%"
        #expect(try await server.store.bookings(ownedBy: alice, matching: query).map(\.attendee.name) == ["Ana 100%"])
        query.attendee = "_"
        #expect(try await server.store.bookingCount(ownedBy: alice, matching: query) == 0)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let second = try await browser.get("/appointments?page=2")
            #expect(second.html.contains("30 appointments · page 2 of 2"))
            #expect(second.html.components(separatedBy: "<th scope=\"row\">").count - 1 == 5)
            #expect(second.html.contains("rel=\"prev\""))
        }
    }
}
