import Availability
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store
import Testing

@Suite("Web UI forms: CSRF and origin checks")
struct CSRFTests {
    static let newSchedule: [(String, String)] = [
        ("step", "3"), ("action", "create"), ("name", "Sneaky"), ("timezone", "America/Sao_Paulo"), ("location_type", "remote"),
        ("monday_on", "on"), ("monday_start", "09:00"), ("monday_end", "17:00"),
    ]

    @Test("a missing or tampered token is a 403 and nothing is stored")
    func badToken() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/availability/schedules/new")
            #expect(try await browser.post("/availability/schedules/new", Self.newSchedule, token: "").status == .forbidden)
            #expect(try await browser.post("/availability/schedules/new", Self.newSchedule, token: "x" + browser.lastToken).status == .forbidden)
        }
        #expect(try await server.store.schedules(ownedBy: server.userIDs["alice"]!).isEmpty)
    }

    @Test("a cross-site request is a 403 even with the right token; a foreign Origin too")
    func crossSite() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/availability/schedules/new")
            let crossSite = try await browser.post("/availability/schedules/new", Self.newSchedule, headers: [.secFetchSite: "cross-site"])
            #expect(crossSite.status == .forbidden)
            let foreign = try await browser.post("/availability/schedules/new", Self.newSchedule, headers: [.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden)
        }
        #expect(try await server.store.schedules(ownedBy: server.userIDs["alice"]!).isEmpty)
    }

    @Test("the right token from the same origin is accepted")
    func accepted() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/availability/schedules/new")
            let created = try await browser.post("/availability/schedules/new", Self.newSchedule)
            #expect(created.status == .seeOther)
        }
        #expect(try await server.store.schedules(ownedBy: server.userIDs["alice"]!).map(\.schedule.name) == ["Sneaky"])
    }

    @Test("the sign-in form needs its own token (no login CSRF)")
    func loginCSRF() async throws {
        try await WebTestServer.make().run { browser in
            let answer = try await browser.post("/login", [("username", "alice"), ("password", "alice-password")], token: "forged")
            #expect(answer.status == .forbidden)
        }
    }
}
