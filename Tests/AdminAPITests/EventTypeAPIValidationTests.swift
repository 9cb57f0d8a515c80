import Foundation
import HTTPTypes
import SQLiteStore
import Store
import Testing

/// Every refusal of `/api/event-types` (422 with paths, 400, 404 for a schedule that is not the
/// caller's) and the database afterwards: a failed request writes nothing.
struct EventTypeAPIValidationTests {
    typealias F = EventTypeAPIFixtures

    @Test("every invalid value is named with its path in one 422, and nothing is written")
    func everyInvalidValue() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await F.schedule(api, F.remoteWork)
            let body = """
                {"title": "  ", "slug": "Bad Slug", "duration": 0, "color": "red", "locationOverride": {"type": "inPerson"},
                 "calendarDestination": {"type": "external", "provider": "google"}, "slotInterval": 0, "beforeBuffer": -1,
                 "maxBookingsPerDay": -2, "bookingWindow": {"type": "rolling", "days": -1}}
                """
            let answer = try await api.post("/api/event-types", body)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.headers[.contentType] == "application/problem+json")
            #expect(answer.object["title"] as? String == "Invalid request")
            #expect(
                answer.errorPaths == [
                    "title", "slug", "color", "locationOverride.address", "calendarDestination.connectionId", "calendarDestination.calendarId",
                    "duration", "slotInterval", "beforeBuffer", "maxBookingsPerDay", "bookingWindow.days",
                ])
            #expect(try await server.store.eventTypes(ownedBy: try #require(server.userIDs["alice"])).isEmpty)
        }
    }

    @Test("missing, mistyped and unknown values are 422 naming the field; a body that is not JSON is 400")
    func decodingErrors() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await F.schedule(api, F.remoteWork)
            let cases: [(body: String, path: String)] = [
                (#"{"duration": 30}"#, "title"),
                (#"{"title": "Intro"}"#, "duration"),
                (#"{"title": "Intro", "duration": "30"}"#, "duration"),
                (#"{"title": 7, "duration": 30}"#, "title"),
                (#"{"title": "Intro", "duration": 30, "calendarDestination": {"type": "outlook"}}"#, "calendarDestination.type"),
                (#"{"title": "Intro", "duration": 30, "calendarDestination": {}}"#, "calendarDestination.type"),
                (#"{"title": "Intro", "duration": 30, "bookingWindow": {"type": "weekly"}}"#, "bookingWindow.type"),
                (
                    #"{"title": "Intro", "duration": 30, "bookingWindow": {"type": "range", "startDate": "soon", "endDate": "2026-01-01"}}"#,
                    "bookingWindow.startDate"
                ),
                (
                    #"{"title": "Intro", "duration": 30, "bookingWindow": {"type": "range", "startDate": "2026-02-01", "endDate": "2026-01-01"}}"#,
                    "bookingWindow.endDate"
                ),
                (#"{"title": "Intro", "duration": 30, "locationOverride": {"type": "pigeon"}}"#, "locationOverride.type"),
                (#"{"title": "Intro", "duration": 30, "locationOverride": {"type": "phone"}}"#, "locationOverride.phoneNumber"),
                (
                    #"{"title": "Intro", "duration": 30, "locationOverride": {"type": "remote", "videoLink": "http://x.org"}}"#,
                    "locationOverride.videoLink"
                ),
                (#"{"title": "Intro", "duration": 30, "slug": "-intro"}"#, "slug"),
                (##"{"title": "Intro", "duration": 30, "color": "#12345"}"##, "color"),
                (#"{"title": "Intro", "duration": 30, "minimumNotice": 99999999}"#, "minimumNotice"),
            ]
            for (body, path) in cases {
                let answer = try await api.post("/api/event-types", body)
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.errorPaths == [path], "\(body): \(answer.text)")
            }
            #expect(try await api.post("/api/event-types", #"{"title": "#).status == .badRequest)
            #expect(try await api.post("/api/event-types", "[]").status == .unprocessableContent)
            #expect(try await server.store.eventTypes(ownedBy: try #require(server.userIDs["alice"])).isEmpty)
        }
    }

    @Test("an external calendar destination must name a connection of the caller: 422 at calendarDestination.connectionId, on POST and PATCH")
    func externalDestination() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await F.schedule(api, F.remoteWork)
            let external = #"{"type": "external", "provider": "google", "connectionId": "nope", "calendarId": "primary", "createMeetLink": true}"#
            let message = "\"nope\" is not one of your calendar connections"
            let refused = try await api.post("/api/event-types", #"{"title": "Intro", "duration": 30, "calendarDestination": \#(external)}"#)
            #expect(refused.status == .unprocessableContent)
            let errors = refused.object["errors"] as? [[String: Any]]
            #expect(errors?.count == 1 && errors?.first?["path"] as? String == "calendarDestination.connectionId")
            #expect(errors?.first?["message"] as? String == message)
            #expect(refused.object["detail"] as? String == "calendarDestination.connectionId: \(message)")
            #expect(try await api.get("/api/event-types").array.isEmpty)

            let created = try await F.eventType(api, #"{"title": "Intro", "duration": 30}"#)
            let id = try #require(created["id"] as? String)
            let patched = try await api.patch("/api/event-types/\(id)", #"{"calendarDestination": \#(external)}"#)
            #expect(patched.status == .unprocessableContent && patched.errorPaths == ["calendarDestination.connectionId"])
            let stored = try await server.store.eventType(id: id, ownedBy: try #require(server.userIDs["alice"]))
            #expect(stored?.calendarDestination == .appOnly)
        }
    }

    @Test("without any schedule a POST is 422 at scheduleId; someone else's or a missing schedule is 404; nothing is written")
    func scheduleProblems() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let none = try await api.post("/api/event-types", #"{"title": "Intro", "duration": 30}"#)
            #expect(none.status == .unprocessableContent && none.errorPaths == ["scheduleId"])
            #expect(none.object["detail"] as? String == "scheduleId: is required: you have no default schedule; create a schedule first")

            let bobs = try await F.schedule(api, F.remoteWork, as: "bob")
            _ = try await F.schedule(api, F.remoteWork)
            let foreign = try await api.post("/api/event-types", #"{"title": "Intro", "duration": 30, "scheduleId": "\#(bobs)"}"#)
            #expect(foreign.status == .notFound)
            #expect(foreign.object["detail"] as? String == "schedule \(bobs) not found")
            let missing = try await api.post("/api/event-types", #"{"title": "Intro", "duration": 30, "scheduleId": "nope"}"#)
            #expect(missing.status == .notFound)
            #expect(try await server.store.eventTypes(ownedBy: try #require(server.userIDs["alice"])).isEmpty)
        }
    }

    @Test("a failed PATCH leaves the stored event type exactly as it was")
    func failedPatchWritesNothing() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await F.schedule(api, F.remoteWork)
            let bobs = try await F.schedule(api, F.remoteWork, as: "bob")
            let created = try await F.eventType(api, ##"{"title": "Intro", "duration": 30, "color": "#abcdef"}"##)
            let id = try #require(created["id"] as? String)
            let alice = try #require(server.userIDs["alice"])
            let before = try await server.store.eventType(id: id, ownedBy: alice)

            let attempts: [(body: String, status: HTTPResponse.Status)] = [
                (#"{"title": "Renamed", "duration": -5}"#, .unprocessableContent),
                (#"{"title": null}"#, .unprocessableContent),
                (#"{"duration": null}"#, .unprocessableContent),
                (#"{"title": "Renamed", "slug": "Not Valid"}"#, .unprocessableContent),
                (#"{"title": "Renamed", "scheduleId": "\#(bobs)"}"#, .notFound),
                (#"{"title": "Renamed""#, .badRequest),
            ]
            for (body, status) in attempts {
                let answer = try await api.patch("/api/event-types/\(id)", body)
                #expect(answer.status == status, "\(body): \(answer.text)")
            }
            #expect(try await server.store.eventType(id: id, ownedBy: alice) == before)
            #expect(try await api.patch("/api/event-types/nope", #"{"title": "x"}"#).status == .notFound)
        }
    }

    @Test("a reminder is 1 minute to 30 days before, or null for none")
    func reminder() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await F.schedule(api, F.remoteWork)
            for bad in ["0", "-5", "43201"] {
                let answer = try await api.post("/api/event-types", #"{"title": "Intro", "duration": 30, "reminderMinutes": \#(bad)}"#)
                #expect(answer.status == .unprocessableContent && answer.errorPaths == ["reminderMinutes"], "\(bad)")
            }
            let created = try await F.eventType(api, #"{"title": "Intro", "duration": 30, "reminderMinutes": 1440}"#)
            let id = try #require(created["id"] as? String)
            let cleared = try await api.patch("/api/event-types/\(id)", #"{"reminderMinutes": null}"#)
            #expect(cleared.status == .ok && cleared.object["reminderMinutes"] is NSNull)
        }
    }
}
