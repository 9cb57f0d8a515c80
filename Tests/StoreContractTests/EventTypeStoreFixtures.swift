import Availability
import Foundation
import Store

/// Small builders for the event-type and booking store tests: a fresh store per test,
/// users, schedules, event types and bookings with only the fields a test cares about.
enum EventTypeFixtures {
    static func user(_ store: TestStore, _ name: String) async throws -> User {
        try await store.createUser(NewUser(username: name, email: "\(name)@example.org", timeZone: "America/Sao_Paulo"), passwordHash: "x")
    }

    static func schedule(
        _ store: TestStore, _ userId: String, _ name: String, location: Location = Location(type: .remote, videoProvider: .zoom)
    ) async throws -> StoredSchedule {
        let hours = [WeeklyHours(day: "monday", slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])]
        return try await store.createSchedule(
            Schedule(name: name, timezone: "America/Sao_Paulo", availability: hours, location: location), ownedBy: userId)
    }

    /// An event type to create: empty slug and schedule mean "from the title" and "the default".
    static func eventType(_ userId: String, _ title: String, slug: String = "", scheduleId: String = "", duration: Int = 50) -> EventType {
        EventType(
            id: "", userId: userId, title: title, slug: slug, scheduleId: scheduleId, limits: EventTypeLimits(duration: duration),
            createdAt: Date(), updatedAt: Date())
    }

    /// A confirmed booking of `minutes` starting at `start` (RFC 3339).
    static func booking(
        _ eventType: EventType, _ start: String, minutes: Int = 50, status: Booking.Status = .confirmed, uid: String = UUID().uuidString
    ) -> Booking {
        let begin = date(start)
        return Booking(
            id: UUID().uuidString.lowercased(), uid: uid, userId: eventType.userId, eventTypeId: eventType.id, scheduleId: eventType.scheduleId,
            start: begin, end: begin.addingTimeInterval(Double(minutes * 60)), status: status,
            attendee: .init(name: "Carla Souza", email: "carla@example.org", timeZone: "America/Sao_Paulo"), location: "Video call (zoom)",
            notes: nil, sequence: 0, createdAt: date("2025-11-01T12:00:00Z"), updatedAt: date("2025-11-01T12:00:00Z"))
    }

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { preconditionFailure("bad fixture date \(text)") }
        return date
    }
}
