import Availability
import Foundation
import GRDB
import SQLiteStore
import Store
import Testing

// The fixtures of StoreContractTests, typed to `SQLiteDatabase` for the tests that look at the
// SQLite file itself (rows the stores do not expose, query plans, triggers, a second pool).

/// Alice with a schedule (and so its booking calendar), an event type on it and a calendar of
/// her own; Bob with a calendar of his own.
struct DAVHome {
    typealias F = EventTypeFixtures

    let store: SQLiteDatabase
    let alice: User
    let bob: User
    let schedule: StoredSchedule
    let eventType: EventType
    /// The calendar that shows the bookings of `schedule`.
    let bookings: CalendarCollection
    let personal: CalendarCollection
    let bobs: CalendarCollection

    static func make() async throws -> DAVHome {
        let store = try SQLiteDatabase.temporary()
        let alice = try await F.user(store, "alice")
        let bob = try await F.user(store, "bob")
        let schedule = try await F.schedule(store, alice.id, "Remote Work")
        _ = try await F.schedule(store, bob.id, "Bob's Work")
        let eventType = try await store.createEventType(F.eventType(alice.id, "Online Consultation"))
        let bookings = try #require(try await store.calendars(ownedBy: alice.id).first { $0.scheduleId == schedule.schedule.id })
        let personal = try await store.createCalendar(NewCalendar(slug: "personal", displayName: "Personal"), ownedBy: alice.id)
        let bobs = try await store.createCalendar(NewCalendar(slug: "personal", displayName: "Bob's personal"), ownedBy: bob.id)
        return DAVHome(
            store: store, alice: alice, bob: bob, schedule: schedule, eventType: eventType, bookings: bookings, personal: personal, bobs: bobs)
    }

    /// The calendar as stored now (its revision moves with every write).
    func reload(_ calendar: CalendarCollection) async throws -> CalendarCollection {
        try #require(try await store.calendar(slug: calendar.slug, ownedBy: calendar.userId))
    }

    /// Runs SQL straight on the file, to look at rows the stores do not expose.
    func sql<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) throws -> T {
        try DatabaseQueue(path: store.path).read(body)
    }
}

/// Users, schedules, event types and bookings with only the fields a test cares about.
enum EventTypeFixtures {
    static func user(_ store: SQLiteDatabase, _ name: String) async throws -> User {
        try await store.createUser(NewUser(username: name, email: "\(name)@example.org", timeZone: "America/Sao_Paulo"), passwordHash: "x")
    }

    static func schedule(_ store: SQLiteDatabase, _ userId: String, _ name: String) async throws -> StoredSchedule {
        let hours = [WeeklyHours(day: "monday", slots: [TimeSlot(startTime: "09:00", endTime: "17:00")])]
        return try await store.createSchedule(
            Schedule(
                name: name, timezone: "America/Sao_Paulo", availability: hours, location: Location(type: .remote, videoProvider: .zoom)),
            ownedBy: userId)
    }

    /// An event type to create: empty slug and schedule mean "from the title" and "the default".
    static func eventType(_ userId: String, _ title: String) -> EventType {
        EventType(
            id: "", userId: userId, title: title, slug: "", scheduleId: "", limits: EventTypeLimits(duration: 50), createdAt: Date(),
            updatedAt: Date())
    }

    /// A confirmed booking of 50 minutes starting at `start` (RFC 3339).
    static func booking(_ eventType: EventType, _ start: String, uid: String) -> Booking {
        let begin = date(start)
        return Booking(
            id: UUID().uuidString.lowercased(), uid: uid, userId: eventType.userId, eventTypeId: eventType.id, scheduleId: eventType.scheduleId,
            start: begin, end: begin.addingTimeInterval(50 * 60), status: .confirmed,
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

/// iCalendar texts and PUT bodies.
enum DAVFixtures {
    static func date(_ text: String) -> Date { EventTypeFixtures.date(text) }

    /// One VEVENT from `start` to `end` (RFC 3339).
    static func ics(
        uid: String, summary: String = "Dentist", start: String = "2025-11-17T12:00:00Z", end: String = "2025-11-17T13:00:00Z"
    )
        -> String
    {
        func stamp(_ text: String) -> String {
            text.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        }
        let lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//EN", "BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20251101T120000Z",
            "DTSTART:\(stamp(start))", "DTEND:\(stamp(end))", "SUMMARY:\(summary)", "END:VEVENT", "END:VCALENDAR",
        ]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A PUT of `name` whose indexed span is `start..<end`.
    static func object(
        _ name: String, uid: String? = nil, summary: String = "Dentist", start: String = "2025-11-17T12:00:00Z", end: String = "2025-11-17T13:00:00Z"
    ) -> NewCalendarObject {
        let uid = uid ?? name.replacingOccurrences(of: ".ics", with: "") + "@tests"
        return NewCalendarObject(
            name: name, uid: uid, componentType: "VEVENT", ics: ics(uid: uid, summary: summary, start: start, end: end),
            firstStart: date(start), lastEnd: date(end), eventStart: date(start), eventEnd: date(end))
    }

    static func interval(_ start: String, _ end: String) -> DateInterval {
        DateInterval(start: date(start), end: date(end))
    }
}
