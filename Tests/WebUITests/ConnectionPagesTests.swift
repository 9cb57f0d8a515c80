import Availability
import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLiteStore
import Store
import Testing

@Suite("Web UI calendar connections")
struct ConnectionPagesTests {
    static func connect(_ server: WebTestServer, owner: String) async throws -> CalendarConnection {
        try await server.store.saveConnection(
            CalendarConnection(
                id: "c-\(owner)", userId: owner, provider: .caldav, email: "ana@dav.example", serverURL: "https://dav.example/calendars/ana/",
                calendars: [
                    ConnectedCalendar(id: "https://dav.example/calendars/ana/office/", name: "Work", isPrimary: true, canWrite: true),
                    ConnectedCalendar(
                        id: "https://dav.example/calendars/ana/birthdays/", name: "Birthdays", canWrite: false, checkForConflicts: false),
                ], createdAt: Date(), updatedAt: Date()), credentials: SealedCredentials(ciphertext: "sealed", keyId: 1))
    }

    /// A Monday schedule and a 30-minute "Intro" on it.
    static func intro(_ server: WebTestServer, owner: String) async throws -> EventType {
        _ = try await server.store.createSchedule(
            Schedule(
                name: "Remote", timezone: "UTC", availability: [WeeklyHours(day: "monday", slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])]),
            ownedBy: owner)
        return try await server.store.createEventType(
            EventType(
                id: "", userId: owner, title: "Intro", slug: "", scheduleId: "", limits: EventTypeLimits(duration: 30), createdAt: Date(),
                updatedAt: Date()))
    }

    @Test("a refused connect shows its message beside the field and stores nothing; the password is never sent back")
    func refusedConnect() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/availability/calendars")
            let refused = try await browser.post(
                "/availability/calendars/connect",
                [("provider", "caldav"), ("url", "http://10.9.8.7/dav/"), ("username", "ana"), ("password", "s3cret-pass")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("id=\"url-error\"") && refused.html.contains("internal address"))
            #expect(refused.html.contains("value=\"ana\"") && !refused.html.contains("s3cret-pass"))
            let missing = try await browser.post(
                "/availability/calendars/connect", [("provider", "caldav"), ("url", ""), ("username", "ana"), ("password", "x")])
            #expect(missing.status == .unprocessableContent && missing.html.contains("id=\"url-error\""))
            let noPassword = try await browser.post(
                "/availability/calendars/connect", [("provider", "apple"), ("username", "ana"), ("password", "")])
            #expect(noPassword.status == .unprocessableContent && noPassword.html.contains("id=\"password-error\""))
        }
        #expect(try await server.store.connections(ownedBy: server.userIDs["alice"]!).isEmpty)
    }

    @Test("the owner chooses the calendars that block time and can switch the account off; others get 404")
    func choices() async throws {
        let server = try await WebTestServer.make()
        let alice = server.userIDs["alice"]!
        let connection = try await Self.connect(server, owner: alice)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let page = try await browser.get("/availability/calendars")
            #expect(page.html.contains("CalDAV: ana@dav.example") && page.html.contains("Birthdays"))
            let saved = try await browser.post(
                "/availability/calendars/\(connection.id)", [("calendar", "https://dav.example/calendars/ana/birthdays/")])
            #expect(saved.status == .seeOther)
        }
        let stored = try #require(try await server.store.connection(id: connection.id, ownedBy: alice))
        #expect(!stored.isActive)
        #expect(stored.calendars.map(\.checkForConflicts) == [false, true])
        try await server.run { browser in
            _ = try await browser.signIn("bob")
            _ = try await browser.get("/availability/calendars")
            #expect(try await browser.post("/availability/calendars/\(connection.id)", [("active", "on")]).status == .notFound)
            #expect(try await browser.post("/availability/calendars/\(connection.id)/disconnect", []).status == .notFound)
        }
        #expect(try await server.store.connection(id: connection.id, ownedBy: alice) != nil)
    }

    @Test("the event type form offers the writable calendars by account and name, and saves the choice")
    func destination() async throws {
        let server = try await WebTestServer.make()
        let alice = server.userIDs["alice"]!
        let connection = try await Self.connect(server, owner: alice)
        let eventType = try await Self.intro(server, owner: alice)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let form = try await browser.get("/event-types/\(eventType.id)")
            #expect(form.html.contains("Horario and CalDAV ana@dav.example: Work"))
            #expect(!form.html.contains("Birthdays"))
            let saved = try await browser.post(
                "/event-types/\(eventType.id)",
                [
                    ("title", "Intro"), ("schedule_id", eventType.scheduleId), ("duration", "30"),
                    ("destination", "\(connection.id) https://dav.example/calendars/ana/office/"),
                ])
            #expect(saved.status == .seeOther)
        }
        let stored = try #require(try await server.store.eventType(id: eventType.id, ownedBy: alice))
        #expect(
            stored.calendarDestination
                == CalendarDestination(
                    type: .external, provider: "caldav", connectionId: connection.id, calendarId: "https://dav.example/calendars/ana/office/")
        )
    }

    @Test("a connection that was never read closes the slots, and the troubleshooter says why")
    func troubleshooterSaysWhy() async throws {
        let server = try await WebTestServer.make()
        let alice = server.userIDs["alice"]!
        _ = try await Self.connect(server, owner: alice)
        let eventType = try await Self.intro(server, owner: alice)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let report = try await browser.get("/troubleshoot?eventType=\(eventType.id)&date=2030-12-23")
            #expect(report.html.contains("the connected calendar ana@dav.example (caldav) has not been read yet"))
            let page = try await browser.get("/availability/calendars")
            #expect(page.html.contains("Reading…"))
        }
    }

    @Test("the calendar view shows a connected calendar's busy time read-only, named by its calendar")
    func calendarViewShowsExternalBusy() async throws {
        let server = try await WebTestServer.make()
        let alice = server.userIDs["alice"]!
        let connection = try await Self.connect(server, owner: alice)
        let start = Date(timeIntervalSince1970: 1_899_100_800)  // 2030-03-07 08:00 UTC
        try await server.store.recordSync(
            connectionId: connection.id, calendars: nil,
            busy: [
                "https://dav.example/calendars/ana/office/": [
                    ExternalBusy(
                        connectionId: connection.id, calendarId: "https://dav.example/calendars/ana/office/", start: start,
                        end: start.addingTimeInterval(3600))
                ]
            ], window: DateInterval(start: start.addingTimeInterval(-86_400), end: start.addingTimeInterval(86_400)), now: Date(), next: Date())
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let week = try await browser.get("/appointments/calendar?view=week&date=2030-03-06")
            #expect(week.html.contains("Busy in ana@dav.example: Work"))
            #expect(!week.html.contains("href=\"/appointments/\(connection.id)"))
        }
    }

    @Test("an OAuth connection whose grant was refused offers to sign in again")
    func reconnect() async throws {
        let server = try await WebTestServer.make()
        let alice = server.userIDs["alice"]!
        let connection = try await server.store.saveConnection(
            CalendarConnection(
                id: "g-alice", userId: alice, provider: .google, email: "alice@gmail.example", serverURL: nil,
                calendars: [ConnectedCalendar(id: "alice@gmail.example", name: "Work", isPrimary: true, canWrite: true)], createdAt: Date(),
                updatedAt: Date()), credentials: SealedCredentials(ciphertext: "sealed", keyId: 1))
        try await server.store.recordFailure(
            connectionId: connection.id,
            problem: ConnectionProblem(code: "unauthorized", message: "google refused the grant (invalid_grant)", at: Date()),
            status: .reauthRequired, next: Date().addingTimeInterval(86_400))
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let page = try await browser.get("/availability/calendars")
            #expect(page.html.contains("href=\"/availability/calendars/authorize/google\"") && page.html.contains("Sign in again"))
            #expect(page.html.contains("Needs the password again") || page.html.contains("invalid_grant"))
        }
    }
}
