import Availability
import Foundation
import SQLiteStore
import Store
import Testing

/// A schedule of Alice's ("Remote Work": Monday to Friday 09:00–17:00 in São Paulo, UTC−3,
/// so 12:00–20:00 UTC) with its calendar `/dav/calendars/alice/remote-work/`, an event type on
/// it, and bookings inserted straight into the store as the booking flow will.
struct BookingFixture: Sendable {
    static let calendarPath = "/dav/calendars/alice/remote-work/"

    let server: DAVTestServer
    let schedule: StoredSchedule
    let eventType: EventType

    static func make(_ server: DAVTestServer) async throws -> BookingFixture {
        let alice = server.user("alice")
        let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
        let schedule = try await server.store.createSchedule(
            Schedule(
                name: "Remote Work", timezone: "America/Sao_Paulo",
                availability: weekdays.map { WeeklyHours(day: $0, slots: [TimeSlot(startTime: "09:00", endTime: "17:00")]) },
                location: Location(type: .remote, videoProvider: .zoom)),
            ownedBy: alice.id)
        let eventType = try await server.store.createEventType(
            EventType(
                id: "", userId: alice.id, title: "Online Consultation", slug: "", scheduleId: schedule.schedule.id ?? "",
                limits: EventTypeLimits(duration: 50), createdAt: Date(), updatedAt: Date()))
        return BookingFixture(server: server, schedule: schedule, eventType: eventType)
    }

    /// Records a confirmed booking of `minutes` at `start` (RFC 3339); its object is `<uid>.ics`.
    @discardableResult
    func book(_ start: String, minutes: Int = 50, uid: String, bookerEmail: String = "carla@example.org") async throws -> Booking {
        let begin = ICS.date(start)
        let booking = Booking(
            id: UUID().uuidString.lowercased(), uid: uid, userId: eventType.userId, eventTypeId: eventType.id, scheduleId: eventType.scheduleId,
            start: begin, end: begin.addingTimeInterval(Double(minutes * 60)), status: .confirmed,
            attendee: .init(name: "Carla Souza", email: bookerEmail, timeZone: "America/Sao_Paulo"), location: "Video call (zoom)",
            notes: nil, sequence: 0, createdAt: Date(), updatedAt: Date())
        try await server.store.recordBooking(booking)
        return booking
    }

    /// The booking as stored now.
    func stored(_ booking: Booking) async throws -> Booking {
        try #require(try await server.store.booking(id: booking.id, ownedBy: booking.userId))
    }

    static func objectPath(_ booking: Booking) -> String { calendarPath + booking.uid + ".ics" }
}
