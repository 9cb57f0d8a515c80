import Availability
import Foundation
import HTTPTypes
import SQLiteStore
import Store
import Testing

/// `/api/event-types` against a live server and a real SQLite file: defaults, the effective
/// location, merging PATCH, conflicts and deletion. Validation is in `EventTypeAPIValidationTests`.
struct EventTypeAPITests {
    typealias F = EventTypeAPIFixtures

    static let allKeys: Set<String> = [
        "id", "userId", "title", "slug", "description", "duration", "scheduleId", "locationOverride", "effectiveLocation",
        "calendarDestination", "color", "slotInterval", "beforeBuffer", "afterBuffer", "minimumNotice", "bookingWindow", "maxBookingsPerDay",
        "maxBookingsPerWeek", "reminderMinutes", "createdAt", "updatedAt",
    ]

    @Test("a minimal POST gets the default schedule, a slug from the title, app-only and every field in the answer")
    func createWithDefaults() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let remote = try await F.schedule(api, F.remoteWork)
            _ = try await F.schedule(api, F.clinic)
            let answer = try await api.post("/api/event-types", #"{"title": "Online Consultation", "duration": 50}"#)
            #expect(answer.status == .created)
            #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
            let created = answer.object
            let id = try #require(created["id"] as? String)
            #expect(answer.headers[.location] == "/api/event-types/\(id)")
            #expect(Set(created.keys) == Self.allKeys)
            #expect(created["userId"] as? String == server.userIDs["alice"])
            #expect(created["slug"] as? String == "online-consultation")
            #expect(created["description"] as? String == "")
            #expect(created["scheduleId"] as? String == remote)
            #expect(F.canonical(created["calendarDestination"]) == #"{"type":"app-only"}"#)
            #expect(F.canonical(created["effectiveLocation"]) == F.canonical(json: F.remoteLocation))
            #expect(created["duration"] as? Int == 50)
            for key in ["beforeBuffer", "afterBuffer", "minimumNotice"] { #expect(created[key] as? Int == 0) }
            for key in ["locationOverride", "color", "slotInterval", "bookingWindow", "maxBookingsPerDay", "maxBookingsPerWeek"] {
                #expect(created[key] is NSNull, "\(key)")
            }
            let createdAt = try #require(created["createdAt"] as? String)
            #expect(ISO8601DateFormatter().date(from: createdAt) != nil && created["updatedAt"] as? String == createdAt)

            let fetched = try await api.get("/api/event-types/\(id)")
            #expect(fetched.status == .ok && F.canonical(fetched.object) == F.canonical(created))
            let list = try await api.get("/api/event-types")
            #expect(list.status == .ok && list.array.count == 1 && F.canonical(list.array.first) == F.canonical(created))
        }
    }

