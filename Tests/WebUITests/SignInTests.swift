import Auth
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLiteStore
import Store
import Testing

@Suite("Web UI sign-in and sessions")
struct SignInTests {
    @Test("pages send a visitor to /login, remembering where they were going")
    func redirectsToSignIn() async throws {
        try await WebTestServer.make().run { browser in
            let root = try await browser.get("/")
            #expect(root.status == .seeOther)
            #expect(root.location == "/login")
            let page = try await browser.get("/availability/schedules/new")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?next=/availability/schedules/new")
        }
    }

    @Test("signing in sets a __Host- session cookie (HttpOnly, Secure, SameSite=Lax) and / leads to Availability")
    func signInSetsSession() async throws {
        try await WebTestServer.make().run { browser in
            _ = try await browser.get("/login")
            let answer = try await browser.post("/login", [("username", "alice"), ("password", "alice-password"), ("next", "/event-types")])
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/event-types")
            let cookie = answer.headers[values: .setCookie].first { $0.hasPrefix("__Host-horario_session=") }
            #expect(cookie?.contains("HttpOnly") == true)
            #expect(cookie?.contains("Secure") == true)
            #expect(cookie?.contains("SameSite=Lax") == true)
            #expect(cookie?.contains("Path=/") == true)
            let root = try await browser.get("/")
            #expect(root.location == "/availability/schedules")
            let schedules = try await browser.get("/availability/schedules")
            #expect(schedules.status == .ok)
            #expect(schedules.html.contains("Alice"))
        }
    }

    @Test("the session id is stored only as its hash")
    func sessionStoredHashed() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            let id = try #require(browser.cookie("__Host-horario_session"))
            #expect(try await server.store.session(idHash: id, now: Date()) == nil)
            #expect(try await server.store.session(idHash: SessionSecret.hash(id), now: Date())?.user.username == "alice")
        }
    }

    @Test("a wrong password and an unknown user get the same message; an open redirect is refused")
    func genericFailure() async throws {
        try await WebTestServer.make().run { browser in
            let wrong = try await browser.signIn("alice", password: "nope")
            let unknown = try await browser.signIn("mallory", password: "nope")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.html.contains("Wrong username or password."))
            #expect(unknown.html.contains("Wrong username or password."))
            _ = try await browser.get("/login")
            let evil = try await browser.post("/login", [("username", "alice"), ("password", "alice-password"), ("next", "//evil.example")])
            #expect(evil.location == "/availability/schedules")
        }
    }

    @Test("failed sign-ins are limited per username, known or not")
    func throttled() async throws {
        try await WebTestServer.make().run { browser in
            for _ in 0..<5 { _ = try await browser.signIn("alice", password: "wrong") }
            let blocked = try await browser.signIn("alice")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] != nil)
            for _ in 0..<5 { _ = try await browser.signIn("nobody", password: "wrong") }
            let ghost = try await browser.signIn("nobody", password: "wrong")
            #expect(ghost.status == .tooManyRequests)
            // Another account is not locked by alice's failures.
            let bob = try await browser.signIn("bob")
            #expect(bob.status == .seeOther)
        }
    }

    @Test("a session unused past its idle timeout is over; use slides it")
    func sessionExpiry() async throws {
        let server = try await WebTestServer.make()
        try await server.run { browser in
            _ = try await browser.signIn("alice")
            server.clock.advance(11 * 3600)
            #expect(try await browser.get("/account").status == .ok)  // slides to 12 h from here
            server.clock.advance(11 * 3600)
            #expect(try await browser.get("/account").status == .ok)
            server.clock.advance(12 * 3600 + 60)
            let expired = try await browser.get("/account")
            #expect(expired.status == .seeOther)
            #expect(expired.location?.hasPrefix("/login") == true)
        }
    }

    @Test("signing out deletes the session")
    func signOut() async throws {
        try await WebTestServer.make().run { browser in
            _ = try await browser.signIn("alice")
            _ = try await browser.get("/account")
            let out = try await browser.post("/logout", [])
            #expect(out.location == "/login?notice=notice_signed_out")
            #expect(try await browser.get("/account").status == .seeOther)
        }
    }

    @Test("/api and /dav ignore the session cookie")
    func apiIgnoresCookies() async throws {
        try await WebTestServer.make().run { browser in
            _ = try await browser.signIn("alice")
            #expect(try await browser.get("/api/availability/schedules").status == .unauthorized)
            let dav = try await browser.get("/dav/calendars/alice/")
            #expect(dav.status == .unauthorized)
        }
    }
}
