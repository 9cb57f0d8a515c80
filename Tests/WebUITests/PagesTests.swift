import Availability
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store
import Testing

@Suite("Web UI pages")
struct PagesTests {
    static let pages = [
        "/availability/schedules", "/availability/schedules/new", "/availability/limits", "/event-types", "/event-types/new", "/troubleshoot",
        "/organizations", "/account", "/availability/calendars",
    ]

    /// Alice with the specification's Use Case 1: two schedules, an override, two event types, a booking.
    static func populate(_ server: WebTestServer) async throws -> (schedule: String, eventType: String) {
        let alice = server.userIDs["alice"]!
        let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"].map {
            WeeklyHours(day: $0, slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])
        }
        let remote = try await server.store.createSchedule(
            Schedule(
                name: "Remote Work", timezone: "America/Sao_Paulo", availability: weekdays,
                dateOverrides: [DateOverride(date: "2030-12-25", type: .unavailable, reason: "Natal")],
                location: Location(type: .remote, videoProvider: .googleMeet, videoLink: "https://meet.example/abc")), ownedBy: alice)
        let clinic = try await server.store.createSchedule(
            Schedule(
                name: "Clínica", timezone: "America/Sao_Paulo",
                availability: [WeeklyHours(day: "tuesday", slots: [TimeSlot(startTime: "14:00", endTime: "18:00")])],
                location: Location(
                    type: .inPerson,
                    address: .init(
                        name: "Clínica São Paulo", street: "Av. Paulista, 1000", city: "São Paulo", state: "SP", postalCode: "01310-100",
                        country: "Brasil"))),
            ownedBy: alice)
        let online = try await server.store.createEventType(
            EventType(
                id: "", userId: alice, title: "Online Consultation", slug: "", color: "#2a7a5f", scheduleId: remote.id,
                limits: EventTypeLimits(duration: 50, afterBuffer: 10), createdAt: Date(), updatedAt: Date()))
        _ = try await server.store.createEventType(
            EventType(
                id: "", userId: alice, title: "In-Person Consultation", slug: "", scheduleId: clinic.id, limits: EventTypeLimits(duration: 50),
                createdAt: Date(), updatedAt: Date()))
        _ = try await server.store.createOrganization(NewOrganization(name: "Clínica São Paulo"), by: alice)
        _ = try await server.store.saveConnection(
            CalendarConnection(
                id: "c-alice", userId: alice, provider: .apple, email: "alice@icloud.example", serverURL: "https://caldav.icloud.com/1/calendars/",
                calendars: [ConnectedCalendar(id: "https://caldav.icloud.com/1/calendars/personal/", name: "Home", isPrimary: true, canWrite: true)],
                // Inactive: a never-read active connection would close every slot (the troubleshooter test reads them).
                isActive: false, createdAt: Date(), updatedAt: Date()), credentials: SealedCredentials(ciphertext: "sealed", keyId: 1))
        return (remote.id, online.id)
    }

    @Test("every page renders for an empty account and a populated one, in both languages, with no inline script or style")
    func everyPageRenders() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            for path in Self.pages { try Self.check(try await browser.get(path), path) }
        }
        let ids = try await Self.populate(server)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            for path in Self.pages + [
                "/availability/schedules/\(ids.schedule)", "/event-types/\(ids.eventType)",
                "/troubleshoot?eventType=\(ids.eventType)&date=2030-12-24",
            ] {
                try Self.check(try await browser.get(path), path)
            }
            _ = try await browser.get("/account")
            _ = try await browser.post("/account/profile", [("display_name", "Alice"), ("language", "pt-BR"), ("timezone", "America/Sao_Paulo")])
            let portuguese = try await browser.get("/availability/schedules")
            #expect(portuguese.html.contains("<html lang=\"pt-BR\">"))
            #expect(portuguese.html.contains("seg–sex 09:00–17:00"))
            for path in Self.pages { try Self.check(try await browser.get(path), path) }
        }
    }

    static func check(_ page: WebClient.Page, _ path: String) throws {
        #expect(page.status == .ok, "\(path)")
        #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true, "\(path)")
        #expect(page.headers[.cacheControl] == "no-store", "\(path)")
        #expect(!page.html.contains(" style="), "\(path) has an inline style")
        #expect(!page.html.contains("<script>"), "\(path) has an inline script")
        #expect(!page.html.contains("{{"), "\(path) has an unrendered tag")
        #expect(page.html.contains("<main id=\"main\""), "\(path)")
    }

    @Test("Accept-Language chooses Portuguese before sign-in")
    func acceptLanguage() async throws {
        try await WebTestServer.make().run { browser in
            let page = try await browser.client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "pt-BR,pt;q=0.9,en;q=0.5"], body: nil)
            #expect(String(buffer: page.body).contains("Entrar"))
        }
    }

    @Test("an event type on a schedule shows the inherited location; its override is stored")
    func eventTypeForm() async throws {
        let server = try await WebTestServer.make()
        let ids = try await Self.populate(server)
        let alice = server.userIDs["alice"]!
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let form = try await browser.get("/event-types/new")
            #expect(form.html.contains("Remote Work (Default)"))
            #expect(form.html.contains("https://meet.example/abc"))
            let created = try await browser.post(
                "/event-types/new",
                [
                    ("title", "Ligação rápida"), ("slug", ""), ("duration", "20"), ("schedule_id", ids.schedule), ("override_location", "on"),
                    ("location_type", "phone"), ("phone_number", "+55 11 5555-0100"), ("color", "#aa3355"),
                ])
            #expect(created.status == .seeOther)
            let bad = try await browser.post("/event-types/new", [("title", ""), ("duration", "abc"), ("schedule_id", ids.schedule)])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("id=\"duration-error\""))
        }
        let made = try #require(try await server.store.eventTypes(ownedBy: alice).first { $0.title == "Ligação rápida" })
        #expect(made.slug == "ligacao-rapida")
        #expect(made.locationOverride?.phoneNumber == "+55 11 5555-0100")
        #expect(made.limits.duration == 20)
    }

    @Test("the troubleshooter names the override and agrees with the slots")
    func troubleshooter() async throws {
        let server = try await WebTestServer.make()
        let ids = try await Self.populate(server)
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let christmas = try await browser.get("/troubleshoot?eventType=\(ids.eventType)&date=2030-12-25")
            #expect(christmas.html.contains("The date is marked unavailable (Natal)"))
            #expect(christmas.html.contains("0 bookable starts"))
            let eve = try await browser.get("/troubleshoot?eventType=\(ids.eventType)&date=2030-12-24")
            // 09:00–17:00 with 50 minutes and a 10-minute buffer after: starts every 50 minutes up to 16:10.
            #expect(eve.html.contains("9 bookable starts"))
            #expect(eve.html.contains("Outside weekly hours"))
        }
    }

    @Test("an API token is shown once and can be revoked")
    func tokens() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/account")
            let created = try await browser.post("/account/tokens", [("name", "laptop")])
            let token = try #require(created.html.range(of: #"hor_[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(created.html[$0]) })
            let api = try await browser.client.execute(
                uri: "/api/availability/schedules", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
            #expect(api.status == .ok)
            let again = try await browser.get("/account")
            #expect(!again.html.contains(token))
            #expect(again.html.contains("laptop"))
        }
        let tokens = try await server.store.tokens(ownedBy: server.userIDs["alice"]!)
        #expect(tokens.map(\.name) == ["laptop"])
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/account")
            _ = try await browser.post("/account/tokens/revoke", [("id", tokens[0].id)])
        }
        #expect(try await server.store.tokens(ownedBy: server.userIDs["alice"]!).isEmpty)
    }

    @Test("static files carry an ETag and a long cache only when versioned")
    func staticFiles() async throws {
        try await WebTestServer.make().run { browser in
            let css = try await browser.get("/static/app.css")
            #expect(css.status == .ok)
            #expect(css.headers[.cacheControl] == "no-cache")
            let etag = try #require(css.headers[.eTag])
            let again = try await browser.client.execute(uri: "/static/app.css", method: .get, headers: [.ifNoneMatch: etag], body: nil)
            #expect(again.status == .notModified)
            let login = try await browser.get("/login")
            let version = try #require(
                login.html.range(of: #"app\.css\?v=[0-9a-f]+"#, options: .regularExpression).map { String(login.html[$0].dropFirst(10)) })
            let versioned = try await browser.get("/static/app.css?v=\(version)")
            #expect(versioned.headers[.cacheControl]?.contains("immutable") == true)
            #expect(try await browser.get("/static/nothing.js").status == .notFound)
        }
    }
}
