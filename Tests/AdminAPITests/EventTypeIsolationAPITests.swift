import Foundation
import HTTPTypes
import SQLiteStore
import Store
import Testing

/// Two users on one server: neither sees, changes nor learns of the other's event types and
/// bookings (404 as for an id that never existed, empty lists), and nothing of the owner's changes.
struct EventTypeIsolationAPITests {
    typealias F = EventTypeAPIFixtures

    @Test("Bob gets 404 for every one of Alice's event types and bookings, on every method, and sees empty lists")
    func isolation() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let aliceSchedule = try await F.schedule(api, F.remoteWork)
            _ = try await F.schedule(api, F.remoteWork, as: "bob")
            let eventType = try await F.eventType(api, #"{"title": "Intro", "slug": "intro", "duration": 30}"#)
            let id = try #require(eventType["id"] as? String)
            let booking = try await F.book(server.store, eventType, "2025-11-17T12:00:00Z")
            let alice = try #require(server.userIDs["alice"])
            let before = try await server.store.eventType(id: id, ownedBy: alice)

            let notFound = "event type \(id) not found"
            let get = try await api.get("/api/event-types/\(id)", as: "bob")
            #expect(get.status == .notFound && get.object["detail"] as? String == notFound)
            let patch = try await api.patch("/api/event-types/\(id)", #"{"title": "Mine now"}"#, as: "bob")
            #expect(patch.status == .notFound && patch.object["detail"] as? String == notFound)
            let delete = try await api.delete("/api/event-types/\(id)", as: "bob")
            #expect(delete.status == .notFound && delete.object["detail"] as? String == notFound)
            #expect(try await api.get("/api/event-types", as: "bob").array.isEmpty)
            // Alice's schedule is as foreign to Bob as her event types.
            let onAlices = try await api.post(
                "/api/event-types", #"{"title": "Intro", "duration": 30, "scheduleId": "\#(aliceSchedule)"}"#, as: "bob")
            #expect(onAlices.status == .notFound)

            let bookingPath = "/api/bookings/\(booking.id)"
            let getBooking = try await api.get(bookingPath, as: "bob")
            #expect(getBooking.status == .notFound && getBooking.object["detail"] as? String == "booking \(booking.id) not found")
            // Bookings have no PATCH or DELETE yet: those answer 404 for everyone.
            #expect(try await api.patch(bookingPath, #"{"status": "cancelled"}"#, as: "bob").status == .notFound)
            #expect(try await api.delete(bookingPath, as: "bob").status == .notFound)
            #expect(try await api.get("/api/bookings", as: "bob").array.isEmpty)
            #expect(try await api.get("/api/bookings?eventTypeId=\(id)", as: "bob").array.isEmpty)
            #expect(try await api.get("/api/bookings?scheduleId=\(aliceSchedule)", as: "bob").array.isEmpty)

            #expect(try await server.store.eventType(id: id, ownedBy: alice) == before)
            #expect(try await server.store.booking(id: booking.id, ownedBy: alice) != nil)
            #expect(try await api.get("/api/event-types/\(id)").status == .ok)
            #expect(try await api.get("/api/bookings").array.count == 1)
            #expect(try await api.get("/api/event-types", as: nil).status == .unauthorized)
            #expect(try await api.get("/api/bookings", as: nil).status == .unauthorized)
        }
    }
}
