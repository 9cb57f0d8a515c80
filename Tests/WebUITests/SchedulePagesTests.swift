import Availability
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store
import Testing

@Suite("Web UI schedules")
struct SchedulePagesTests {
    /// The three steps of the specification's flow, posted as a browser without JavaScript does.
    static func create(
        _ browser: WebClient, name: String, days: [String: [(String, String)]], location: [(String, String)]
    ) async throws
        -> WebClient.Page
    {
        _ = try await browser.get("/availability/schedules/new")
        var fields: [(String, String)] = [("step", "1"), ("action", "next"), ("name", name), ("timezone", "America/Sao_Paulo")]
        fields += location.filter { $0.0 == "location_type" }
        let stepTwo = try await browser.post("/availability/schedules/new", fields)
        #expect(stepTwo.status == .ok)
        #expect(stepTwo.html.contains("name=\"monday_start\""))
        var hours: [(String, String)] = [("step", "2"), ("action", "next"), ("name", name), ("timezone", "America/Sao_Paulo")]
        hours += location.filter { $0.0 == "location_type" }
        for (day, ranges) in days {
            hours.append(("\(day)_on", "on"))
            for range in ranges { hours += [("\(day)_start", range.0), ("\(day)_end", range.1)] }
        }
        let stepThree = try await browser.post("/availability/schedules/new", hours)
        #expect(stepThree.status == .ok)
        var final = hours.filter { $0.0 != "step" && $0.0 != "action" } + [("step", "3"), ("action", "create")]
        final += location.filter { $0.0 != "location_type" }
        return try await browser.post("/availability/schedules/new", final)
    }

    static let clinic: [(String, String)] = [
        ("location_type", "inPerson"), ("location_name", "Clínica São Paulo"), ("street", "Av. Paulista, 1000"), ("suite", "10º andar"),
        ("city", "São Paulo"), ("state", "SP"), ("postal_code", "01310-100"), ("country", "Brasil"),
    ]

