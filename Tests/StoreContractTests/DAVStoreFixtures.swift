import Availability
import Foundation
import Store
import Testing

/// A calendar home to test the DAV stores against: Alice with a schedule (and so its booking
/// calendar), an event type on it and a calendar of her own; Bob with a calendar of his own.
struct DAVHome {
    typealias F = EventTypeFixtures

    let store: TestStore
    let alice: User
    let bob: User
    let schedule: StoredSchedule
    let eventType: EventType
    /// The calendar that shows the bookings of `schedule`.
    let bookings: CalendarCollection
    let personal: CalendarCollection
    let bobs: CalendarCollection

    static func make(_ kind: StoreKind) async throws -> DAVHome {
        let store = try await kind.open()
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
}

/// iCalendar texts and PUT bodies.
enum DAVFixtures {
    static func date(_ text: String) -> Date { EventTypeFixtures.date(text) }

    /// One VEVENT; `start`/`end` are RFC 3339, nil leaves the property out.
    static func ics(
        uid: String, summary: String = "Dentist", start: String? = "2025-11-17T12:00:00Z", end: String? = "2025-11-17T13:00:00Z"
    )
        -> String
    {
        func stamp(_ text: String) -> String {
            text.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        }
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//EN", "BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20251101T120000Z"]
        if let start { lines.append("DTSTART:\(stamp(start))") }
        if let end { lines.append("DTEND:\(stamp(end))") }
        lines += ["SUMMARY:\(summary)", "END:VEVENT", "END:VCALENDAR"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A PUT of `name` whose indexed span is `start..<end` (nil = unbounded).
    static func object(
        _ name: String, uid: String? = nil, summary: String = "Dentist", start: String? = "2025-11-17T12:00:00Z",
        end: String? = "2025-11-17T13:00:00Z"
    ) -> NewCalendarObject {
        let uid = uid ?? name.replacingOccurrences(of: ".ics", with: "") + "@tests"
        return NewCalendarObject(
            name: name, uid: uid, componentType: "VEVENT", ics: ics(uid: uid, summary: summary, start: start, end: end),
            firstStart: start.map(date), lastEnd: end.map(date), eventStart: start.map(date), eventEnd: end.map(date))
    }

    static func interval(_ start: String, _ end: String) -> DateInterval {
        DateInterval(start: date(start), end: date(end))
    }
}