    @Test("every field given in a POST is stored and shown as given")
    func createWithEveryField() async throws {
        try await TestServer.make().run { api in
            _ = try await F.schedule(api, F.remoteWork)
            let clinic = try await F.schedule(api, F.clinic)
            let body = """
                {"title": "In-Person Consultation", "slug": "in-person", "description": "First visit", "duration": 60,
                 "scheduleId": "\(clinic)", "locationOverride": {"type": "phone", "phoneNumber": "+55 11 5555-0000"},
                 "calendarDestination": {"type": "app-only"}, "color": "#1E90FF", "slotInterval": 30, "beforeBuffer": 10,
                 "afterBuffer": 5, "minimumNotice": 120, "bookingWindow": {"type": "range", "startDate": "2025-12-01", "endDate": "2026-01-31"},
                 "maxBookingsPerDay": 4, "maxBookingsPerWeek": 10, "reminderMinutes": 1440}
                """
            let created = try await F.eventType(api, body)
            let expected = """
                {"title": "In-Person Consultation", "slug": "in-person", "description": "First visit", "duration": 60,
                 "scheduleId": "\(clinic)", "locationOverride": {"type": "phone", "phoneNumber": "+55 11 5555-0000"},
                 "effectiveLocation": {"type": "phone", "phoneNumber": "+55 11 5555-0000"},
                 "calendarDestination": {"type": "app-only"}, "color": "#1E90FF", "slotInterval": 30, "beforeBuffer": 10,
                 "afterBuffer": 5, "minimumNotice": 120, "bookingWindow": {"type": "range", "startDate": "2025-12-01", "endDate": "2026-01-31"},
                 "maxBookingsPerDay": 4, "maxBookingsPerWeek": 10, "reminderMinutes": 1440}
                """
            let shown = created.filter { !["id", "userId", "createdAt", "updatedAt"].contains($0.key) }
            #expect(F.canonical(shown) == F.canonical(json: expected))
            let rolling = try await F.eventType(api, #"{"title": "Quick", "duration": 15, "bookingWindow": {"type": "rolling", "days": 30}}"#)
            #expect(F.canonical(rolling["bookingWindow"]) == #"{"days":30,"type":"rolling"}"#)
        }
    }

    @Test("the effective location is the schedule's until overridden, follows a schedule change, and returns when the override is cleared")
    func effectiveLocation() async throws {
        try await TestServer.make().run { api in
            _ = try await F.schedule(api, F.remoteWork)
            let clinic = try await F.schedule(api, F.clinic)
            let created = try await F.eventType(api, #"{"title": "Visit", "duration": 50, "scheduleId": "\#(clinic)"}"#)
            let id = try #require(created["id"] as? String)
            #expect(created["locationOverride"] is NSNull)
            #expect(F.canonical(created["effectiveLocation"]) == F.canonical(json: F.clinicLocation))

            let phone = #"{"type": "phone", "phoneNumber": "+55 11 5555-0000"}"#
            let overridden = try await api.patch("/api/event-types/\(id)", #"{"locationOverride": \#(phone)}"#)
            #expect(overridden.status == .ok)
            #expect(F.canonical(overridden.object["locationOverride"]) == F.canonical(json: phone))
            #expect(F.canonical(overridden.object["effectiveLocation"]) == F.canonical(json: phone))
            let listed = try await api.get("/api/event-types")
            #expect(F.canonical(listed.array.first?["effectiveLocation"]) == F.canonical(json: phone))

            let cleared = try await api.patch("/api/event-types/\(id)", #"{"locationOverride": null}"#)
            #expect(cleared.object["locationOverride"] is NSNull)
            #expect(F.canonical(cleared.object["effectiveLocation"]) == F.canonical(json: F.clinicLocation))

            let schedules = try await api.get("/api/availability/schedules").array
            let remote = try #require(schedules.first { $0["name"] as? String == "Remote Work" }?["id"] as? String)
            let moved = try await api.patch("/api/event-types/\(id)", #"{"scheduleId": "\#(remote)"}"#)
            #expect(moved.object["scheduleId"] as? String == remote)
            #expect(F.canonical(moved.object["effectiveLocation"]) == F.canonical(json: F.remoteLocation))
        }
    }

    @Test("PATCH changes only the fields present; null clears optional fields; createdAt stays and updatedAt moves")
    func patchMerges() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await F.schedule(api, F.remoteWork)
            let body = ##"{"title": "Intro", "duration": 30, "color": "#112233", "slotInterval": 15, "maxBookingsPerDay": 3, "description": "Hi"}"##
            let created = try await F.eventType(api, body)
            let id = try #require(created["id"] as? String)
            try await Task.sleep(for: .milliseconds(1_100))
            let renamed = try await api.patch("/api/event-types/\(id)", #"{"title": "Introduction", "minimumNotice": 60}"#)
            #expect(renamed.status == .ok)
            var expected = created
            expected["title"] = "Introduction"
            expected["minimumNotice"] = 60
            expected["updatedAt"] = renamed.object["updatedAt"]
            #expect(F.canonical(renamed.object) == F.canonical(expected))
            #expect(renamed.object["createdAt"] as? String == created["createdAt"] as? String)
            #expect(renamed.object["updatedAt"] as? String != created["updatedAt"] as? String)

            let cleared = try await api.patch("/api/event-types/\(id)", #"{"color": null, "slotInterval": null, "maxBookingsPerDay": null}"#)
            #expect(cleared.status == .ok)
            for key in ["color", "slotInterval", "maxBookingsPerDay"] { #expect(cleared.object[key] is NSNull, "\(key)") }
            #expect(cleared.object["description"] as? String == "Hi" && cleared.object["duration"] as? Int == 30)
            let stored = try await server.store.eventType(id: id, ownedBy: try #require(server.userIDs["alice"]))
            #expect(stored?.title == "Introduction" && stored?.color == nil && stored?.limits.slotInterval == nil)
        }
    }

    @Test("a slug the user already has is 409 naming it, on POST and PATCH; another user may use it")
    func slugConflict() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await F.schedule(api, F.remoteWork)
            _ = try await F.schedule(api, F.remoteWork, as: "bob")
            _ = try await F.eventType(api, #"{"title": "Intro", "slug": "intro", "duration": 30}"#)
            let duplicate = try await api.post("/api/event-types", #"{"title": "Again", "slug": "intro", "duration": 30}"#)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.headers[.contentType] == "application/problem+json")
            #expect(duplicate.object["detail"] as? String == "slug \"intro\" is already used by another of your event types")
            let other = try await F.eventType(api, #"{"title": "Other", "duration": 30}"#)
            let id = try #require(other["id"] as? String)
            let renamed = try await api.patch("/api/event-types/\(id)", #"{"slug": "intro"}"#)
            #expect(renamed.status == .conflict)
            #expect(try await api.get("/api/event-types/\(id)").object["slug"] as? String == "other")
            _ = try await F.eventType(api, #"{"title": "Intro", "slug": "intro", "duration": 30}"#, as: "bob")
            #expect(try await server.store.eventTypes(ownedBy: try #require(server.userIDs["alice"])).count == 2)
        }
    }

    @Test("DELETE answers {success: true} and the event type is gone; with bookings it is 409 and stays")
    func delete() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await F.schedule(api, F.remoteWork)
            let free = try #require(try await F.eventType(api, #"{"title": "Free", "duration": 30}"#)["id"] as? String)
            let bookedType = try await F.eventType(api, #"{"title": "Booked", "duration": 30}"#)
            let booked = try #require(bookedType["id"] as? String)
            try await F.book(server.store, bookedType, "2025-11-17T12:00:00Z", status: .cancelled)

            let deleted = try await api.delete("/api/event-types/\(free)")
            #expect(deleted.status == .ok && deleted.text == #"{"success":true}"#)
            #expect(try await api.get("/api/event-types/\(free)").status == .notFound)
            #expect(try await api.delete("/api/event-types/\(free)").status == .notFound)

            let refused = try await api.delete("/api/event-types/\(booked)")
            #expect(refused.status == .conflict)
            #expect(
                refused.object["detail"] as? String == "event type \(booked) has 1 booking(s); bookings keep their history, so the event type stays")
            #expect(try await api.get("/api/event-types/\(booked)").status == .ok)
        }
    }

    @Test("a schedule in use cannot be deleted without reassignTo (409); with it, its event types move")
    func scheduleInUse() async throws {
        try await TestServer.make().run { api in
            let remote = try await F.schedule(api, F.remoteWork)
            let clinic = try await F.schedule(api, F.clinic)
            let visit = try #require(try await F.eventType(api, #"{"title": "Visit", "duration": 50, "scheduleId": "\#(clinic)"}"#)["id"] as? String)
            let refused = try await api.delete("/api/availability/schedules/\(clinic)")
            #expect(refused.status == .conflict)
            #expect((refused.object["detail"] as? String)?.contains("reassignTo") == true)
            #expect(try await api.get("/api/event-types/\(visit)").object["scheduleId"] as? String == clinic)

            let bobs = try await F.schedule(api, F.remoteWork, as: "bob")
            #expect(try await api.delete("/api/availability/schedules/\(clinic)?reassignTo=\(bobs)").status == .notFound)
            #expect(try await api.get("/api/event-types/\(visit)").object["scheduleId"] as? String == clinic)

            let reassigned = try await api.delete("/api/availability/schedules/\(clinic)?reassignTo=\(remote)")
            #expect(reassigned.status == .ok)
            let moved = try await api.get("/api/event-types/\(visit)")
            #expect(moved.object["scheduleId"] as? String == remote)
            #expect(F.canonical(moved.object["effectiveLocation"]) == F.canonical(json: F.remoteLocation))
            #expect(try await api.get("/api/availability/schedules/\(clinic)").status == .notFound)
        }
    }
}