    @Test("the three steps create the specification's clinic schedule, with two ranges on one day")
    func createFlow() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let created = try await Self.create(
                browser, name: "Clinic - In-Person", days: ["tuesday": [("14:00", "18:00")], "thursday": [("08:00", "12:00"), ("14:00", "18:00")]],
                location: Self.clinic)
            #expect(created.status == .seeOther)
            let page = try await browser.get(try #require(created.location))
            #expect(page.status == .ok)
            #expect(page.html.contains("Schedule created."))
        }
        let stored = try #require(try await server.store.schedules(ownedBy: server.userIDs["alice"]!).first?.schedule)
        #expect(stored.name == "Clinic - In-Person")
        #expect(stored.timezone == "America/Sao_Paulo")
        #expect(stored.isDefault)  // the first schedule
        let thursday = stored.availability.first { $0.day == "thursday" }
        #expect(thursday?.slots == [TimeSlot(startTime: "08:00", endTime: "12:00"), TimeSlot(startTime: "14:00", endTime: "18:00")])
        #expect(stored.location.type == .inPerson)
        #expect(stored.location.address?.street == "Av. Paulista, 1000")
        #expect(stored.location.address?.additionalInfo == "10º andar")
    }

    @Test("a refused step comes back with the validator's message beside its field and nothing stored")
    func validation() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/availability/schedules/new")
            let badZone = try await browser.post(
                "/availability/schedules/new", [("step", "1"), ("action", "next"), ("name", ""), ("timezone", "Mars/Olympus")])
            #expect(badZone.status == .unprocessableContent)
            #expect(badZone.html.contains("id=\"name-error\""))
            #expect(badZone.html.contains("id=\"timezone-error\""))
            #expect(badZone.html.contains("is not an IANA time zone"))
            let badHours = try await browser.post(
                "/availability/schedules/new",
                [
                    ("step", "2"), ("action", "next"), ("name", "X"), ("timezone", "UTC"), ("monday_on", "on"), ("monday_start", "17:00"),
                    ("monday_end", "09:00"),
                ])
            #expect(badHours.status == .unprocessableContent)
            #expect(badHours.html.contains("id=\"monday-error-0\""))
            let noAddress = try await browser.post(
                "/availability/schedules/new",
                [("step", "3"), ("action", "create"), ("name", "X"), ("timezone", "UTC"), ("location_type", "inPerson")])
            #expect(noAddress.status == .unprocessableContent)
        }
        #expect(try await server.store.schedules(ownedBy: server.userIDs["alice"]!).isEmpty)
    }

    @Test("edit buttons add, remove and copy ranges without JavaScript and without storing")
    func weeklyEdits() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/availability/schedules/new")
            let base: [(String, String)] = [
                ("step", "2"), ("name", "X"), ("timezone", "UTC"), ("monday_on", "on"), ("monday_start", "09:00"), ("monday_end", "12:00"),
            ]
            let added = try await browser.post("/availability/schedules/new", base + [("action", "add:monday")])
            #expect(added.html.components(separatedBy: "name=\"monday_start\"").count - 1 == 2)
            #expect(added.html.contains("value=\"13:00\""))  // the new range starts where the last one ended
            let copied = try await browser.post(
                "/availability/schedules/new", base + [("action", "copy:monday"), ("copy_monday", "wednesday"), ("copy_monday", "friday")])
            #expect(copied.html.contains("name=\"wednesday_on\" checked"))
            #expect(copied.html.contains("name=\"friday_on\" checked"))
        }
        #expect(try await server.store.schedules(ownedBy: server.userIDs["alice"]!).isEmpty)
    }

    @Test("overrides are the schedule's local dates end to end; removing one works")
    func overrides() async throws {
        let server = try await WebTestServer.make()
        let alice = server.userIDs["alice"]!
        let schedule = try await server.store.createSchedule(
            Schedule(
                name: "Remote", timezone: "America/Sao_Paulo",
                availability: [WeeklyHours(day: "monday", slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])]),
            ownedBy: alice)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let next = Calendar(identifier: .gregorian).date(byAdding: .month, value: 1, to: server.clock.now)!
            let year = Calendar(identifier: .gregorian).component(.year, from: next)
            let month = Calendar(identifier: .gregorian).component(.month, from: next)
            let first = String(format: "%04d-%02d-24", year, month)
            let second = String(format: "%04d-%02d-25", year, month)
            _ = try await browser.get("/availability/schedules/\(schedule.id)")
            let added = try await browser.post(
                "/availability/schedules/\(schedule.id)/overrides",
                [("dates", first), ("dates", second), ("override_type", "unavailable"), ("reason", "Natal")])
            #expect(added.status == .seeOther)
            _ = try await browser.get("/availability/schedules/\(schedule.id)")
            let custom = try await browser.post(
                "/availability/schedules/\(schedule.id)/overrides",
                [("dates", second), ("override_type", "custom"), ("override_start", "10:00"), ("override_end", "12:00")])
            #expect(custom.status == .seeOther)
            var stored = try await server.store.schedule(id: schedule.id, ownedBy: alice)!.schedule
            #expect(stored.dateOverrides.map(\.date) == [first, second])
            #expect(stored.dateOverrides[0].type == .unavailable)
            #expect(stored.dateOverrides[0].reason == "Natal")
            #expect(stored.dateOverrides[1].type == .custom)
            #expect(stored.dateOverrides[1].slots == [TimeSlot(startTime: "10:00", endTime: "12:00")])
            _ = try await browser.get("/availability/schedules/\(schedule.id)")
            _ = try await browser.post("/availability/schedules/\(schedule.id)/overrides/remove", [("date", first)])
            stored = try await server.store.schedule(id: schedule.id, ownedBy: alice)!.schedule
            #expect(stored.dateOverrides.map(\.date) == [second])
            // An override with no date is refused beside the calendar.
            _ = try await browser.get("/availability/schedules/\(schedule.id)")
            let none = try await browser.post("/availability/schedules/\(schedule.id)/overrides", [("override_type", "unavailable")])
            #expect(none.status == .unprocessableContent)
        }
    }

    @Test("another user's schedule is a 404, to read and to change")
    func isolation() async throws {
        let server = try await WebTestServer.make()
        let bobs = try await server.store.createSchedule(
            Schedule(name: "Bob's", timezone: "UTC", availability: []), ownedBy: server.userIDs["bob"]!)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            #expect(try await browser.get("/availability/schedules/\(bobs.id)").status == .notFound)
            _ = try await browser.get("/availability/schedules")
            #expect(try await browser.post("/availability/schedules/\(bobs.id)/info", [("name", "Mine"), ("timezone", "UTC")]).status == .notFound)
            #expect(try await browser.post("/availability/schedules/\(bobs.id)/delete", []).status == .notFound)
        }
        #expect(try await server.store.schedule(id: bobs.id, ownedBy: server.userIDs["bob"]!)?.schedule.name == "Bob's")
    }

    @Test("deleting a schedule in use asks for its replacement; the default cannot be deleted")
    func deleteInUse() async throws {
        let server = try await WebTestServer.make()
        let alice = server.userIDs["alice"]!
        let first = try await server.store.createSchedule(Schedule(name: "A", timezone: "UTC", availability: []), ownedBy: alice)
        let second = try await server.store.createSchedule(Schedule(name: "B", timezone: "UTC", availability: []), ownedBy: alice)
        let eventType = try await server.store.createEventType(
            EventType(
                id: "", userId: alice, title: "Call", slug: "", scheduleId: second.id, limits: EventTypeLimits(duration: 30), createdAt: Date(),
                updatedAt: Date()))
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let confirm = try await browser.get("/availability/schedules/\(second.id)/delete")
            #expect(confirm.html.contains("name=\"reassign_to\""))
            let done = try await browser.post("/availability/schedules/\(second.id)/delete", [("reassign_to", first.id)])
            #expect(done.status == .seeOther)
            let defaultPage = try await browser.get("/availability/schedules/\(first.id)/delete")
            #expect(!defaultPage.html.contains("name=\"reassign_to\""))
            #expect(try await browser.post("/availability/schedules/\(first.id)/delete", []).status == .conflict)
        }
        #expect(try await server.store.eventType(id: eventType.id, ownedBy: alice)?.scheduleId == first.id)
        #expect(try await server.store.schedules(ownedBy: alice).map(\.schedule.name) == ["A"])
    }
}
